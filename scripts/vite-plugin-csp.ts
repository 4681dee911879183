import type { Plugin } from 'vite';
import { cspMeta } from './csp.ts';

/**
 * Puts the CSP <meta> in the built index.html (not in the dev server, whose module
 * graph and hot reload need inline scripts). The single-file build gets a
 * placeholder that scripts/build-single.ts replaces with the hashes of its inline
 * scripts, which only exist once everything is inlined.
 */
export const CSP_PLACEHOLDER = '<!--assay:csp-->';

export function cspPlugin(options: { single: boolean }): Plugin {
  return {
    name: 'assay-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        const meta = options.single ? CSP_PLACEHOLDER : cspMeta(["'self'"]);
        return html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    ${meta}`);
      },
    },
  };
}
