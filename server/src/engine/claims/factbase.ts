// The facts, indexed for matching: each fact's checkable figures ("facets") and the entity
// aliases writers use. Built once per facts file; the per-document path only reads it.
import type { DateValue, Entity, Fact, FactsFile, Measure, Qualifier, Source, Value } from '../facts/schema.js';
import { KIND_VALUE_FORM } from '../facts/schema.js';
import type { FigureType } from '../types.js';
import { tokenize } from '../figures/tokens.js';
import { MEASURE_WORDS } from './lexicon.js';

export interface FactLocation {
  file: string;
  line: number;
  column: number;
  offset?: number;
}

export interface FacetVariant {
  value: Value;
  qualifier: Qualifier;
  sources: string[];
}

/** One checkable figure of a fact: its main value, its time ("for 2026") or its span ("over four years"). */
export interface Facet {
  key: string;
  fact: Fact;
  role: 'value' | 'time' | 'span';
  type: FigureType;
  variants: FacetVariant[];
  /** Company-like entities the figure belongs to / involves (persons and units mapped to their company). */
  subjects: string[];
  objects: string[];
  /** Cue phrases as lower-case word lists. */
  cues: string[][];
  measure: Measure;
}

export interface AliasEntry {
  words: string[];
  entity: string;
  /** Matched case-sensitively (names, tickers) or not (descriptions such as "the chatgpt maker"). */
  caseSensitive: boolean;
  /** The alias as written in the facts file. */
  text: string;
}

export interface FactBase {
  file: FactsFile;
  facts: Map<string, Fact>;
  entities: Map<string, Entity>;
  sources: Map<string, Source>;
  facets: Facet[];
  facetsByType: Map<FigureType, Facet[]>;
  /** Aliases by their first word (lower case). */
  aliases: Map<string, AliasEntry[]>;
  locations: Map<string, FactLocation>;
  /** The company an entity stands for (persons, units), or itself. */
  companyOf(entity: string): string;
  /** A stable fingerprint of the facts, for caches. */
  fingerprint: string;
}


export function words(phrase: string): string[] {
  return tokenize(phrase).map((t) => t.lower);
}

function hash(s: string): string {
  // FNV-1a, 32 bit: enough to tell facts files apart in a cache key.
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16);
}

export function buildFactBase(file: FactsFile, locations: Map<string, FactLocation> = new Map()): FactBase {
  const entities = new Map(file.entities.map((e) => [e.id, e]));
  const sources = new Map(file.sources.map((s) => [s.id, s]));
  const facts = new Map(file.facts.map((f) => [f.id, f]));
  const companyOf = (id: string): string => {
    let cur = id;
    for (let depth = 0; depth < 5; depth++) {
      const e = entities.get(cur);
      if (!e || !e.of) return cur;
      cur = e.of;
    }
    return cur;
  };
  const isParty = (id: string): boolean => {
    const e = entities.get(companyOf(id));
    return !e || e.type === 'company' || e.type === 'group';
  };
  // (institutions, outlets, places and persons are never parties of a fact)
  const aliases = new Map<string, AliasEntry[]>();
  const addAlias = (text: string, entity: string) => {
    const w = words(text);
    if (w.length === 0) return;
    // Descriptions ("the ChatGPT maker") match in any case; names and tickers as written.
    const caseSensitive = !(w[0] === 'the' || w[0] === 'a' || w[0] === 'an' || text.includes("'s ") || text.includes('’s '));
    const list = aliases.get(w[0]) ?? [];
    if (!list.some((a) => a.entity === entity && a.words.join(' ') === w.join(' '))) list.push({ words: w, entity, caseSensitive, text });
    aliases.set(w[0], list);
  };
  for (const e of file.entities) {
    addAlias(e.name, e.id);
    for (const a of e.aliases) addAlias(a, e.id);
  }
  for (const list of aliases.values()) list.sort((a, b) => b.words.length - a.words.length);

  const facets: Facet[] = [];
  for (const fact of file.facts) {
    const subjects = [...new Set(fact.subject.map(companyOf))];
    const objects = [...new Set(fact.entities.filter(isParty).map(companyOf))].filter((e) => !subjects.includes(e));
    const cues = [...new Set([...fact.cues, ...MEASURE_WORDS[fact.measure]])].map(words).filter((w) => w.length > 0);
    const base = { fact, subjects, objects, cues, measure: fact.measure };
    facets.push({
      ...base,
      key: fact.id,
      role: 'value',
      type: KIND_VALUE_FORM[fact.kind],
      variants: fact.variants.map((v) => ({ value: v.value, qualifier: v.qualifier, sources: [...new Set(v.sources.map((s) => s.source))] })),
    });
    if (fact.time) {
      const sourcesAll = [...new Set(fact.variants.flatMap((v) => v.sources.map((s) => s.source)))];
      facets.push({
        ...base,
        key: `${fact.id}#time`,
        role: 'time',
        type: 'date',
        variants: [{ value: fact.time.value as DateValue, qualifier: 'exact', sources: sourcesAll }],
      });
    }
    if (fact.span) {
      const sourcesAll = [...new Set(fact.variants.flatMap((v) => v.sources.map((s) => s.source)))];
      facets.push({ ...base, key: `${fact.id}#span`, role: 'span', type: 'duration', variants: [{ value: fact.span, qualifier: 'exact', sources: sourcesAll }] });
    }
  }
  const facetsByType = new Map<FigureType, Facet[]>();
  for (const f of facets) {
    const list = facetsByType.get(f.type) ?? [];
    list.push(f);
    facetsByType.set(f.type, list);
  }
  return {
    file,
    facts,
    entities,
    sources,
    facets,
    facetsByType,
    aliases,
    locations,
    companyOf,
    fingerprint: hash(JSON.stringify(file)),
  };
}
