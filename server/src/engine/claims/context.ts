// The context a figure sits in: its sentence and clause, the entities named around it (with
// pronouns and descriptions resolved), and the block's surroundings (headings, table row and
// column, a list item's lead-in). Everything is computed once per block.
import type { ProseBlock } from '../types.js';
import { tokenize, type Token } from '../figures/tokens.js';
import type { FactBase } from './factbase.js';
import { DESCRIPTOR_HEADS, NOT_NAMES, PRONOUNS } from './lexicon.js';

export interface Span {
  first: number;
  next: number;
}

export interface Mention {
  /** Company id (persons and units mapped to their company); "?Name" for an unknown name. */
  entity: string;
  first: number;
  next: number;
  kind: 'name' | 'reference' | 'unknown';
}

/** Text around the block, with how much it says about the block's figures. */
export interface OuterText {
  tokens: Token[];
  weight: number;
  role: 'lead-in' | 'row-label' | 'row' | 'column' | 'heading';
}

export interface BlockContext {
  text: string;
  tokens: Token[];
  sentences: Span[];
  clauses: Span[];
  mentions: Mention[];
  outer: OuterText[];
  /** Entities named in the outer texts, best weight each. */
  outerEntities: Map<string, number>;
}

const ABBREVIATIONS = new Set([
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'inc', 'corp', 'co', 'ltd', 'mr', 'ms',
  'mrs', 'dr', 'st', 'vs', 'etc', 'u', 's', 'e', 'g', 'i', 'no', 'approx', 'est', 'jr', 'sr', 'prof', 'gen', 'col', 'dept', 'fig',
]);
const CLAUSE_WORDS = new Set(['while', 'whereas', 'but', 'although', 'though', 'which', 'who', 'whose', 'and', 'as', 'with', 'after', 'before', 'even', 'when', 'since', 'yet', 'so', 'plus']);

function isUpper(t: Token): boolean {
  const c = t.text.charCodeAt(0);
  return c >= 65 && c <= 90;
}

export function splitSentences(tokens: Token[]): Span[] {
  const spans: Span[] = [];
  let first = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    let end = false;
    if (t.text === '.' || t.text === '!' || t.text === '?' || t.text === '…' || t.text === ':') {
      if (!next) end = t.text !== ':';
      // A line break after a full stop, a question or a label ends the sentence: "**mira:** and
      // an IPO?\n**devbot:** Banks talk of ...".
      else if (next.newline && t.text !== ':') end = true;
      else if (t.text === ':') end = false;
      else if (next.space || next.newline) {
        const prev = tokens[i - 1];
        const abbrev = t.text === '.' && prev && prev.kind === 'word' && (ABBREVIATIONS.has(prev.lower) || (prev.text.length === 1 && isUpper(prev)));
        const startsNew = next.kind !== 'word' || isUpper(next);
        end = !abbrev && startsNew;
      }
    }
    // A new line that opens with a speaker or item label ("devbot:", "Q:") starts a sentence.
    if (!end && next && next.newline && next.kind === 'word' && tokens[i + 2]?.text === ':' && i + 1 > first) end = true;
    if (end) {
      spans.push({ first, next: i + 1 });
      first = i + 1;
    }
  }
  if (first < tokens.length) spans.push({ first, next: tokens.length });
  return spans;
}

