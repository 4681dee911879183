/**
 * One tab edits an attempt at a time (Web Locks). A second tab of the same attempt
 * opens read-only and can take over; the first is then told and turns read-only.
 * Where Web Locks are missing or refused, every tab may edit and the field-by-field merge by
 * revision still keeps the newest text of each field.
 */
export interface TabLock {
  /** Resolves true once this tab holds the lock, false if another tab holds it. */
  acquire(): Promise<boolean>;
  /** Takes the lock from the other tab. */
  steal(): Promise<void>;
  release(): void;
}

export function createTabLock(name: string, onLost: () => void): TabLock {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  let release: (() => void) | null = null;

  const hold = (options: LockOptions): Promise<boolean> =>
    new Promise<boolean>((resolve) => {
      if (!locks) return resolve(true);
      locks
        .request(name, options, (lock) => {
          if (!lock) {
            resolve(false);
            return undefined;
          }
          resolve(true);
          return new Promise<void>((done) => (release = done));
        })
        .catch((error: unknown) => {
          // Another tab stole the lock (AbortError): this tab no longer edits.
          if (release) {
            release = null;
            onLost();
            return resolve(false);
          }
          // Refused outright (Chromium with site data blocked: SecurityError): as
          // where Web Locks are missing, this tab edits.
          resolve((error as { name?: unknown } | null)?.name !== 'AbortError');
        });
    });

  return {
    acquire: () => hold({ ifAvailable: true }),
    steal: async () => {
      await hold({ steal: true });
    },
    release: () => {
      release?.();
      release = null;
    },
  };
}
