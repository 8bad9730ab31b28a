// The facts file format: one zod schema is the single definition. Types come from it and the
// JSON Schema shipped in facts/facts.schema.json is generated from it (`factlint facts schema`).
import { z } from 'zod';

const kebabId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case: lower-case letters, digits and single hyphens');

/** How a figure is bounded. Writers' words map onto these (see engine/lexicon.ts). */
export const QUALIFIERS = [
  'exact', // a bare figure: "$50 billion"
  'about', // about, around, roughly, approximately, some, an estimated
  'nearly', // nearly, almost, close to, just under
  'up-to', // up to, as much as, as many as, at most, no more than
  'less-than', // less than, under, below, fewer than
  'at-least', // at least, no less than, a minimum of
  'more-than', // more than, over, above, upwards of, "$13+ billion"
] as const;
export const Qualifier = z.enum(QUALIFIERS);
export type Qualifier = z.infer<typeof Qualifier>;

export const KINDS = ['amount', 'valuation', 'count', 'percent', 'date', 'duration'] as const;
export const Kind = z.enum(KINDS);
export type Kind = z.infer<typeof Kind>;

/** The form of value each kind of fact holds. */
export const KIND_VALUE_FORM: Record<Kind, 'money' | 'count' | 'percent' | 'date' | 'duration'> = {
  amount: 'money',
  valuation: 'money',
  count: 'count',
  percent: 'percent',
  date: 'date',
  duration: 'duration',
};

/** What a money figure measures; the engine knows the words writers use for each. */
export const MEASURES = [
  'investment', // money put into a company or offered for it
  'fundraise', // the total a company seeks to raise
  'valuation', // what a company is or would be worth
  'revenue', // revenue, sales, run rate
  'spending', // capital expenditure, spending plans
  'deal', // the value of a contract or agreement
  'facility', // the cost of a campus, data centre or project
  'workforce', // jobs, roles, layoffs
  'share-price', // a move of a share price
  'funding-structure', // tranches, stages
  'timing', // when something happened or is expected
] as const;
export const Measure = z.enum(MEASURES);
export type Measure = z.infer<typeof Measure>;

export const PRECISIONS = ['day', 'month', 'quarter', 'half', 'year'] as const;
export const Precision = z.enum(PRECISIONS);
export type Precision = z.infer<typeof Precision>;

const DATE_FORMS: Record<Precision, RegExp> = {
  day: /^\d{4}-\d{2}-\d{2}$/,
  month: /^\d{4}-\d{2}$/,
  quarter: /^\d{4}-Q[1-4]$/,
  half: /^\d{4}-H[12]$/,
  year: /^\d{4}$/,
};

/** A calendar date or period: "2026-01-28" (day), "2026-01" (month), "2026-Q4", "2026-H2", "2026". */
export const DateValue = z
  .object({
    date: z.string().describe('ISO-like: YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY'),
    precision: Precision,
    part: z
      .enum(['early', 'mid', 'late', 'end'])
      .optional()
      .describe('"late 2026", "end of the first quarter": a part of the period'),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!DATE_FORMS[v.precision].test(v.date)) {
      ctx.addIssue({ code: 'custom', path: ['date'], message: `"${v.date}" is not a ${v.precision} (expected ${DATE_FORMS[v.precision].source})` });
    }
  });
export type DateValue = z.infer<typeof DateValue>;

export const MoneyValue = z
  .object({
    amount: z.number().positive().describe('in units of the currency: 50000000000 for $50 billion'),
    currency: z.enum(['USD', 'EUR', 'GBP', 'INR', 'JPY']).default('USD'),
  })
  .strict();
export const CountValue = z.object({ count: z.number().nonnegative(), unit: z.string().min(1) }).strict();
export const PercentValue = z.object({ percent: z.number() }).strict();
export const DurationValue = z
  .object({ duration: z.number().positive(), unit: z.enum(['day', 'week', 'month', 'quarter', 'year']) })
  .strict();

