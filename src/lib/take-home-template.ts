/**
 * The single-file build the hosted app publishes beside itself
 * (`assay-take-home.html`, made by `npm run build`): the template of take-home copies.
 */
import { AssayError } from '../core/index.ts';

export const TEMPLATE_FILE = 'assay-take-home.html';

let cached: Promise<string> | null = null;

export function fetchTakeHomeTemplate(): Promise<string> {
  cached ??= load().catch((error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}

async function load(): Promise<string> {
  if (__SINGLE_FILE__ || location.protocol === 'file:')
    throw new AssayError(
      'FETCH_FAILED',
      'Take-home copies are made from the hosted app (opened from a web address), not from a copy opened from disk.',
    );
  const url = new URL(TEMPLATE_FILE, document.baseURI);
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-cache', credentials: 'same-origin' });
  } catch {
    throw new AssayError(
      'FETCH_FAILED',
      `Could not download the take-home template from ${url.href}: check the connection and try again.`,
    );
  }
  if (!response.ok)
    throw new AssayError(
      'FETCH_FAILED',
      `This site has no take-home template (${url.href} answered ${response.status}): publish the whole dist/ folder that \`npm run build\` makes.`,
    );
  const text = await response.text();
  if (!/<html[\s>]/i.test(text) || !text.includes('</head>'))
    throw new AssayError(
      'FETCH_FAILED',
      `${url.href} is not Assay's single-file build: publish the whole dist/ folder that \`npm run build\` makes.`,
    );
  return text;
}
