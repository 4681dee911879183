// The core's public surface. The app and the CLI import from here only.
export { AssayError, isAssayError } from './errors.ts';
export type { AssayErrorCode, ValidationIssue } from './errors.ts';
export { parseUntrustedJson, DEFAULT_MAX_DEPTH } from './json/parse-untrusted-json.ts';
export { canonicalJson, canonicalBytes } from './json/canonical-json.ts';
export { formatJsonPath } from './json/path.ts';
export { sha256Hex, canonicalSha256 } from './hash.ts';
export { describeIssues } from './validation.ts';

export { DEFAULT_TAXONOMY, DEFAULT_SEVERITIES, DEFAULT_CRITIQUE_MIN_LENGTH } from './bundle/defaults.ts';
export { BUNDLE_FORMAT, BundleSchema, IdSchema, PublicJwkSchema } from './bundle/schema.ts';
export type { Bundle, BundleInput, Task, Output, Category, Severity, Requirements } from './bundle/schema.ts';
export {
  MAX_BUNDLE_BYTES,
  validateBundle,
  bundleHash,
  loadBundleText,
  assertBundleSize,
} from './bundle/parse-bundle.ts';
export type { LoadedBundle } from './bundle/parse-bundle.ts';

export { fieldKey, mergeFields, maxRev, RevisionClock } from './attempt/fields.ts';
export type { Fields, FieldPatch, FieldValue } from './attempt/fields.ts';
export { readTaskAnswer, missingForTask, critiqueLength } from './attempt/answers.ts';
export type { TaskAnswer, OutputAnswer, MissingItem, MissingKind } from './attempt/answers.ts';
export { shownOrder, outputLabels } from './attempt/order.ts';
export {
  timerState,
  deadlineOf,
  effectiveLimitMinutes,
  crossedWarnings,
  formatClock,
  formatDuration,
  WARNING_THRESHOLDS_MS,
} from './attempt/timer.ts';
export type { TimerState, TimerPhase } from './attempt/timer.ts';
export { EVENT_TYPES, EventSchema } from './attempt/events.ts';
export type { AttemptEvent, EventType, EventData } from './attempt/events.ts';
export { AttemptRecordSchema, CandidateSchema } from './attempt/record.ts';
export type { AttemptRecord, Candidate } from './attempt/record.ts';

export { RESULT_FORMAT, ResultSchema } from './result/schema.ts';
export type { Result, TaskResult } from './result/schema.ts';
export { buildResult } from './result/build-result.ts';
export type { BuildResultOptions } from './result/build-result.ts';
export { validateResult, parseResultText, MAX_RESULT_BYTES } from './result/validate-result.ts';

export { KEY_FORMAT, KeySchema } from './key/schema.ts';
export type { AnswerKey, TaskKey, KnownIssue, ConsistencyPair } from './key/schema.ts';
export { validateKey, checkKeyAgainstBundle, validateKeyForBundle } from './key/validate-key.ts';
export { randomId } from './random-id.ts';
