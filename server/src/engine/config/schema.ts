// The factlint config file: `.factlintrc.yaml`, `.factlintrc.yml` or `.factlintrc.json`.
// Data only: a config file is never executed.
import { z } from 'zod';
import { RULE_CODES } from '../rules/catalog.js';

/** File names a folder is searched for, in order of preference. */
export const CONFIG_FILE_NAMES = ['.factlintrc.yaml', '.factlintrc.yml', '.factlintrc.json'] as const;

export const RULE_SETTINGS = ['error', 'warning', 'info', 'hint', 'off'] as const;
export type RuleSetting = (typeof RULE_SETTINGS)[number];

const settingMessage = `must be one of ${RULE_SETTINGS.map((s) => `"${s}"`).join(', ')}`;

export const RuleSettingSchema = z.enum(RULE_SETTINGS, { error: settingMessage });

export const ConfigSchema = z
  .object({
    $schema: z.string().optional(),
    /** Facts files or folders, relative to the config file's folder. */
    facts: z
      .array(z.string({ error: 'must be a path (a string)' }).min(1, 'must not be empty'), {
        error: 'must be a list of paths',
      })
      .optional(),
    /** Severity per rule code; 'off' drops the rule. */
    rules: z
      .record(z.string(), z.unknown(), { error: 'must be a mapping of rule code to severity' })
      .superRefine((rules, ctx) => {
        // Unknown codes and bad values are checked together so that every problem is reported.
        for (const [code, value] of Object.entries(rules)) {
          if (!(RULE_CODES as readonly string[]).includes(code)) {
            const near = closest(code, RULE_CODES);
            ctx.addIssue({
              code: 'custom',
              path: [code],
              message: `unknown rule "${code}"${near ? ` (did you mean "${near}"?)` : ''}`,
              params: { at: 'key' },
            });
          }
          if (!(RULE_SETTINGS as readonly unknown[]).includes(value)) {
            ctx.addIssue({ code: 'custom', path: [code], message: settingMessage });
          }
        }
      })
      .pipe(z.record(z.string(), RuleSettingSchema))
      .optional(),
    /** Globs, relative to the config file's folder, of drafts not to check. */
    ignore: z
      .array(z.string({ error: 'must be a glob (a string)' }).min(1, 'must not be empty'), {
        error: 'must be a list of globs',
      })
      .optional(),
    /**
     * Marks the top of a project. The nearest config file always wins (configs do not cascade),
     * so this only documents intent today.
     */
    root: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .strict();

export type FactlintConfig = z.infer<typeof ConfigSchema>;

/** The closest candidate by edit distance, if it is close enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}
