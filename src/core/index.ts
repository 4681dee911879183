// The core's public surface. The app and the CLI import from here only.
export { AssayError, isAssayError } from './errors.ts';
export type { AssayErrorCode, ValidationIssue } from './errors.ts';
export { parseUntrustedJson, DEFAULT_MAX_DEPTH } from './json/parse-untrusted-json.ts';
export { canonicalJson, canonicalBytes } from './json/canonical-json.ts';
export { formatJsonPath } from './json/path.ts';
export { decodeUtf8 } from './file/decode-text.ts';
export { visibleText, terminalJson } from './verify/visible-text.ts';
export {
  FILE_KINDS,
  assertFileSize,
  decodeUntrustedText,
  readUntrustedJson,
  readAssayFile,
  assayFileKind,
  fileKindNoun,
} from './file/untrusted-file.ts';
export type { FileKind } from './file/untrusted-file.ts';
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
  loadBundleBytes,
  assertBundleSize,
} from './bundle/parse-bundle.ts';
export type { LoadedBundle } from './bundle/parse-bundle.ts';

export { fieldKey, mergeFields, maxRev, RevisionClock } from './attempt/fields.ts';
export type { Fields, FieldPatch, FieldValue } from './attempt/fields.ts';
export { readTaskAnswer, missingForTask, critiqueLength } from './attempt/answers.ts';
export type { TaskAnswer, OutputAnswer, MissingItem, MissingKind } from './attempt/answers.ts';
export { shownOrder, outputLabels } from './attempt/order.ts';
export { pasteSource, comparableText } from './attempt/paste-source.ts';
export type { PasteSource } from './attempt/paste-source.ts';
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

export { chainAnchor, entryHash, chainHead, checkChain } from './attempt/event-chain.ts';
export type { ChainProblem } from './attempt/event-chain.ts';
export { sha256HexSync } from './crypto/sha256-sync.ts';
export { createAttemptKey, thumbprint, publicOnly } from './crypto/attempt-key.ts';
export type { AttemptKey } from './crypto/attempt-key.ts';
export { signResult, verifyResultSignature, signedPayload } from './crypto/sign-result.ts';
export type { SignatureCheck } from './crypto/sign-result.ts';
export { encryptResultFile, decryptResultFile, isCompactJwe } from './crypto/encrypt-result.ts';
export type { DecryptionKey } from './crypto/encrypt-result.ts';
export { InviteClaimsSchema, readInvite, inviteWindow } from './invite/read-invite.ts';
export type { InviteClaims } from './invite/read-invite.ts';
export { mintInvite, verifyInviteSignature } from './crypto/invite.ts';
export type { InviteInput, TeamSigningKey, TeamPublicKey } from './crypto/invite.ts';
export {
  TEAM_KEY_FORMAT,
  TEAM_KEY_BACKUP_FORMAT,
  BACKUP_PBKDF2_ITERATIONS,
  TeamKeyFileSchema,
  TeamKeyBackupSchema,
  validateTeamKeyFile,
  validateTeamKeyBackup,
  createTeamKey,
  restoreTeamKey,
} from './crypto/team-key.ts';
export type { TeamKeyFile, TeamKeyBackup, TeamKeys } from './crypto/team-key.ts';

export { csvCell, writeCsv, readCsv } from './invites/csv.ts';
export type { CsvRecord, CsvReadResult } from './invites/csv.ts';
export { parseCandidateList, isEmailAddress } from './invites/candidate-list.ts';
export type { CandidateList, CandidateListProblem, InviteCandidate } from './invites/candidate-list.ts';
export { inviteDuration, MAX_INVITE_MINUTES, MAX_EXTRA_TIME_PERCENT } from './invites/duration.ts';
export { verifyResult, checkBatch, CHECK_LABELS } from './verify/verify-result.ts';
export type {
  VerificationReport,
  VerifyContext,
  Check,
  CheckId,
  CheckStatus,
  KnownBundle,
} from './verify/verify-result.ts';
export { webCryptoProvider } from './crypto/provider.ts';
export type { CryptoProvider } from './crypto/provider.ts';
export { scoreResult, critiqueGrade } from './score/score-result.ts';
export { scoreRanking } from './score/ranking.ts';
export { scoreConsistency } from './score/consistency.ts';
export { contentFreeBaseline } from './score/baseline.ts';
export type { ContentFreeBaseline } from './score/baseline.ts';
export type {
  CandidateScore,
  TaskScore,
  OutputScore,
  IssueScore,
  RankingScore,
  ErrorScore,
  ConsistencyScore,
  CompositePart,
  CompositePartId,
  PartState,
  ReviewLookup,
  CritiqueGrades,
} from './score/score-result.ts';
export { candidateRow, compareByComposite, partsLabel, CSV_COLUMNS, formatCell } from './score/candidate-row.ts';
export type { CandidateRow } from './score/candidate-row.ts';
export { REVIEWS_FORMAT, ReviewsSchema, DEFAULT_RUBRIC, GRADE_MIN, GRADE_MAX } from './review/schema.ts';
export type { Reviews, Grade, RubricCriterion } from './review/schema.ts';
export { reviewAgreement, gradeLookup } from './review/agreement.ts';
export type { ReviewAgreement, Disagreement } from './review/agreement.ts';
export { validateReviews } from './review/validate-reviews.ts';
export { WORKSPACE_FORMAT, WorkspaceBackupSchema, validateWorkspaceBackup } from './workspace/backup.ts';
export type { WorkspaceBackup } from './workspace/backup.ts';
export { kendallTauB, spearmanRho, cohenKappa, fleissKappa, krippendorffAlpha } from './stats/index.ts';
export { cronbachAlpha } from './stats/index.ts';
export type { KrippendorffLevel } from './stats/index.ts';
export { EMBEDDED_ID, type Embedded } from './takehome/embedded.ts';
export { inviteTokenFromText, jsonForScript, makeTakeHomeHtml } from './takehome/take-home.ts';
export { assessmentChecks, looksOrdinal, ASSESSMENT_WARNING_TITLES } from './checks/assessment-checks.ts';
export type { AssessmentWarning, AssessmentWarningCode } from './checks/assessment-checks.ts';