export const Value = z.union([MoneyValue, CountValue, PercentValue, DateValue, DurationValue]);
export type Value = z.infer<typeof Value>;
export type MoneyValue = z.infer<typeof MoneyValue>;
export type CountValue = z.infer<typeof CountValue>;
export type PercentValue = z.infer<typeof PercentValue>;
export type DurationValue = z.infer<typeof DurationValue>;

export const SourceRef = z
  .object({
    source: z.string().min(1).describe('id of an entry in `sources`'),
    quote: z
      .string()
      .min(1)
      .describe('a short verbatim quote from the article (at most ~30 words) that contains the figure'),
  })
  .strict();
export type SourceRef = z.infer<typeof SourceRef>;

/** One reading of a fact, with the sources that give it. Several variants = the sources disagree. */
export const Variant = z
  .object({
    value: Value,
    qualifier: Qualifier.default('exact'),
    sources: z.array(SourceRef).min(1),
    note: z.string().optional(),
  })
  .strict();
export type Variant = z.infer<typeof Variant>;

/** When the fact's figure applies: "for 2026", "since 2019", "signed in November 2025". */
export const TimeRef = z
  .object({
    value: DateValue,
    relation: z.enum(['on', 'in', 'for', 'since', 'by', 'as-of']).default('in'),
    note: z.string().optional(),
  })
  .strict();
export type TimeRef = z.infer<typeof TimeRef>;

export const Status = z.enum(['reported', 'proposed', 'completed', 'forecast', 'estimate']);
export type Status = z.infer<typeof Status>;

export const Fact = z
  .object({
    id: kebabId,
    statement: z.string().min(1).describe('one line, in our own words'),
    kind: Kind,
    measure: Measure,
    subject: z.array(kebabId).min(1).describe('entity ids the figure belongs to (several for a combined figure)'),
    entities: z.array(kebabId).default([]).describe('other entities involved (counterparty, target)'),
    status: Status.default('reported').describe('proposed: talks, not agreed; completed: done; forecast: expected'),
    cues: z.array(z.string().min(1)).default([]).describe('words that signal this fact in prose, lower case'),
    time: TimeRef.optional(),
    span: DurationValue.optional().describe('the period the figure covers: "over four years"'),
    variants: z.array(Variant).min(1),
    note: z.string().optional(),
  })
  .strict();
export type Fact = z.infer<typeof Fact>;

export const Entity = z
  .object({
    id: kebabId,
    name: z.string().min(1),
    type: z
      .enum(['company', 'person', 'group', 'place', 'outlet', 'institution'])
      .default('company')
      .describe('institution: a university, think tank or firm quoted for comment, never a party to a fact'),
    aliases: z.array(z.string().min(1)).default([]).describe('names, tickers and descriptions writers use'),
    of: kebabId.optional().describe('for a person or unit: the entity it stands for'),
  })
  .strict();
export type Entity = z.infer<typeof Entity>;

export const Source = z
  .object({
    id: z.string().min(1),
    file: z.string().min(1).describe('file name of the article in the sources folder'),
    title: z.string().optional(),
    outlet: z.string().optional(),
    byline: z.string().optional(),
    published: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    note: z.string().optional(),
  })
  .strict();
export type Source = z.infer<typeof Source>;

export const Exclusion = z
  .object({
    source: z.string().min(1),
    text: z.string().min(1).describe('the figure as written in the article'),
    quote: z.string().min(1).describe('the verbatim context of the figure'),
    reason: z.string().min(1),
  })
  .strict();
export type Exclusion = z.infer<typeof Exclusion>;

export const FactsFile = z
  .object({
    $schema: z.string().optional(),
    version: z.literal(1),
    title: z.string().optional(),
    period: z
      .object({ from: z.string(), to: z.string() })
      .strict()
      .optional()
      .describe('the dates the sources cover; years missing in a draft are read against it'),
    sources: z.array(Source).min(1),
    entities: z.array(Entity).min(1),
    facts: z.array(Fact).min(1),
    exclusions: z.array(Exclusion).default([]),
  })
  .strict();
export type FactsFile = z.infer<typeof FactsFile>;
export type FactsFileInput = z.input<typeof FactsFile>;
