/**
 * The scenario layer: YAML scenario files with `extends` chains and overrides, validated against a
 * JSON Schema generated from the parameter tree, and parameter documentation.
 */
export { InputError, describeValue, quote, type InputErrorParts } from './errors.js';
export {
  DEFAULT_SEED,
  MAX_SEED,
  SCENARIO_KEYS,
  expectedAt,
  scenarioJsonSchema,
  type JsonSchema,
  type ScenarioKey,
} from './schema.js';
export {
  MAX_CHAIN_LENGTH,
  applyParameterValues,
  loadScenario,
  loadScenarioText,
  resolveScenarioObject,
  scenarioRecord,
  type LoadOptions,
  type ObjectOptions,
  type ResolvedScenario,
  type ScenarioRecord,
} from './load.js';
export {
  OVERRIDE_SOURCE,
  checkAssignment,
  formatValue,
  parseOverride,
  type Assignment,
  type ParameterValue,
} from './overrides.js';
export { describeParameters, parameterInfo, type ParameterInfo } from './describe.js';
export { MAX_ALIAS_COUNT, MAX_YAML_BYTES, parseYaml, readYamlFile, type ParsedYaml, type YamlLocation } from './yaml.js';
