// The rules factlint reports, with their stable codes. README.md documents each with an example;
// SARIF output and the language server's codeDescription link to those sections.
import type { Severity } from '../types.js';

export interface RuleInfo {
  code: string;
  severity: Severity;
  summary: string;
  help: string;
  example: { draft: string; says: string };
}

export const RULES = [
  {
    code: 'wrong-value',
    severity: 'error',
    summary: 'The figure differs from the sourced value.',
    help: 'The draft gives a number for a fact that the sources state differently. Use the sourced figure or bind the figure to another fact.',
    example: { draft: 'Amazon is negotiating a $40 billion stake in OpenAI.', says: 'sources: up to $50 billion' },
  },
  {
    code: 'wrong-magnitude',
    severity: 'error',
    summary: 'The figure is off by a factor of ten or more (million for billion).',
    help: 'The digits match the sources but the scale does not: a scale word (million, billion) or a decimal point is wrong.',
    example: { draft: 'Nvidia is weighing $3 billion.', says: 'sources: up to $30 billion' },
  },
  {
    code: 'wrong-date',
    severity: 'error',
    summary: 'The day or month differs from the sourced date.',
    help: 'The draft dates an event differently from the sources.',
    example: { draft: 'Amazon confirmed the cuts on January 29.', says: 'sources: January 28, 2026' },
  },
  {
    code: 'wrong-year',
    severity: 'error',
    summary: 'The year differs from the sourced year.',
    help: 'The draft puts an event or period in a different year from the sources.',
    example: { draft: 'an IPO possibly in Q4 2027', says: 'sources: the fourth quarter of 2026' },
  },
  {
    code: 'wrong-entity',
    severity: 'error',
    summary: 'The figure belongs to another company or claim.',
    help: 'The number is right for some fact, but the draft gives it to the wrong company or the wrong deal.',
    example: { draft: 'SoftBank could contribute up to $50 billion.', says: "$50 billion is Amazon's figure; SoftBank: up to $30 billion" },
  },
  {
    code: 'contradicted-qualifier',
    severity: 'error',
    summary: 'The qualifier contradicts the sources (more than where they say less than).',
    help: 'The number is right but its bound points the other way from every source, or the draft denies a sourced figure.',
    example: { draft: 'Microsoft is considering more than $10 billion.', says: 'sources: less than $10 billion' },
  },
  {
    code: 'overstated-qualifier',
    severity: 'warning',
    summary: 'The qualifier overstates the sources.',
    help: 'The draft states a bound or a firm figure where the sources give a ceiling or a lower figure.',
    example: { draft: 'Microsoft will invest $10 billion.', says: 'sources: less than $10 billion' },
  },
  {
    code: 'overstated-status',
    severity: 'error',
    summary: 'The draft presents talks or plans as done.',
    help: 'The sources report negotiations or a proposal; the draft says the money was invested or the deal signed.',
    example: { draft: 'Amazon has invested $50 billion in OpenAI.', says: 'sources: in talks to invest up to $50 billion' },
  },
  {
    code: 'wrong-derived',
    severity: 'error',
    summary: 'A multiple, share or difference does not follow from the sourced figures.',
    help: 'The draft relates two sourced figures ("five times", "a quarter of", "$20 billion more than"); the arithmetic on the sources gives another result.',
    example: { draft: 'The round values OpenAI at ten times its 2024 valuation.', says: '$830 billion / $157 billion = 5.3 times' },
  },
  {
    code: 'unknown-fact',
    severity: 'error',
    summary: 'A footnote binds a figure to a fact id that does not exist.',
    help: 'The `[^id]` after a figure names no fact in the facts file. Fix the id (a suggestion is given) or remove the reference.',
    example: { draft: '$50 billion[^amazon-openai-invest]', says: 'did you mean amazon-openai-investment?' },
  },
  {
    code: 'disputed',
    severity: 'info',
    summary: 'The sources disagree; the draft states one of their versions.',
    help: 'Not an error: the message lists every version with its sources so the writer can attribute the figure.',
    example: { draft: "Anthropic's last round valued it at $350 billion.", says: '$350 billion (s000) vs $183 billion (s002)' },
  },
  {
    code: 'unsupported',
    severity: 'hint',
    summary: 'No fact in the facts file supports this figure.',
    help: 'The figure matches no sourced fact. Off by default in the CLI; enable it to review every unsourced number.',
    example: { draft: "Amazon's 2024 revenue was $638 billion.", says: 'no fact covers this figure' },
  },
] as const satisfies readonly RuleInfo[];

export type RuleCode = (typeof RULES)[number]['code'];
export const RULE_CODES: readonly RuleCode[] = RULES.map((r) => r.code);
export const RULE_BY_CODE: ReadonlyMap<string, RuleInfo> = new Map(RULES.map((r) => [r.code, r]));

/** Where each rule is documented (README anchors). */
export const DOCS_BASE = 'https://github.com/factlint/factlint/blob/main/README.md';
export function ruleDocsUrl(code: string): string {
  return `${DOCS_BASE}#rule-${code}`;
}