function findMentions(tokens: Token[], base: FactBase, from = 0, to = tokens.length): Mention[] {
  const mentions: Mention[] = [];
  for (let i = from; i < to; i++) {
    const t = tokens[i];
    if (t.kind !== 'word' && t.kind !== 'num') continue;
    const list = base.aliases.get(t.lower);
    let matched = false;
    if (list) {
      for (const a of list) {
        if (i + a.words.length > to) continue;
        let ok = true;
        for (let k = 0; k < a.words.length; k++) {
          if (tokens[i + k].lower !== a.words[k]) {
            ok = false;
            break;
          }
          // Multi-word aliases must not span big gaps or line breaks.
          if (k > 0 && tokens[i + k].newline) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
        if (a.caseSensitive && !(isUpper(t) || t.kind === 'num')) continue;
        mentions.push({ entity: base.companyOf(a.entity), first: i, next: i + a.words.length, kind: 'name' });
        i += a.words.length - 1;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    // "a company worth $2.5tn", "another investor": an unnamed party, not the one last named.
    if (t.kind === 'word' && (t.lower === 'a' || t.lower === 'an' || t.lower === 'another') && tokens[i + 1] && DESCRIPTOR_HEADS.has(tokens[i + 1].lower) && i + 1 < to) {
      mentions.push({ entity: '?' + tokens[i + 1].lower, first: i, next: i + 2, kind: 'unknown' });
      i++;
      continue;
    }
    // Unknown counterparties: "a deal with Oracle", "backed by Tencent".
    const prev = tokens[i - 1];
    if (t.kind === 'word' && isUpper(t) && t.text.length > 1 && prev && (prev.lower === 'with' || prev.lower === 'from' || prev.lower === 'by') && !NOT_NAMES.has(t.lower)) {
      mentions.push({ entity: '?' + t.text, first: i, next: i + 1, kind: 'unknown' });
    }
  }
  return mentions;
}

/**
 * Pronouns and descriptions ("it", "its", "the company", "the startup") resolved to the sentence's
 * subject: the first company named earlier in the same sentence, else the first company of the
 * previous sentence (the topic carried over), else the block's surroundings.
 */
function resolveReferences(tokens: Token[], mentions: Mention[], sentences: Span[], fallback: string | undefined, base: FactBase): Mention[] {
  const isCompany = (m: Mention) => {
    if (m.kind !== 'name') return false;
    const e = base.entities.get(m.entity);
    return !e || e.type === 'company' || e.type === 'group';
  };
  const out: Mention[] = [];
  let m = 0;
  let previousTopic: string | undefined = fallback;
  let lastNamed: string | undefined = fallback;
  for (const s of sentences) {
    let topic: string | undefined;
    for (let i = s.first; i < s.next; i++) {
      let consumed = false;
      while (m < mentions.length && mentions[m].first === i) {
        const mention = mentions[m];
        out.push(mention);
        if (isCompany(mention)) {
          topic ??= mention.entity;
          lastNamed = mention.entity;
        }
        i = Math.max(i, mention.next - 1);
        m++;
        consumed = true;
      }
      if (consumed || i >= tokens.length) continue;
      const t = tokens[i];
      if (t.kind !== 'word') continue;
      const target = topic ?? previousTopic ?? lastNamed;
      if (!target) continue;
      if (PRONOUNS.has(t.lower)) {
        out.push({ entity: target, first: i, next: i + 1, kind: 'reference' });
      } else if (t.lower === 'the' && tokens[i + 1] && DESCRIPTOR_HEADS.has(tokens[i + 1].lower)) {
        out.push({ entity: target, first: i, next: i + 2, kind: 'reference' });
        i++;
      }
    }
    if (topic) previousTopic = topic;
  }
  while (m < mentions.length) out.push(mentions[m++]);
  return out;
}

const GAP_WORDS = new Set(['up', 'to', 'as', 'much', 'about', 'some', 'nearly', 'more', 'than', 'less', 'at', 'least', 'over', 'under', 'roughly', 'around', 'almost', 'another', 'a', 'further', 'just']);

/** After "and <Company>", a figure follows with no verb between: "and Nvidia up to $40bn". */
function gapped(tokens: Token[], from: number): boolean {
  for (let k = from; k < from + 5 && k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind === 'num' || t.text === '$' || t.text === '€' || t.text === '£') return true;
    if (t.kind !== 'word' || !(GAP_WORDS.has(t.lower) || t.lower === 'with' || t.lower === 'has')) return false;
    if (t.lower === 'with' || t.lower === 'has') return true;
  }
  return false;
}

function splitClauses(tokens: Token[], sentences: Span[], mentions: Mention[]): Span[] {
  const mentionAt = new Map<number, Mention>();
  for (const m of mentions) mentionAt.set(m.first, m);
  const clauses: Span[] = [];
  for (const s of sentences) {
    let first = s.first;
    let depth = 0;
    for (let i = s.first; i < s.next; i++) {
      const t = tokens[i];
      let cut = -1;
      // "Nvidia (up to $30bn)", "the Broadcom contract ($10bn)": a parenthesis just after a name belongs to it.
      const afterName = t.text === '(' && mentions.some((m) => m.next <= i && m.next >= i - 3 && m.first >= s.first && m.kind === 'name');
      if (t.text === ';' || (t.text === '(' && !afterName) || t.text === ')') cut = i;
      else if ((t.text === '—' || t.text === '–' || t.text === '-') && t.space && (tokens[i + 1]?.space ?? true)) cut = i;
      else if (t.text === ',' && tokens[i + 1] && CLAUSE_WORDS.has(tokens[i + 1].lower)) cut = i;
      else if (t.lower === 'and' && !tokens[i - 1]?.text.match(/^[,]$/)) {
        // Gapping: "Google put $8 billion into Anthropic and Amazon $2 billion".
        const m = mentionAt.get(i + 1);
        if (m && gapped(tokens, m.next)) cut = i;
      }
      if (t.text === '(') depth++;
      if (t.text === ')') depth = Math.max(0, depth - 1);
      if (cut >= 0 && cut > first) {
        clauses.push({ first, next: cut });
        first = cut;
      }
    }
    if (first < s.next) clauses.push({ first, next: s.next });
  }
  return clauses;
}

/** An outer text before it is read. */
interface OuterSpec {
  text: string;
  weight: number;
  role: OuterText['role'];
}

/** The texts around a block that bear on its figures, with how much each says about them. */
function outerSpecs(block: ProseBlock, row?: ProseBlock[], question?: string): OuterSpec[] {
  const specs: OuterSpec[] = [];
  if (question) specs.push({ text: question, weight: 0.6, role: 'heading' });
  if (block.leadIn) specs.push({ text: block.leadIn, weight: 0.9, role: 'lead-in' });
  if (block.table) {
    // A row label names the row's topic, not necessarily each cell's subject: strong, but not a clause's focus.
    if (block.table.column > 0) specs.push({ text: block.table.rowLabel, weight: 0.85, role: 'row-label' });
    for (const cell of row ?? []) {
      if (cell !== block && cell.table && cell.table.column > 0) specs.push({ text: cell.text, weight: 0.7, role: 'row' });
    }
    if (!block.table.isHeader) specs.push({ text: block.table.columnHeader, weight: 0.5, role: 'column' });
  }
  const hs = block.headings;
  for (let h = hs.length - 1; h >= 0; h--) specs.push({ text: hs[h], weight: h === hs.length - 1 ? 0.4 : 0.3, role: 'heading' });
  return specs;
}

/** The outer texts read: their tokens, the entities they name, and the one that carries over as topic. */
interface Surroundings {
  outer: OuterText[];
  outerEntities: Map<string, number>;
  fallback: string | undefined;
}

function readSurroundings(specs: OuterSpec[], base: FactBase): Surroundings {
  const outer: OuterText[] = [];
  const outerEntities = new Map<string, number>();
  let fallback: string | undefined;
  for (const s of specs) {
    const read = readOuterText(s.text, base);
    outer.push({ tokens: read.tokens, weight: s.weight, role: s.role });
    for (const m of read.names) {
      if (!fallback && s.weight >= 0.4) fallback = m.entity;
      outerEntities.set(m.entity, Math.max(outerEntities.get(m.entity) ?? 0, s.weight));
    }
  }
  return { outer, outerEntities, fallback };
}

/** An outer text read: its tokens and the entities it names (never mutated). */
interface ReadText {
  tokens: Token[];
  names: Mention[];
}

/** Headings and the cells of a table row recur as outer texts block after block: each is read once. */
const readTexts = new WeakMap<FactBase, Map<string, ReadText>>();
/** Distinct outer texts kept per facts base; past that the cache starts over. */
const TEXTS_KEPT = 4096;

function readOuterText(text: string, base: FactBase): ReadText {
  let cache = readTexts.get(base);
  if (!cache) readTexts.set(base, (cache = new Map()));
  let read = cache.get(text);
  if (!read) {
    if (cache.size >= TEXTS_KEPT) cache.clear();
    const tokens = tokenize(text);
    read = { tokens, names: findMentions(tokens, base).filter((m) => m.kind === 'name') };
    cache.set(text, read);
  }
  return read;
}

/**
 * The paragraphs of a section share its headings array (never mutated): their surroundings are
 * read once per facts base, headings, question and lead-in, not once per block. A table cell's
 * row is its own; its texts are still read only once each (readOuterText).
 */
const surroundingsCache = new WeakMap<FactBase, WeakMap<string[], Map<string, Surroundings>>>();

function surroundings(block: ProseBlock, base: FactBase, row?: ProseBlock[], question?: string): Surroundings {
  if (block.table) return readSurroundings(outerSpecs(block, row, question), base);
  let byHeadings = surroundingsCache.get(base);
  if (!byHeadings) surroundingsCache.set(base, (byHeadings = new WeakMap()));
  let cache = byHeadings.get(block.headings);
  if (!cache) byHeadings.set(block.headings, (cache = new Map()));
  const key = `${question?.length ?? 0}:${question ?? ''}${block.leadIn ?? ''}`;
  let found = cache.get(key);
  if (!found) cache.set(key, (found = readSurroundings(outerSpecs(block, row, question), base)));
  return found;
}

export function buildContext(block: ProseBlock, base: FactBase, row?: ProseBlock[], question?: string): BlockContext {
  const tokens = tokenize(block.text);
  const { outer, outerEntities, fallback } = surroundings(block, base, row, question);
  const named = findMentions(tokens, base);
  const sentences = splitSentences(tokens);
  const mentions = resolveReferences(tokens, named, sentences, fallback, base);
  const clauses = splitClauses(tokens, sentences, mentions);
  return { text: block.text, tokens, sentences, clauses, mentions, outer, outerEntities };
}

export function spanOf(spans: Span[], tokenIndex: number): Span | undefined {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid];
    if (tokenIndex < s.first) hi = mid - 1;
    else if (tokenIndex >= s.next) lo = mid + 1;
    else return s;
  }
  return undefined;
}

/** Index of the first token starting at or after `offset` (binary search). */
export function tokenAt(tokens: Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
