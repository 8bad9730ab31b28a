// Config files: discovery (resolve.ts), parsing with located problems (parse.ts), schema (schema.ts).
export { CONFIG_FILE_NAMES, ConfigSchema, RULE_SETTINGS, closest, type FactlintConfig, type RuleSetting } from './schema.js';
export { parseConfig, type ConfigProblem, type ParsedConfig } from './parse.js';
export {
  ConfigResolver,
  ignoreMatcher,
  resolveConfigFor,
  type ConfigResolverOptions,
  type ResolvedConfig,
} from './resolve.js';
