/**
 * Text helpers shared by the text-export readers (Arbin CSV, Neware CSV, Maccor, Gamry, Novonix and
 * mapped CSV): decoding bytes without guessing wrong, splitting lines, and parsing the numbers, durations
 * and wall-clock times that instrument software writes. Browser-safe (TextDecoder only).
 */

/**
 * Decodes a text export. UTF-8 (with or without BOM) and UTF-16 LE/BE with a BOM are recognised; a file
 * that is not valid UTF-8 is read as Windows-1252, which is what Maccor, Gamry and older Neware
 * software write (°, µ, Ω come out right either way).
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start));
  } catch {
    return new TextDecoder('windows-1252').decode(bytes.subarray(start));
  }
}

/** The first `maxBytes` bytes decoded leniently, for sniffers (never throws). */
export function headText(bytes: Uint8Array, maxBytes = 4096): string {
  const n = Math.min(bytes.length, maxBytes);
  if (n >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2, n));
  return new TextDecoder('windows-1252').decode(bytes.subarray(0, n));
}

/** Splits on \n, \r\n or \r. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

/**
 * Parses a number as instrument software writes it: surrounding spaces allowed, decimal comma when
 * `decimalComma` is set. Empty or non-numeric text gives NaN (the caller decides whether that is an error).
 */
export function parseNumber(s: string, decimalComma = false): number {
  const t = s.trim();
  if (t === '') return NaN;
  const u = decimalComma ? t.replace(',', '.') : t;
  // Number('') is 0 and Number('0x1') is 1: reject anything that is not a plain decimal float.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(u)) {
    if (/^[+-]?(inf|infinity)$/i.test(u)) return u.startsWith('-') ? -Infinity : Infinity;
    return NaN;
  }
  return Number(u);
}

/**
 * Parses a duration: "hh:mm:ss(.fff)", "d hh:mm:ss" / "0d 00:00:5.05" (Maccor), "d-hh:mm:ss" and
 * "d.hh:mm:ss" (Neware), or a plain number of seconds. Returns seconds, NaN when not a duration.
 */
export function parseDuration(s: string): number {
  const t = s.trim();
  if (t === '') return NaN;
  const m = /^(?:(\d+)\s*d\s*|(\d+)[-.](?=\d+:))?(\d+):(\d+):(\d+(?:[.,]\d*)?)$/.exec(t);
  if (m) {
    const days = Number(m[1] ?? m[2] ?? 0);
    return days * 86400 + Number(m[3]) * 3600 + Number(m[4]) * 60 + Number(m[5].replace(',', '.'));
  }
  const mm = /^(\d+):(\d+(?:[.,]\d*)?)$/.exec(t);
  if (mm) return Number(mm[1]) * 60 + Number(mm[2].replace(',', '.'));
  return parseNumber(t);
}

/**
 * Parses a wall-clock time as cyclers write it, to Unix seconds. Instrument exports record no time
 * zone, so the wall-clock value is read as UTC (the same choice cellpy makes); the caller states this.
 * Accepted: "2022-05-18 16:27:52(.fff)", ISO 8601 with T and optional zone, "12/11/2020 12:22:12",
 * "08/23/2021 6:04:18 PM" (US month/day/year, as Maccor, Arbin and Novonix write). NaN otherwise.
 */
export function parseDateTime(s: string): number {
  const t = s.trim();
  let m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?\s*(Z|[+-]\d{2}:?\d{2}|[AaPp][Mm])?$/.exec(t);
  if (m) {
    const sec = Number(m[6] ?? 0);
    let h = Number(m[4]);
    const ampm = m[7] && /^[ap]m$/i.test(m[7]) ? m[7].toUpperCase() : undefined;
    if (ampm) h = h === 12 ? (ampm === 'PM' ? 12 : 0) : ampm === 'PM' ? h + 12 : h;
    let ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), h, Number(m[5]), 0) + sec * 1000;
    if (m[7] && m[7] !== 'Z' && !ampm) {
      const z = /([+-])(\d{2}):?(\d{2})/.exec(m[7]);
      if (z) ms -= (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3])) * 60000;
    }
    return ms / 1000;
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?\s*([AaPp][Mm])?)?$/.exec(t);
  if (m) {
    let h = Number(m[4] ?? 0);
    if (m[7]) {
      const pm = m[7].toUpperCase() === 'PM';
      if (h === 12) h = pm ? 12 : 0;
      else if (pm) h += 12;
    }
    const sec = Number(m[6] ?? 0);
    return (Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), h, Number(m[5] ?? 0), 0) + sec * 1000) / 1000;
  }
  return NaN;
}

/** Unix seconds → ISO 8601 (UTC), or undefined when not finite. */
export function isoFromUnix(s: number): string | undefined {
  if (!Number.isFinite(s)) return undefined;
  const d = new Date(s * 1000);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** Splits one delimited line, honouring double quotes ("a,b" stays one field; "" is a quote). */
export function splitDelimited(line: string, delimiter: string): string[] {
  if (line.indexOf('"') < 0) return line.split(delimiter);
  const out: string[] = [];
  let cur = '';
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (inQuotes) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          cur += '"';
          i++;
        } else inQuotes = false;
      } else cur += c;
    } else if (c === '"') inQuotes = true;
    else if (c === delimiter) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** Guesses the delimiter of a header line: tab, semicolon or comma, whichever splits it most. */
export function guessDelimiter(headerLine: string): string {
  let best = ',';
  let bestN = 0;
  for (const d of ['\t', ';', ',']) {
    const n = headerLine.split(d).length;
    if (n > bestN) {
      best = d;
      bestN = n;
    }
  }
  return best;
}
