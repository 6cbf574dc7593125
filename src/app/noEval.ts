/**
 * zod compiles fast parsers with `new Function` unless told not to. The built app's
 * Content-Security-Policy forbids eval (vite.config.ts), and zod's probe for it is reported as
 * a CSP violation even though zod then falls back, so it is told up front. zod reads this when
 * each object schema is built: this module must be imported before any schema (main.tsx
 * imports it first).
 */
import { z } from 'zod';

z.config({ jitless: true });
