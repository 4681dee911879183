/**
 * Storage failures the candidate must hear about, each with a stable code. The
 * messages say what happened and what to do; the work on screen is never lost.
 */
export type StorageErrorCode = 'UNAVAILABLE' | 'QUOTA' | 'CLOSED' | 'FAILED';

export class StorageError extends Error {
  readonly code: StorageErrorCode;
  constructor(code: StorageErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageError';
    this.code = code;
  }
}

/**
 * Classifies a Dexie or DOM error into a StorageError with an actionable message,
 * for a save that failed while work is on screen.
 */
export function toStorageError(error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  const names = errorNames(error);
  const has = (...candidates: string[]) => candidates.some((n) => names.includes(n));
  if (has('QuotaExceededError'))
    return new StorageError(
      'QUOTA',
      'Your disk or browser storage is full, so your latest changes could not be saved (what was saved before is kept). They are still on screen: export a draft now, then free some space; saving goes on by itself once there is room.',
      { cause: error },
    );
  // Before the "closed" names: a refused open (Chromium with site data blocked) is an
  // OpenFailedError wrapping "UnknownError: The user denied permission to access the database".
  if (has('MissingAPIError', 'OpenFailedError', 'SecurityError', 'InvalidAccessError'))
    return new StorageError(
      'UNAVAILABLE',
      'This browser is not letting Assay save your work (private browsing, or storage turned off). You can still do the exercise: export a draft often.',
      { cause: error },
    );
  if (has('DatabaseClosedError', 'InvalidStateError', 'UnknownError', 'AbortError'))
    return new StorageError(
      'CLOSED',
      'The browser closed the connection to saved work (site data cleared, or the database deleted in another tab). Your work is still on screen: export a draft.',
      { cause: error },
    );
  return new StorageError(
    'FAILED',
    `Saving failed: ${messageOf(error)}. Your text is still on screen; export a draft.`,
    {
      cause: error,
    },
  );
}

/**
 * The candidate's banner while the database is being opened again after the
 * browser closed or deleted it: the attempt on screen is then written again
 * from this page (state/attempt-run.ts), so reloading is not the advice.
 */
export function storingAgain(reason: StorageError): StorageError {
  return new StorageError(
    'CLOSED',
    'The browser closed or deleted the saved copy of your work (site data cleared, or another tab). Your work is still on screen, and Assay is storing it again from this page.',
    { cause: reason.cause ?? reason },
  );
}

/**
 * The message once the candidate's work can live only in this tab (memory), for
 * the reason given: said before the start as much as during the attempt, so it
 * names what is kept (what is on screen, in this tab) and what is not (nothing
 * survives closing or reloading it), and what to do (export).
 */
export function keptInThisTabOnly(reason: StorageError): StorageError {
  const why: Record<StorageErrorCode, string> = {
    UNAVAILABLE: 'This browser is not letting Assay store anything (private browsing, or site data turned off).',
    QUOTA: 'Your disk or browser storage is full.',
    CLOSED: 'The browser closed the saved copy of your work and Assay could not open it again.',
    FAILED: `The browser could not store your work (${messageOf(reason.cause ?? reason)}).`,
  };
  return new StorageError(
    reason.code,
    `${why[reason.code]} Your work is kept in this tab only: closing or reloading the tab loses it. You can still do the whole exercise: export a draft often, and download your result file before you close the tab.`,
    { cause: reason.cause ?? reason },
  );
}

function errorNames(error: unknown): string[] {
  const names: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (typeof current === 'object' && current !== null) {
      const { name } = current as { name?: unknown };
      if (typeof name === 'string') names.push(name);
      current = (current as { inner?: unknown; cause?: unknown }).inner ?? (current as { cause?: unknown }).cause;
    } else break;
  }
  return names;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
