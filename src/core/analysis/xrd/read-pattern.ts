/**
 * Plain text readers for powder patterns (browser-safe, from a string): two-column .xy / .xye / .txt,
 * .csv (comma or semicolon, optional header), Bruker DIFFRAC-AT .UXD (both the `_COUNTS` step form and
 * the `_2THETACOUNTS` pair form) and the "start step end" + counts .dat layout (as in PowBase), with
 * two-column .dat files read as .xy. These are not cycler files, so they are not in the instrument
 * registry (io/formats.ts).
 *
 * UXD layout (Bruker DIFFRAC-AT "XCH" export, facts from the files themselves): `;` comment lines,
 * `_KEY=VALUE` header lines (`_WL1`, `_WL2`, `_WLRATIO`, `_ANODE`, `_START`, `_STEPSIZE`, …), then
 * `_COUNTS` followed by counts (several per line) on the grid START + i·STEPSIZE, or `_2THETACOUNTS`
 * followed by `2θ counts` pairs. Several ranges may follow each other; they are concatenated.
 */
import { FormatError } from '../../errors.js';
import type { XrdPattern, XrayWavelengths } from './pattern.js';

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function finish(source: string, format: string, x: number[], y: number[], extra: Partial<XrdPattern> = {}): XrdPattern {
  if (x.length < 10) throw new FormatError({ file: source }, `expected a powder pattern (at least 10 points of 2θ and intensity), found ${x.length} point${x.length === 1 ? '' : 's'}`);
  const warnings: string[] = [];
  // sort by angle if needed (some exports write descending scans)
  let sorted = true;
  for (let i = 1; i < x.length; i++) if (!(x[i] > x[i - 1])) { sorted = false; break; }
  let tt = Float64Array.from(x);
  let iy = Float64Array.from(y);
  if (!sorted) {
    const order = x.map((_, i) => i).sort((a, b) => x[a] - x[b]);
    const keep = order.filter((k, j) => j === 0 || x[k] > x[order[j - 1]]);
    if (keep.length < order.length) warnings.push(`${order.length - keep.length} repeated 2θ values dropped`);
    tt = Float64Array.from(keep, (k) => x[k]);
    iy = Float64Array.from(keep, (k) => y[k]);
  }
  if (tt[0] <= 0 || tt[tt.length - 1] >= 180) throw new FormatError({ file: source }, `expected 2θ in degrees between 0 and 180, found ${tt[0]} to ${tt[tt.length - 1]}`);
  return { source, format, twoThetaDeg: tt, intensity: iy, warnings: [...warnings, ...(extra.warnings ?? [])], ...(extra.wavelengths ? { wavelengths: extra.wavelengths } : {}), ...(extra.anode ? { anode: extra.anode } : {}) };
}

