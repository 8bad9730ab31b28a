// Inline control comments: `<!-- factlint-disable [rule ...] -->` and friends, found in HTML nodes
// (never in code), and the filter that applies them to findings.
import type { Directive, DirectiveKind } from '../types.js';

const DIRECTIVE =
  /<!--\s*factlint-(disable-next-line|disable-line|disable-file|disable|enable)(?![\w-])([\s\S]*?)-->/g;

/** A directive found in an HTML node's value, with its lines relative to the node's first line. */
export interface DirectiveMatch {
  kind: DirectiveKind;
  rules: string[];
  /** Line breaks in the value before the comment. */
  lineDelta: number;
  /** Line breaks inside the comment. */
  lineSpan: number;
}

export function findDirectives(value: string): DirectiveMatch[] {
  if (value.indexOf('factlint-') < 0) return [];
  const out: DirectiveMatch[] = [];
  let scanned = 0;
  let lineDelta = 0;
  for (const m of value.matchAll(DIRECTIVE)) {
    lineDelta += countLineBreaks(value, scanned, m.index);
    scanned = m.index;
    const rules = m[2]
      .split(/[\s,]+/)
      .map((r) => r.trim())
      .filter((r) => r.length > 0);
    out.push({
      kind: m[1] as DirectiveKind,
      rules,
      lineDelta,
      lineSpan: countLineBreaks(m[0], 0, m[0].length),
    });
  }
  return out;
}

/** Line breaks (\n, \r\n or a lone \r) in text[from, to). */
export function countLineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      n++;
      if (i + 1 < to && text.charCodeAt(i + 1) === 10) i++;
    }
  }
  return n;
}

/** Disabled rules at some point: all rules (minus `except`) or just `rules`. */
interface State {
  all: boolean;
  /** When all: rules re-enabled; otherwise: rules disabled. */
  set: Set<string>;
}

function isOff(state: State, rule: string): boolean {
  return state.all ? !state.set.has(rule) : state.set.has(rule);
}

function disable(state: State, rules: string[]): State {
  if (rules.length === 0) return { all: true, set: new Set() };
  const set = new Set(state.set);
  for (const r of rules) {
    if (state.all) set.delete(r);
    else set.add(r);
  }
  return { all: state.all, set };
}

function enable(state: State, rules: string[]): State {
  if (rules.length === 0) return { all: false, set: new Set() };
  const set = new Set(state.set);
  for (const r of rules) {
    if (state.all) set.add(r);
    else set.delete(r);
  }
  return { all: state.all, set };
}

const norm = (rules: string[]): string[] => rules.map((r) => r.toLowerCase());

/**
 * Whether a finding of `rule` on 0-based `line` is suppressed by the directives.
 * - disable / enable: from the comment's line on (as in markdownlint, a line's comments apply to
 *   that line), until the matching enable / disable;
 * - disable-line: the comment's own line(s); disable-next-line: the line after the comment ends;
 * - disable-file: every line.
 * Rules are compared case-insensitively; an empty rule list means every rule.
 */
export function directiveFilter(
  directives: readonly Directive[],
  totalLines: number,
): (rule: string, line: number) => boolean {
  if (directives.length === 0) return () => false;

  let fileAll = false;
  const fileRules = new Set<string>();
  // Per-line suppressions from disable-line / disable-next-line.
  const lineAll = new Set<number>();
  const lineRules = new Map<number, Set<string>>();
  const addLine = (line: number, rules: string[]): void => {
    if (rules.length === 0) lineAll.add(line);
    else {
      let set = lineRules.get(line);
      if (!set) lineRules.set(line, (set = new Set()));
      for (const r of rules) set.add(r);
    }
  };

  const ranged: Directive[] = [];
  for (const d of directives) {
    const rules = norm(d.rules);
    switch (d.kind) {
      case 'disable-file':
        if (rules.length === 0) fileAll = true;
        else for (const r of rules) fileRules.add(r);
        break;
      case 'disable-line':
        for (let l = d.line; l <= Math.max(d.line, d.endLine); l++) addLine(l, rules);
        break;
      case 'disable-next-line':
        addLine(Math.max(d.line, d.endLine) + 1, rules);
        break;
      default:
        ranged.push(d);
    }
  }

  // disable / enable: a list of (from line, state), sorted by line.
  ranged.sort((a, b) => a.line - b.line);
  const starts: number[] = [];
  const states: State[] = [];
  let state: State = { all: false, set: new Set() };
  for (const d of ranged) {
    const rules = norm(d.rules);
    state = d.kind === 'disable' ? disable(state, rules) : enable(state, rules);
    if (starts.length > 0 && starts[starts.length - 1] === d.line) states[states.length - 1] = state;
    else {
      starts.push(d.line);
      states.push(state);
    }
  }

  // With few lines a direct table is fastest; otherwise binary search the starts.
  let perLine: Int32Array | undefined;
  if (starts.length > 0 && totalLines > 0 && totalLines <= 5_000_000) {
    perLine = new Int32Array(totalLines).fill(-1);
    for (let i = 0; i < starts.length; i++) {
      const from = Math.max(0, starts[i]);
      const to = i + 1 < starts.length ? Math.min(totalLines, starts[i + 1]) : totalLines;
      for (let l = from; l < to; l++) perLine[l] = i;
    }
  }
  const stateAt = (line: number): State | undefined => {
    if (perLine && line >= 0 && line < perLine.length) {
      const i = perLine[line];
      return i < 0 ? undefined : states[i];
    }
    let lo = 0;
    let hi = starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= line) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 ? undefined : states[found];
  };

  return (rule: string, line: number): boolean => {
    const r = rule.toLowerCase();
    if (fileAll || fileRules.has(r)) return true;
    if (lineAll.has(line)) return true;
    const set = lineRules.get(line);
    if (set && set.has(r)) return true;
    const s = stateAt(line);
    return s !== undefined && isOff(s, r);
  };
}
