// How long the extension took to start: logged in the factlint output channel and returned by
// the API (`activation()`), where the end-to-end suite checks it and the bench reads it.
//
// extension.ts imports this module before anything else, so esbuild's bundle runs it first:
// CODE_START is taken before vscode-languageclient's code runs.
export const CODE_START = performance.now();

export interface ActivationTimes {
  /** From the first statement of dist/client.js to the call of activate(): loading the client's code. */
  loadMs: number;
  /** From the call of activate() until the language server answered `initialize` and the first status request (absent if it did not start). */
  serverMs?: number;
  /** From the call of activate() until it returned. */
  activateMs: number;
}

/** Milestones of one activation, in performance.now() time. */
export class ActivationClock {
  private readonly called = performance.now();
  private serverReady?: number;
  private done?: number;

  serverStarted(): void {
    this.serverReady ??= performance.now();
  }

  finished(): ActivationTimes {
    this.done ??= performance.now();
    return {
      loadMs: this.called - CODE_START,
      ...(this.serverReady !== undefined ? { serverMs: this.serverReady - this.called } : {}),
      activateMs: this.done - this.called,
    };
  }
}

/** "activated in 412 ms (code loaded in 38 ms; language server ready in 390 ms)". */
export function describeActivation(t: ActivationTimes): string {
  const ms = (x: number) => `${Math.round(x)} ms`;
  const server = t.serverMs !== undefined ? `language server ready in ${ms(t.serverMs)}` : 'language server not started';
  return `activated in ${ms(t.activateMs)} (code loaded in ${ms(t.loadMs)}; ${server})`;
}
