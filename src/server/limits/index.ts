export { createOperationLimits } from './create-operation-limits.js';
export type { OperationLimits, OperationLimitsConfig } from './create-operation-limits.js';
export { checkOperationCost, computeOperationCost } from './cost-limit-rule.js';
export type { OperationCostOptions } from './cost-limit-rule.js';
export { createLimitRules } from './limit-rules.js';
export type { LimitRuleOptions } from './limit-rules.js';
export { nameTokenLimit } from './token-limit.js';
