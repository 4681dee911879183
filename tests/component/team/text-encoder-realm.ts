/**
 * Under jsdom the global `Uint8Array` is jsdom's, while Node's `TextEncoder` returns
 * Node's, so jose (which checks `instanceof Uint8Array`) refuses the bytes. Browsers
 * and plain Node have one realm; this makes the test environment behave like them.
 */
if (!(new TextEncoder().encode('') instanceof Uint8Array)) {
  const NodeTextEncoder = globalThis.TextEncoder;
  globalThis.TextEncoder = class extends NodeTextEncoder {
    override encode(input?: string): Uint8Array<ArrayBuffer> {
      return new Uint8Array(super.encode(input));
    }
  } as typeof TextEncoder;
}
export {};
