/**
 * A take-home copy carries its bundle (and maybe an invite) in a
 * `<script type="application/json" id="assay-embedded">` block: read it once at start.
 */
import { AssayError, EMBEDDED_ID, parseUntrustedJson, type Embedded } from '../core/index.ts';

export function readEmbedded(): Embedded | null {
  const element = document.getElementById(EMBEDDED_ID);
  if (!element || element.getAttribute('type') !== 'application/json') return null;
  const value = parseUntrustedJson(element.textContent ?? '') as Partial<Embedded> | null;
  if (!value || typeof value !== 'object' || !('bundle' in value))
    throw new AssayError(
      'SCHEMA_INVALID',
      'The exercise embedded in this file is damaged: ask the hiring team for a new copy.',
    );
  return { bundle: value.bundle, ...(typeof value.invite === 'string' ? { invite: value.invite } : {}) };
}
