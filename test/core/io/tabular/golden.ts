/** Reads a cellpy golden Parquet table (tests only) into plain row objects with numbers for bigints. */
import { readFileSync } from 'node:fs';
import { parquetReadObjects } from 'hyparquet';
import { fixturePath } from '../../../helpers/fixtures.js';

export type GoldenRow = Record<string, unknown>;

export async function readGolden(suite: string, file: string): Promise<GoldenRow[]> {
  const buf = readFileSync(fixturePath('cyclers', 'cellpy-goldens', suite, file));
  const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
  const rows = (await parquetReadObjects({ file: ab })) as GoldenRow[];
  for (const r of rows) for (const k of Object.keys(r)) if (typeof r[k] === 'bigint') r[k] = Number(r[k]);
  return rows;
}

export const num = (v: unknown): number => (typeof v === 'number' ? v : v instanceof Date ? v.getTime() / 1000 : Number(v));
