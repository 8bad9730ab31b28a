// The server must keep serving whatever one document or request does: every handler runs through
// these guards, which log the error to the client's output and answer with a harmless default.
import type { Connection } from 'vscode-languageserver/node';

export type Logger = Pick<Connection['console'], 'error' | 'warn' | 'info' | 'log'>;

export function errorText(err: unknown): string {
  if (err instanceof Error) return err.stack ?? err.message;
  return String(err);
}

/** Wraps a request handler: an exception or rejection is logged and `fallback` returned. */
export function guard<A extends unknown[], R>(log: Logger, name: string, fallback: R, fn: (...args: A) => R | Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (err) {
      if (isCancellation(err)) throw err;
      log.error(`factlint: ${name} failed: ${errorText(err)}`);
      return fallback;
    }
  };
}

/** Wraps a notification handler or callback: an exception is logged, never thrown. */
export function guardVoid<A extends unknown[]>(log: Logger, name: string, fn: (...args: A) => void | Promise<void>): (...args: A) => void {
  return (...args: A) => {
    try {
      const r = fn(...args);
      if (r && typeof (r as Promise<void>).catch === 'function') {
        (r as Promise<void>).catch((err: unknown) => log.error(`factlint: ${name} failed: ${errorText(err)}`));
      }
    } catch (err) {
      log.error(`factlint: ${name} failed: ${errorText(err)}`);
    }
  };
}

/** Cancellation answers (ResponseError with a cancellation code) pass through the guards. */
function isCancellation(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return code === -32800 /* RequestCancelled */ || code === -32802 /* ServerCancelled */;
}