/** Two whitespace- (or comma-) separated numeric columns; lines starting with #, ;, ! or text are skipped until data. */
export function parseXyPattern(text: string, source = 'pattern.xy'): XrdPattern {
  const x: number[] = [];
  const y: number[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || /^[#;!'"]/.test(line)) continue;
    const f = line.split(/[\s,;]+/);
    if (f.length < 2 || !NUMBER.test(f[0]) || !NUMBER.test(f[1])) {
      if (x.length === 0) continue; // a header line
      throw new FormatError({ file: source, line: i + 1 }, `expected two numbers (2θ, intensity), found '${line.slice(0, 60)}'`);
    }
    x.push(Number(f[0]));
    y.push(Number(f[1]));
  }
  return finish(source, 'xy', x, y);
}

/** CSV with a comma or semicolon separator; the 2θ column is the first whose header mentions 2θ/angle/theta, else column 1. */
export function parseCsvPattern(text: string, source = 'pattern.csv'): XrdPattern {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const sep = (lines[0]?.split(';').length ?? 0) > (lines[0]?.split(',').length ?? 0) ? ';' : ',';
  let xi = 0;
  let yi = 1;
  let start = 0;
  const head = lines[0]?.split(sep).map((s) => s.trim().replace(/^"|"$/g, '')) ?? [];
  if (head.length >= 2 && !NUMBER.test(head[0])) {
    start = 1;
    const a = head.findIndex((h) => /2\s*th|theta|angle|2θ/i.test(h));
    if (a >= 0) xi = a;
    const b = head.findIndex((h, k) => k !== xi && /intens|count|cps|\bi\b/i.test(h));
    yi = b >= 0 ? b : xi === 0 ? 1 : 0;
  }
  const x: number[] = [];
  const y: number[] = [];
  for (let i = start; i < lines.length; i++) {
    const f = lines[i].split(sep).map((s) => s.trim());
    if (!NUMBER.test(f[xi] ?? '') || !NUMBER.test(f[yi] ?? '')) throw new FormatError({ file: source, line: i + 1, field: head[yi] ?? `column ${yi + 1}` }, `expected numbers, found '${lines[i].slice(0, 60)}'`);
    x.push(Number(f[xi]));
    y.push(Number(f[yi]));
  }
  return finish(source, 'csv', x, y);
}

/** Bruker DIFFRAC-AT .UXD text. */
export function parseUxdPattern(text: string, source = 'pattern.uxd'): XrdPattern {
  const lines = text.split(/\r?\n/);
  const keys: Record<string, string> = {};
  const x: number[] = [];
  const y: number[] = [];
  let mode: 'header' | 'counts' | 'pairs' = 'header';
  let start = NaN;
  let step = NaN;
  let k = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith(';')) continue;
    const kv = /^_([A-Z0-9]+)\s*=\s*'?([^']*)'?$/i.exec(line);
    if (kv) {
      keys[kv[1].toUpperCase()] = kv[2].trim();
      mode = 'header';
      continue;
    }
    if (/^_COUNTS$|^_CPS$/i.test(line)) {
      start = Number(keys.START ?? keys['2THETA']);
      step = Number(keys.STEPSIZE);
      if (!Number.isFinite(start) || !(step > 0)) throw new FormatError({ file: source, line: i + 1 }, `expected _START and _STEPSIZE before _COUNTS, found START=${keys.START}, STEPSIZE=${keys.STEPSIZE}`);
      mode = 'counts';
      k = 0;
      continue;
    }
    if (/^_2THETACOUNTS$|^_2THETACPS$/i.test(line)) { mode = 'pairs'; continue; }
    if (/^_/.test(line)) { mode = 'header'; continue; }
    const f = line.split(/\s+/);
    if (!f.every((s) => NUMBER.test(s))) throw new FormatError({ file: source, line: i + 1 }, `expected numbers in the data block, found '${line.slice(0, 60)}'`);
    if (mode === 'counts') {
      for (const s of f) { x.push(start + step * k); y.push(Number(s)); k++; }
    } else if (mode === 'pairs') {
      x.push(Number(f[0]));
      y.push(Number(f[1]));
    } else {
      throw new FormatError({ file: source, line: i + 1 }, `expected a _KEY=VALUE line or _COUNTS before data, found '${line.slice(0, 60)}'`);
    }
  }
  if (x.length === 0) throw new FormatError({ file: source }, 'expected a _COUNTS or _2THETACOUNTS data block in the UXD file, found none');
  const wl1 = Number(keys.WL1);
  const wavelengths: XrayWavelengths | undefined = wl1 > 0
    ? { alpha1Angstrom: wl1, ...(Number(keys.WL2) > 0 ? { alpha2Angstrom: Number(keys.WL2) } : {}), ...(Number(keys.WLRATIO) > 0 ? { alpha2Ratio: Number(keys.WLRATIO) } : {}) }
    : undefined;
  return finish(source, 'bruker-uxd', x, y, { ...(wavelengths ? { wavelengths } : {}), ...(keys.ANODE ? { anode: keys.ANODE } : {}) });
}

/**
 * `.dat`: either a first line `start step end` (degrees 2θ) followed by counts, several per line (the
 * PowBase / FullProf "free format" layout), or plain two-column text.
 */
export function parseDatPattern(text: string, source = 'pattern.dat'): XrdPattern {
  const lines = text.split(/\r?\n/);
  let first = 0;
  while (first < lines.length && (lines[first].trim() === '' || /^[#;!]/.test(lines[first].trim()))) first++;
  const head = (lines[first] ?? '').trim().split(/\s+/);
  const looksLikeGrid = head.length === 3 && head.every((s) => NUMBER.test(s)) && Number(head[1]) > 0 && Number(head[2]) > Number(head[0]) && Number(head[1]) < Number(head[2]) - Number(head[0]);
  if (!looksLikeGrid) return { ...parseXyPattern(text, source), format: 'dat' };
  const [start, step, end] = head.map(Number);
  const y: number[] = [];
  for (let i = first + 1; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    for (const s of line.split(/\s+/)) {
      if (!NUMBER.test(s)) throw new FormatError({ file: source, line: i + 1 }, `expected counts, found '${s}'`);
      y.push(Number(s));
    }
  }
  const expected = Math.round((end - start) / step) + 1;
  const warnings = y.length !== expected ? [`header grid ${start}:${step}:${end} implies ${expected} points, found ${y.length}`] : [];
  const x = y.map((_, k) => start + step * k);
  return finish(source, 'dat', x, y, { warnings });
}

/** Picks the reader by extension, then by content (UXD keys, a grid header). */
export function readXrdPattern(text: string, fileName: string): XrdPattern {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.uxd') || /^\s*(;.*\n\s*)*_[A-Z0-9]+\s*=/im.test(text.slice(0, 2000)) && /_COUNTS|_2THETACOUNTS/i.test(text)) return parseUxdPattern(text, fileName);
  if (lower.endsWith('.csv')) return parseCsvPattern(text, fileName);
  if (lower.endsWith('.dat')) return parseDatPattern(text, fileName);
  if (lower.endsWith('.xy') || lower.endsWith('.xye') || lower.endsWith('.txt')) return parseXyPattern(text, fileName);
  if (text.slice(0, 500).includes(',') && !/\d,\d/.test(text.slice(0, 500))) return parseCsvPattern(text, fileName);
  return parseDatPattern(text, fileName);
}
