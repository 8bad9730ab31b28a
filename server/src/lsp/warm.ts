// The server is warm once it has checked a draft: the code cache made then (boot.ts) holds the
// functions checking needs, compiled. Written a little later, once, when nothing is going on.
// (Loaded without boot.ts, as in some tests, there is no code cache.)
const SAVE = Symbol.for('factlint.saveCodeCache');
let scheduled = false;

export function warmedUp(): void {
  if (scheduled) return;
  scheduled = true;
  const save = (globalThis as { [k: symbol]: unknown })[SAVE];
  if (typeof save === 'function') setTimeout(save as () => void, 2000).unref();
}

/** How the server was loaded: with its code cache ('used'), or compiled ('made later', 'rejected', 'none'). */
export function codeCache(): string {
  return String((globalThis as { [k: symbol]: unknown })[Symbol.for('factlint.codeCache')] ?? 'none');
}
