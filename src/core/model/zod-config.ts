/**
 * zod compiles fast parsers with `new Function` unless told not to. The built app's
 * Content-Security-Policy forbids eval (vite.config.ts), and zod's probe for it is reported as
 * a CSP violation even though zod then falls back, so it is told up front. zod reads this when
 * each object schema is built, so schema.ts imports this module before it builds any; every
 * module that builds zod schemas imports schema.ts (directly or through the codec), and ES
 * modules run their imports first. Keeping it here rather than in the app's entry keeps zod out
 * of the first download: it loads with the share codec, import and export, when first needed.
 */
import { z } from 'zod';

z.config({ jitless: true });
