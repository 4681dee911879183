/**
 * Errors thrown by the core carry a stable `code` (for programs and tests) and a
 * message a person can act on. Validation failures also carry every issue found,
 * each with the JSON path of the value at fault.
 */
export type AssayErrorCode =
  | 'FILE_TOO_LARGE'
  | 'NOT_UTF8'
  | 'DUPLICATE_KEY'
  | 'NOT_JSON'
  | 'TOO_DEEP'
  | 'FORBIDDEN_KEY'
  | 'UNKNOWN_FORMAT'
  | 'SCHEMA_INVALID'
  | 'NOT_CANONICAL'
  | 'FETCH_FAILED';

export interface ValidationIssue {
  /** JSON path of the value at fault, e.g. `$.tasks[1].outputs[0].id`. */
  path: string;
  message: string;
}

export class AssayError extends Error {
  readonly code: AssayErrorCode;
  readonly issues: readonly ValidationIssue[];

  constructor(code: AssayErrorCode, message: string, issues: readonly ValidationIssue[] = []) {
    super(message);
    this.name = 'AssayError';
    this.code = code;
    this.issues = issues;
  }
}

export function isAssayError(error: unknown): error is AssayError {
  return error instanceof AssayError;
}
