import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/**
 * Synchronous SHA-256 (hex). WebCrypto's digest is asynchronous; the event log's
 * hash chain is extended inside synchronous state updates, so it uses this one.
 */
export function sha256HexSync(data: string | Uint8Array): string {
  return bytesToHex(sha256(typeof data === 'string' ? new TextEncoder().encode(data) : data));
}
