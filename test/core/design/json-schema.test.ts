import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { designJsonSchema, materialFileJsonSchema } from '../../../src/core/design/json-schema.js';

interface JsonSchemaNode { type?: string; properties?: Record<string, JsonSchemaNode>; additionalProperties?: unknown; required?: string[] }

test('examples/design.schema.json is the generated schema (regenerate: npm run cli -- design --print-schema > examples/design.schema.json)', () => {
  const shipped = JSON.parse(readFileSync('examples/design.schema.json', 'utf8')) as unknown;
  assert.deepEqual(shipped, JSON.parse(JSON.stringify(designJsonSchema())));
});

test('the schema closes every object and knows every field the example uses', () => {
  const schema = designJsonSchema() as JsonSchemaNode;
  const example = JSON.parse(readFileSync('examples/gao2025-pouch.json', 'utf8')) as Record<string, unknown>;
  const walk = (node: JsonSchemaNode, value: unknown, path: string) => {
    if (node.type !== 'object' || !node.properties || typeof value !== 'object' || value === null) return;
    assert.equal(node.additionalProperties, false, `${path} is closed`);
    for (const [k, v] of Object.entries(value)) {
      assert.ok(k in node.properties, `${path}.${k} is in the schema`);
      walk(node.properties[k], v, `${path}.${k}`);
    }
    for (const r of node.required ?? []) assert.ok(r in (value as object), `${path}.${r} (required) is in the example`);
  };
  walk(schema, example, '$');
  assert.deepEqual(schema.required?.sort(), ['anode', 'cathode', 'electrolyte', 'name', 'package', 'separator', 'stack']);
  const cathode = schema.properties!.cathode.properties!;
  assert.deepEqual((cathode.loadingMgPerCm2 as Record<string, unknown>).exclusiveMinimum, 0);
  assert.equal((materialFileJsonSchema() as JsonSchemaNode).type, 'object');
});
