/**
 * JSON Schemas of the design file and the material file, generated from the zod schemas so they never
 * drift. Point a design file's `"$schema"` at `examples/design.schema.json` and an editor completes and
 * checks field names and ranges while you type. (Cross-field rules — "exactly one of", compositions
 * summing to 100 % — are checked by the designer only.)
 */
import { z } from 'zod';
import { designSchema } from './schema.js';
import { materialFileSchema } from '../materials/schema.js';

export function designJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(designSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'cathodelab design file (stacked Li-metal pouch cell)',
  };
}

export function materialFileJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(materialFileSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'cathodelab material file',
  };
}
