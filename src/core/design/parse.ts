/** Design files: text (JSON or YAML) → a validated `Design`, with errors naming the file, line or field. */
import { parseStructuredText, type TextFormat } from './structured-text.js';
import { validateWithSchema } from './schema-errors.js';
import { designSchema, type Design } from './schema.js';

export function parseDesign(text: string, fileName: string, format?: TextFormat): Design {
  return validateDesign(parseStructuredText(text, fileName, format), fileName);
}

/** Validates plain data (e.g. built in code or modified by a sweep) as a design. */
export function validateDesign(data: unknown, fileName?: string): Design {
  return validateWithSchema(designSchema, data, fileName);
}
