/**
 * Reads a JSON or YAML document from text, with errors that name the file and line. Browser-safe:
 * takes a string, not a path. JSON is chosen by a `.json` file name or a leading `{`; anything else is
 * parsed as YAML (a superset of JSON, so YAML files may also be written in JSON syntax).
 */
import { parseDocument } from 'yaml';
import { FormatError } from '../errors.js';

export type TextFormat = 'json' | 'yaml';

export function detectFormat(fileName: string, text: string): TextFormat {
  if (/\.json$/i.test(fileName)) return 'json';
  if (/\.ya?ml$/i.test(fileName)) return 'yaml';
  return text.trimStart().startsWith('{') ? 'json' : 'yaml';
}

/** 1-based line number of a 0-based character offset. */
export function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Parses JSON or YAML text into plain data; throws FormatError with the file and line. */
export function parseStructuredText(text: string, fileName: string, format: TextFormat = detectFormat(fileName, text)): unknown {
  if (text.trim() === '') throw new FormatError({ file: fileName }, 'the file is empty');
  return format === 'json' ? parseJson(text, fileName) : parseYaml(text, fileName);
}

function parseJson(text: string, fileName: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    // V8 names a character offset ("at position 16") or, in newer versions, "(line 3 column 5)";
    // "Unexpected end of JSON input" names neither, and then the problem is at the end of the text.
    const lineCol = /line (\d+) column \d+/.exec(msg);
    const pos = /position (\d+)/.exec(msg);
    const line = lineCol ? Number(lineCol[1]) : pos ? lineOfOffset(text, Number(pos[1])) : lineOfOffset(text, text.trimEnd().length);
    const detail = msg.replace(/\s*\(line \d+ column \d+\)/, '').replace(/ in JSON at position \d+.*$/, '').replace(/,? ".*" is not valid JSON$/, '');
    throw new FormatError({ file: fileName, line }, `malformed JSON: ${detail}`);
  }
}

function parseYaml(text: string, fileName: string): unknown {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0]?.line ?? lineOfOffset(text, first.pos[0]);
    throw new FormatError({ file: fileName, line }, `malformed YAML: ${first.message.split('\n')[0]}`);
  }
  return doc.toJS() as unknown;
}
