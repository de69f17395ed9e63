/**
 * A small, browser-safe .xlsx reader (Office Open XML spreadsheet): unzip with fflate, read the
 * workbook's sheet list and relationships, the shared-string table and one worksheet's cells. Enough
 * for instrument exports (numbers, strings, inline strings, booleans); formulas give their cached value.
 * Dates stay Excel serial numbers (days since 1899-12-30) — callers that expect a date convert them.
 * Layout facts: ECMA-376 Part 1, §18.2 (workbook), §18.3 (worksheet), §18.4 (shared strings).
 */
import { unzipSync } from 'fflate';
import { FormatError } from '../../errors.js';

export const isZip = (b: Uint8Array): boolean => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

export interface XlsxWorkbook {
  sheetNames: string[];
  /** Rows of cell texts (sparse cells filled with ''), one array per sheet row; at most `maxRows`. */
  readSheet(name: string, maxRows?: number): string[][];
}

const decodeEntities = (s: string): string =>
  s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) =>
    e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'amp' ? '&' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)));

/** Concatenated text of all <t> elements inside `xml` (rich-text runs included). */
const textOf = (xml: string): string => {
  let out = '';
  const re = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml)) !== null) out += decodeEntities(m[1]);
  return out;
};

/** "BC12" → 0-based column 54. */
function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

export function openXlsx(bytes: Uint8Array, file: string): XlsxWorkbook {
  if (!isZip(bytes)) throw new FormatError({ file, byteOffset: 0 }, 'expected an .xlsx (zip) file');
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => f.name.startsWith('xl/') });
  } catch (e) {
    throw new FormatError({ file }, `corrupt .xlsx (zip): ${e instanceof Error ? e.message : String(e)}`);
  }
  const utf8 = new TextDecoder('utf-8');
  const text = (name: string): string | undefined => (files[name] ? utf8.decode(files[name]) : undefined);
  const wb = text('xl/workbook.xml');
  if (!wb) throw new FormatError({ file }, 'not an .xlsx workbook: xl/workbook.xml missing');
  const rels = text('xl/_rels/workbook.xml.rels') ?? '';
  const target = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
    const t = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (id && t) target.set(id, t.startsWith('/') ? t.slice(1) : `xl/${t}`);
  }
  const sheets: { name: string; path: string }[] = [];
  for (const m of wb.matchAll(/<sheet\b[^>]*>/g)) {
    const name = decodeEntities(/\bname="([^"]*)"/.exec(m[0])?.[1] ?? '');
    const rid = /\br:id="([^"]+)"/.exec(m[0])?.[1] ?? /\bid="([^"]+)"/.exec(m[0])?.[1];
    const path = rid ? target.get(rid) : undefined;
    if (path) sheets.push({ name, path });
  }
  const shared: string[] = [];
  const ss = text('xl/sharedStrings.xml');
  if (ss) for (const m of ss.matchAll(/<si>([\s\S]*?)<\/si>/g)) shared.push(textOf(m[1]));
  return {
    sheetNames: sheets.map((s) => s.name),
    readSheet(name: string, maxRows = Infinity): string[][] {
      const s = sheets.find((x) => x.name === name);
      const xml = s ? text(s.path) : undefined;
      if (!xml) throw new FormatError({ file, field: name }, `sheet '${name}' not found (sheets: ${sheets.map((x) => x.name).join(', ')})`);
      const rows: string[][] = [];
      for (const rm of xml.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
        const rAttr = /\br="(\d+)"/.exec(rm[1])?.[1];
        const rowIdx = rAttr ? Number(rAttr) - 1 : rows.length;
        if (rowIdx > 5_000_000) throw new FormatError({ file, field: name }, `row number ${rowIdx + 1} is beyond any instrument export`);
        while (rows.length < rowIdx) rows.push([]);
        const row: string[] = [];
        for (const cm of (rm[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
          const attrs = cm[1];
          const ref = /\br="([A-Z]+)\d*"/.exec(attrs)?.[1];
          const col = ref ? columnIndex(ref) : row.length;
          if (col > 16383) continue;
          const type = /\bt="([^"]+)"/.exec(attrs)?.[1] ?? 'n';
          const inner = cm[2] ?? '';
          const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
          let value = '';
          if (type === 's') value = shared[Number(v)] ?? '';
          else if (type === 'inlineStr') value = textOf(inner);
          else if (type === 'b') value = v === '1' ? 'TRUE' : 'FALSE';
          else value = v !== undefined ? decodeEntities(v) : '';
          while (row.length < col) row.push('');
          row[col] = value;
        }
        rows[rowIdx] = row;
        if (rows.length >= maxRows) break;
      }
      return rows;
    },
  };
}

/** Rows as tab-joined lines (tabs inside cells become spaces), for the text-table readers. */
export function rowsToLines(rows: string[][]): string[] {
  return rows.map((r) => r.map((c) => c.replace(/[\t\r\n]/g, ' ')).join('\t'));
}
