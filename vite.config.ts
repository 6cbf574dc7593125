import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The built index.html carries a Content-Security-Policy: scripts only from the app's own
 * files (no inline scripts, no eval; src/core/model/zod-config.ts keeps zod from probing for eval),
 * nothing fetched from elsewhere, no plugins, no <base>, no forms. Styles too come only from
 * the app's stylesheet: React's style props go through the CSSOM, which the policy allows, but a
 * style="" attribute written by hand (setAttribute, innerHTML, d3's .attr('style')) is refused.
 * Images allow blob: and data: for the PNG export (an SVG drawn onto a canvas). Build only: the
 * dev server injects inline scripts for hot reload. e2e/hostile.spec.ts checks the built page.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'packetwalk-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
          injectTo: 'head-prepend',
        },
      ],
    },
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  server: { port: 5173 },
  preview: { port: 4173 },
  build: { target: 'es2022', sourcemap: false },
});
