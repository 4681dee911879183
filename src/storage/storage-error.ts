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

/** Classifies a Dexie or DOM error into a StorageError with an actionable message. */
export function toStorageError(error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  const names = errorNames(error);
  const has = (...candidates: string[]) => candidates.some((n) => names.includes(n));
  if (has('QuotaExceededError'))
    return new StorageError(
      'QUOTA',
      'Your disk or browser storage is full, so your latest changes could not be saved. They are still on screen: export a draft now, then free some space.',
      { cause: error },
    );
  if (has('DatabaseClosedError', 'InvalidStateError', 'UnknownError', 'AbortError'))
    return new StorageError(
      'CLOSED',
      'The browser closed the connection to saved work. Your text is still on screen; reload the page to reconnect, or export a draft.',
      { cause: error },
    );
  if (has('MissingAPIError', 'OpenFailedError', 'SecurityError', 'InvalidAccessError'))
    return new StorageError(
      'UNAVAILABLE',
      'This browser is not letting Assay save your work (private browsing, or storage turned off). You can still do the exercise: export a draft often.',
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
