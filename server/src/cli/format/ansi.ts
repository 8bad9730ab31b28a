// ANSI styling, applied only when colour is enabled.
export interface Style {
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  gray(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  underline(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => (s ? `\x1b[${open}m${s}\x1b[${close}m` : s);

const COLOR: Style = {
  red: wrap(31, 39),
  yellow: wrap(33, 39),
  blue: wrap(34, 39),
  gray: wrap(90, 39),
  dim: wrap(2, 22),
  bold: wrap(1, 22),
  underline: wrap(4, 24),
};
const id = (s: string) => s;
const PLAIN: Style = { red: id, yellow: id, blue: id, gray: id, dim: id, bold: id, underline: id };

export function style(color: boolean): Style {
  return color ? COLOR : PLAIN;
}

/** Removes ANSI escape sequences (for tests and width computations). */
export function stripAnsi(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\x1b\[[0-9;]*m/g, '');
}
