/**
 * Reading bundles from the outside world: a URL, a picked or dropped file. Sizes
 * are checked before reading (Content-Length, File.size) and again while reading,
 * so a 2 GB file never reaches memory. The bytes then go through the core's one
 * boundary for untrusted files (size, strict UTF-8, JSON), as in the CLI.
 */
import { AssayError, assertBundleSize, loadBundleBytes, MAX_BUNDLE_BYTES, type LoadedBundle } from '../core/index.ts';
import { readFileBytes } from './read-file.ts';

export async function loadBundleFromFile(file: File): Promise<LoadedBundle> {
  return loadBundleBytes(await readFileBytes(file, 'bundle'));
}

export async function loadBundleFromUrl(src: string, signal?: AbortSignal): Promise<LoadedBundle> {
  let url: URL;
  try {
    url = new URL(src, location.href);
  } catch {
    throw new AssayError('FETCH_FAILED', `"${src}" is not a valid address.`);
  }
  if (!['http:', 'https:', 'file:'].includes(url.protocol))
    throw new AssayError('FETCH_FAILED', `Bundles load only over http or https, not "${url.protocol}".`);
  let response: Response;
  try {
    response = await fetch(url, { signal: signal ?? null, credentials: 'same-origin', cache: 'no-cache' });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new AssayError(
      'FETCH_FAILED',
      `Could not download the bundle from ${url.href}: the network or the server did not answer (offline, or the server does not allow it).`,
    );
  }
  if (!response.ok)
    throw new AssayError(
      'FETCH_FAILED',
      `Could not download the bundle from ${url.href}: the server answered ${response.status} ${response.statusText}.`.replace(
        / \.$/,
        '.',
      ),
    );
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > 0) assertBundleSize(declared);
  return loadBundleBytes(await readCapped(response, MAX_BUNDLE_BYTES));
}

async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      assertBundleSize(total);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
