/**
 * Turns the first zod validation issue into an InputError that names the file and the dotted field
 * path and says what was expected and what was found — one line, written for a researcher.
 */
import type { z } from 'zod';
import { InputError } from '../errors.js';

/** Dotted path: ["stack", "layers", 0] → "stack.layers[0]". */
export function dottedPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += (out === '' ? '' : '.') + String(p);
  }
  return out;
}

/** A short, quoted description of a value for "found …". */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing (the field is missing)';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `a list of ${v.length}`;
  return 'an object';
}

const TYPE_NAMES: Record<string, string> = {
  int: 'a whole number (integer)',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object (a map of names to values)',
  array: 'a list',
};

/** Extra information a custom (refinement) issue carries. */
export interface CustomIssueParams {
  expected: string;
  found: string;
}

export function issueToInputError(issue: z.core.$ZodIssue, file: string | undefined, fieldPrefix = ''): InputError {
  const join = (p: string) => (fieldPrefix && p ? `${fieldPrefix}.${p}` : fieldPrefix || p || '(top level)');
  const field = join(dottedPath(issue.path));
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      return new InputError({ file, field }, TYPE_NAMES[issue.expected] ?? `a ${issue.expected}`, describeValue(input));
    case 'too_small': {
      const bound = Number(issue.minimum);
      const what = issue.origin === 'array' || issue.origin === 'string' ? `at least ${bound} item(s)` : `a value ${issue.inclusive ? '≥' : '>'} ${bound}`;
      return new InputError({ file, field }, what, describeValue(input));
    }
    case 'too_big': {
      const bound = Number(issue.maximum);
      const what = issue.origin === 'array' || issue.origin === 'string' ? `at most ${bound} item(s)` : `a value ${issue.inclusive ? '≤' : '<'} ${bound}`;
      return new InputError({ file, field }, what, describeValue(input));
    }
    case 'not_multiple_of':
      return new InputError({ file, field }, `a multiple of ${String(issue.divisor)}`, describeValue(input));
    case 'invalid_value':
      return new InputError({ file, field }, `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`, describeValue(input));
    case 'unrecognized_keys': {
      const key = issue.keys[0] ?? '?';
      const f = join(dottedPath([...issue.path, key]));
      return new InputError({ file, field: f }, 'only documented fields (check the spelling; see the README design-file reference)', 'an unknown field');
    }
    case 'invalid_union': {
      const u = issue as { discriminator?: string; options?: unknown[] };
      if (u.discriminator && u.options) {
        return new InputError({ file, field }, `one of ${u.options.map((v) => JSON.stringify(v)).join(', ')}`, describeValue(input));
      }
      return new InputError({ file, field }, 'a value of one of the documented forms', describeValue(input));
    }
    case 'custom': {
      const p = issue.params as Partial<CustomIssueParams> | undefined;
      return new InputError({ file, field }, p?.expected ?? issue.message, p?.found ?? describeValue(input));
    }
    default:
      return new InputError({ file, field }, 'a valid value', `${describeValue(input)} (${issue.message})`);
  }
}

/** Validates `data` against `schema`; returns the typed value or throws an InputError for the first issue. */
export function validateWithSchema<T extends z.ZodType>(schema: T, data: unknown, file: string | undefined, fieldPrefix = ''): z.output<T> {
  const r = schema.safeParse(data, { reportInput: true });
  if (r.success) return r.data;
  throw issueToInputError(r.error.issues[0], file, fieldPrefix);
}
