// The domain types that flow through the engine:
//   text -> ProseBlock (markdown/) -> Figure (figures/) -> Claim (claims/) -> Finding (rules/)
// Offsets are UTF-16 code-unit offsets into the document text (JavaScript string indices).
import type { DateValue, Fact, Qualifier } from './facts/schema.js';

export type { Fact, Qualifier, DateValue };

/** A stretch of prose the checker reads: a paragraph, heading, list item text or table cell. */
export interface ProseBlock {
  kind: 'paragraph' | 'heading' | 'table-cell';
  /** Document offsets of the block's source span, [start, end). */
  start: number;
  end: number;
  /**
   * The block's source, same length as document.slice(start, end), with everything that is not
   * prose (markup, inline code, HTML, URLs, footnote references) replaced by spaces, so an
   * index i in `text` is document offset start + i.
   */
  text: string;
  /** Texts of the enclosing headings, outermost first (the block's own text excluded). */
  headings: string[];
  /** For a table cell: the first cell of its row and its column's header cell (plain text). */
  table?: { rowLabel: string; columnHeader: string; row: number; column: number; isHeader: boolean };
  /** Inside a list item / block quote. */
  inList: boolean;
  inQuote: boolean;
  /** A list item's bold or colon-terminated lead-in ("**SoftBank**:"), as plain text. */
  leadIn?: string;
  /** Label of the footnote definition holding the block (`[^label]: ...`). */
  footnote?: string;
}

/** `[^label]` in prose: binds the figure before it to the fact with that id. */
export interface FootnoteRef {
  label: string;
  start: number;
  end: number;
}

export type DirectiveKind = 'disable' | 'enable' | 'disable-line' | 'disable-next-line' | 'disable-file';
/** `<!-- factlint-disable-next-line wrong-value -->`; rules empty = all rules. */
export interface Directive {
  kind: DirectiveKind;
  rules: string[];
  /** 0-based line of the comment's start and end. */
  line: number;
  endLine: number;
}

export interface ParsedMarkdown {
  blocks: ProseBlock[];
  footnoteRefs: FootnoteRef[];
  directives: Directive[];
  /** Front matter `date:` (YYYY-MM-DD) if present: the draft's own date. */
  draftDate?: string;
}

export type FigureType = 'money' | 'count' | 'percent' | 'date' | 'duration';

/** How the writer wrote a money or count figure, so a replacement can be written the same way. */
export interface FigureStyle {
  /** Text before the number: "$", "US$", "USD ", "" */
  prefix: string;
  /** Scale as written: "billion", "bn", "B", "bln", "" */
  scale: string;
  /** Separator between number and scale: " " or "" */
  scaleSep: string;
  /** Text after: " dollars", "%", " percent", "" */
  suffix: string;
  /** Number written in words ("fifty billion dollars"). */
  words: boolean;
  /** Thousands separators in digits ("16,000"). */
  grouped: boolean;
  /** Multiplier of the scale word, e.g. 1e9 for "billion". */
  multiplier: number;
}

/** A calendar reference: any of year, month, day may be unknown ("Jan. 28", "November"). */
export interface DateRef {
  year?: number;
  month?: number; // 1-12
  day?: number;
  quarter?: number; // 1-4
  half?: number; // 1-2
  part?: 'early' | 'mid' | 'late' | 'end';
  decade?: boolean; // "1990s"
  relation?: 'since' | 'by' | 'in' | 'on' | 'for' | 'as-of';
  precision: 'day' | 'month' | 'quarter' | 'half' | 'year' | 'decade';
}

/** A figure as found in prose. */
export interface Figure {
  type: FigureType;
  /** Offsets of the figure itself ("$50 billion"). */
  start: number;
  end: number;
  /** Offsets including a qualifier or negation before/after ("up to $50 billion"). */
  fullStart: number;
  fullEnd: number;
  text: string;
  /** money: units of currency; count: the count; percent: the percent; duration: the count of units. */
  value: number;
  /** For a range "$30-50 billion": the bounds (value = high). */
  low?: number;
  currency?: string;
  /** The noun after a count or duration ("roles", "years"). */
  unit?: string;
  date?: DateRef;
  qualifier: Qualifier;
  /** Text of the qualifier as written ("as much as"), empty for exact. */
  qualifierText: string;
  negated: boolean;
  /** Significant precision of the number as written: 1e9 for "$50 billion", 1e7 for "$0.83 trillion". */
  precision: number;
  /** Value of one unit of the last non-zero digit: 1e11 for "$800 billion" (used with "about"). */
  roundPrecision?: number;
  style?: FigureStyle;
  /** A figure in words with no unit or context ("two stories"): usually incidental. */
  incidental?: boolean;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** What the sources say, attached to a finding. */
export interface Expected {
  factId: string;
  statement: string;
  /** Each variant as text with its sources: "up to $50 billion (s000, s002, s003)". */
  variants: { text: string; sources: string[] }[];
  disputed: boolean;
}

/** One finding of one rule on one figure. */
export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  /** Document offsets [start, end). */
  start: number;
  end: number;
  factId?: string;
  expected?: Expected;
  /** The replacement text for [start, end), in the writer's style. */
  fix?: { start: number; end: number; text: string; title: string };
  /** Other facts involved (for "belongs to another entity"). */
  related?: string[];
}

/** A problem in a data file (facts, config), located for editors and terminals. */
export interface LocatedProblem {
  file: string;
  /** 1-based; endColumn exclusive; columns in UTF-16 code units. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The field: "facts[3].variants[0].sources[1].quote", "rules.wrong-valu"; "" for the whole file. */
  path: string;
  message: string;
  severity: 'error' | 'warning';
}
