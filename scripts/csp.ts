/**
 * The Content-Security-Policy of both builds, in a <meta> tag so it works on any
 * static host and from a file on disk. Scripts only from the app itself (hosted)
 * or by hash (single file); no plugins; no <base>; connections only to the app's
 * origin and to https (bundles load from an address the link gives); styles may be
 * inline (attributes set by the UI), which CSP treats as far less dangerous.
 */
export function contentSecurityPolicy(scriptSources: readonly string[]): string {
  return [
    "default-src 'self'",
    `script-src ${scriptSources.join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self' https:",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function cspMeta(scriptSources: readonly string[]): string {
  return `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(scriptSources)}" />`;
}
