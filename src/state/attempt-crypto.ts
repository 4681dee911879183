/**
 * The cryptography an attempt needs (jose, SHA-256), loaded with the exercise
 * rather than with the start screen: making the attempt key, signing and
 * encrypting the result, anchoring the event log.
 */
export { chainAnchor, createAttemptKey, encryptResultFile, signResult } from '../core/index.ts';
