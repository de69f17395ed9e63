/** Paths to the shared fixtures and reference data (read in place, never copied into the repo). */
import { join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';

export const SHARED = resolve(process.cwd(), '..', 'shared');
export const fixturePath = (...parts: string[]): string => join(SHARED, 'fixtures', ...parts);
export const referencePath = (...parts: string[]): string => join(SHARED, 'reference', ...parts);
export const readFixtureBytes = (...parts: string[]): Uint8Array => new Uint8Array(readFileSync(fixturePath(...parts)));
export const readFixtureText = (...parts: string[]): string => readFileSync(fixturePath(...parts), 'utf8');
