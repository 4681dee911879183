/**
 * Take-home copies: the single-file build of the app with a bundle (and optionally
 * an invite) embedded in a `<script type="application/json">` block, which the app
 * reads at start. A JSON block is data, not script: the Content-Security-Policy's
 * script hashes do not cover it and need not.
 */
export const EMBEDDED_ID = 'assay-embedded';

export interface Embedded {
  /** The bundle document as the author wrote it. */
  bundle: unknown;
  /** An invite token, when the copy is for one invited person. */
  invite?: string;
}

/** JSON that is safe inside a <script> element: `<` never appears as itself. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * The single-file app with `embedded` inside. Throws when `template` is not the
 * single-file build (it must have a <head> and no embedded bundle already).
 */
export function makeTakeHomeHtml(template: string, embedded: Embedded): string {
  if (template.includes(`id="${EMBEDDED_ID}"`)) throw new Error('This file already has an exercise embedded.');
  const at = template.indexOf('</head>');
  if (at < 0) throw new Error('This is not the Assay single-file build (no </head>).');
  const block = `<script type="application/json" id="${EMBEDDED_ID}">${jsonForScript(embedded)}</script>\n`;
  return template.slice(0, at) + block + template.slice(at);
}
