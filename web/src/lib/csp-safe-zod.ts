/**
 * Imported first by every entry point. The app's Content-Security-Policy forbids eval; zod would
 * otherwise probe `new Function` when its schemas are built (logging a CSP violation) to decide whether
 * to compile validators. Interpreted validation is fast enough for design files. ES modules run in
 * import order, so this runs before any module that builds a schema.
 */
import { config } from 'zod';

config({ jitless: true });
