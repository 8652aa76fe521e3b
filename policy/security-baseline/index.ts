/** The SecurityBaseline policy: AWS Security Hub controls evaluated on ACK objects. */
export * from './types';
export { CONTROLS, controlById } from './controls';
export { NOT_APPLICABLE_CONTROLS } from './controls/not-applicable';
export type { NotApplicableControl } from './controls/not-applicable';
export { controlsFor, coversSecurityBaseline, defaultSecurityBaselineSpec, evaluateSecurityBaseline, exceptionFor, parametersOf, validateSecurityBaselineSpec } from './evaluate';
export { baselineTable, renderBaselineDoc } from './table';
export type { BaselineRow, EnvironmentEstate } from './table';
