// Claims to findings: the rule, the message with what the sources say, and a fix in the
// writer's style.
import type { Expected, Finding } from '../types.js';
import type { FactBase, Facet, FacetVariant } from '../claims/factbase.js';
import type { Claim } from '../claims/match.js';
import type { Outcome } from './evaluate.js';
import { isDisputed } from '../facts/disputes.js';
import { formatValue } from '../facts/format.js';
import { requalify, restyle } from './style.js';

/** A variant's text, made once per variant: findings quote the same few facts over and over. */
const variantTexts = new WeakMap<FacetVariant, string>();

function variantText(v: FacetVariant): string {
  let text = variantTexts.get(v);
  if (text === undefined) variantTexts.set(v, (text = formatValue(v.value, v.qualifier)));
  return text;
}

export function expectedOf(facet: Facet): Expected {
  return {
    factId: facet.fact.id,
    statement: facet.fact.statement,
    variants: facet.variants.map((v) => ({ text: variantText(v), sources: v.sources })),
    disputed: facet.role === 'value' && isDisputed(facet.fact),
  };
}

const sourcesSayTexts = new WeakMap<Facet, string>();

/** "up to $50 billion (s000, s002) | at least $50 billion (s004)" */
export function sourcesSay(facet: Facet): string {
  let text = sourcesSayTexts.get(facet);
  if (text === undefined) sourcesSayTexts.set(facet, (text = facet.variants.map((v) => `${variantText(v)} (${v.sources.join(', ')})`).join(' | ')));
  return text;
}

function what(facet: Facet): string {
  if (facet.role === 'time') return `the date of: ${facet.fact.statement}`;
  if (facet.role === 'span') return `the period of: ${facet.fact.statement}`;
  return facet.fact.statement;
}

const RULE_OF: Record<Exclude<Outcome, 'ok'>, string> = {
  overstated: 'overstated-qualifier',
  contradicted: 'contradicted-qualifier',
  'wrong-value': 'wrong-value',
  'wrong-magnitude': 'wrong-magnitude',
  'wrong-date': 'wrong-date',
  'wrong-year': 'wrong-year',
};

function entityFinding(figure: Claim['figure'], other: NonNullable<Claim['other']>, base: FactBase): Finding {
  const facet = other.facet;
  const names = [...facet.subjects, ...facet.objects].map((s) => base.entities.get(s)?.name ?? s).join(' and ');
  return {
    rule: 'wrong-entity',
    severity: 'error',
    message: `${figure.text} belongs to another claim in the sources, one involving ${names}: ${facet.fact.statement} (${sourcesSay(facet)}).`,
    start: figure.start,
    end: figure.end,
    factId: facet.fact.id,
    expected: expectedOf(facet),
  };
}

export function claimFindings(claim: Claim, base: FactBase): Finding[] {
  const { figure, best, other } = claim;
  if (claim.retracted) return [];
  const written = figure.text;
  if (best && best.ev.ok) {
    const facet = best.facet;
    if (claim.assertsCompletion && facet.role === 'value' && figure.type === 'money' && (facet.fact.status === 'proposed' || facet.fact.status === 'forecast')) {
      return [
        {
          rule: 'overstated-status',
          severity: 'error',
          message: `The draft presents ${written} as done, but the sources report ${facet.fact.status === 'proposed' ? 'talks or a proposal' : 'a forecast'}: ${sourcesSay(facet)}. ${facet.fact.statement}`,
          start: figure.fullStart,
          end: figure.fullEnd,
          factId: facet.fact.id,
          expected: expectedOf(facet),
        },
      ];
    }
    const expected = expectedOf(facet);
    if (expected.disputed && best.ev.okVariants.length < facet.variants.length) {
      return [
        {
          rule: 'disputed',
          severity: 'info',
          message: `The sources disagree on this figure: ${sourcesSay(facet)}. The draft follows ${[...new Set(best.ev.okVariants.flatMap((v) => v.sources))].join(', ')}.`,
          start: figure.fullStart,
          end: figure.fullEnd,
          factId: facet.fact.id,
          expected,
        },
      ];
    }
    return [];
  }
  if (best) {
    const facet = best.facet;
    const outcome = best.ev.outcome as Exclude<Outcome, 'ok'>;
    const closest = best.ev.closest;
    const qualifierRule = outcome === 'overstated' || outcome === 'contradicted';
    const replacement = restyle(figure, closest.value);
    const start = qualifierRule ? figure.fullStart : figure.start;
    const fixText = qualifierRule ? requalify(figure, closest.qualifier, replacement) : replacement;
    // Same subject, and the number and cues are another fact's: that fact, with the wrong counterparty.
    const sameSubject = other && other.facet.subjects.join() === facet.subjects.join();
    if (other && sameSubject && !qualifierRule && other.facet.fact.id !== facet.fact.id && other.cue >= best.cue) {
      return [entityFinding(figure, other, base)];
    }
    if (other && !qualifierRule && other.facet.fact.id !== facet.fact.id) {
      return [
        {
          rule: 'wrong-entity',
          severity: 'error',
          message: `${written} is the sources' figure for another claim (${other.facet.fact.statement}). Here the sources say ${sourcesSay(facet)}: ${facet.fact.statement}`,
          start: figure.start,
          end: figure.end,
          factId: facet.fact.id,
          expected: expectedOf(facet),
          related: [other.facet.fact.id],
          fix: { start: figure.start, end: figure.end, text: replacement, title: `Replace with ${replacement}` },
        },
      ];
    }
    const lead: Record<string, string> = {
      'wrong-value': `The sources say ${sourcesSay(facet)}, not ${written}`,
      'wrong-magnitude': `Wrong magnitude: the sources say ${sourcesSay(facet)}, not ${written}`,
      'wrong-date': `Wrong date: the sources say ${sourcesSay(facet)}, not ${written}`,
      'wrong-year': `Wrong year: the sources say ${sourcesSay(facet)}, not ${written}`,
      overstated: `The qualifier overstates the sources: they say ${sourcesSay(facet)}`,
      contradicted: figure.negated ? `The draft denies a sourced figure: the sources say ${sourcesSay(facet)}` : `The qualifier contradicts the sources: they say ${sourcesSay(facet)}`,
    };
    return [
      {
        rule: RULE_OF[outcome],
        severity: outcome === 'overstated' ? 'warning' : 'error',
        message: `${lead[outcome]}. (${what(facet)})`,
        start,
        end: qualifierRule ? figure.fullEnd : figure.end,
        factId: facet.fact.id,
        expected: expectedOf(facet),
        ...(figure.negated ? {} : { fix: { start, end: figure.end, text: fixText, title: `Replace with ${fixText}` } }),
      },
    ];
  }
  if (other) return [entityFinding(figure, other, base)];
  if (figure.incidental) return [];
  return [
    {
      rule: 'unsupported',
      severity: 'hint',
      message: `No fact in the facts file supports ${written}.`,
      start: figure.start,
      end: figure.end,
    },
  ];
}
