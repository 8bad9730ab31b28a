// The server is warm once it has checked a draft: the code cache made then (boot.ts) holds the
// functions checking needs, compiled. Written a little later, once, when nothing is going on. A
// session that ends before that leaves a start-up cache at shutdown (when it found none).
// (Loaded without boot.ts, as in some tests, there is no code cache.)
const SAVE = Symbol.for('factlint.saveCodeCache');
let scheduled = false;

function saver(): ((stage?: 'warm' | 'start') => void) | undefined {
  const save = (globalThis as { [k: symbol]: unknown })[SAVE];
  return typeof save === 'function' ? (save as (stage?: 'warm' | 'start') => void) : undefined;
}

export function warmedUp(): void {
  if (scheduled) return;
  scheduled = true;
  const save = saver();
  if (save) setTimeout(() => save('warm'), 2000).unref();
}

/** At shutdown: the start-up code cache, if this session loaded none and wrote none. */
export function shuttingDown(): void {
  saver()?.('start');
}

/** How the server was loaded: with its code cache ('used', 'used (start-up only)'), or compiled ('made later', 'rejected', 'none'). */
export function codeCache(): string {
  return String((globalThis as { [k: symbol]: unknown })[Symbol.for('factlint.codeCache')] ?? 'none');
}
