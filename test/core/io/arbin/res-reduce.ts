/**
 * A small but valid Arbin .res for fuzzing (tests and bench only): the fixture's Jet 4 database with
 * Channel_Normal_Table cut to its first `keepPages` data pages. A full read of the 1.6 MB fixture
 * decodes 10 261 rows in ~50 ms of CPU (almost all inside mdb-reader's row decoding), which caps a
 * fuzz run at ~20 cases/s; the reduced file keeps every table, catalog entry, table definition and
 * index page, so mutations still reach every structure the reader walks, at a fraction of the rows.
 *
 * How (Jet 4 layout facts from mdbtools' HACKING.md, "Table Definition" and "Usage maps"; offsets as
 * mdb-reader's Jet4Format uses them):
 * - the table definition (TDEF) page of Channel_Normal_Table holds the row count at byte 16 and, at
 *   byte 55, a row pointer (page << 8 | row) to its usage map;
 * - that usage map is of type 0 (inline): byte 0 = 0, bytes 1–4 = first page number, then a bitmap
 *   with one bit per page from there, set for each data page of the table;
 * - we clear the bits of every data page after the first `keepPages`, zero those pages (so nothing
 *   points at a stale copy of the data) and set the row count to the records left on the kept pages.
 * The file keeps its length (page numbers elsewhere stay valid); the zeroed pages are free space.
 */
const PAGE = 4096;

/** `keepPages` data pages of Channel_Normal_Table and everything else of the database, as a new array. */
export function reduceArbinRes(src: Uint8Array, keepPages: number): Uint8Array {
  const out = src.slice();
  const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const tdef = findTableDefinition(out, 'Channel_Normal_Table');
  const mapPtr = dv.getUint32(tdef * PAGE + 55, true);
  const mapPage = mapPtr >>> 8;
  const mapRow = mapPtr & 0xff;
  // Row `mapRow` of a data page: its start is in the offset table at 14 + 2·row; it ends where the
  // previous row starts (rows are written from the end of the page backwards).
  const start = mapPage * PAGE + (dv.getUint16(mapPage * PAGE + 14 + 2 * mapRow, true) & 0x1fff);
  const end = mapRow === 0 ? (mapPage + 1) * PAGE : mapPage * PAGE + (dv.getUint16(mapPage * PAGE + 14 + 2 * (mapRow - 1), true) & 0x1fff);
  if (out[start] !== 0) throw new Error(`Channel_Normal_Table usage map is of type ${out[start]}, the reducer handles only the inline type 0`);
  const firstPage = dv.getUint32(start + 1, true);
  let kept = 0;
  let rows = 0;
  for (let bit = 0; bit < (end - start - 5) * 8; bit++) {
    const byte = start + 5 + (bit >> 3);
    if ((out[byte] & (1 << (bit & 7))) === 0) continue;
    const page = firstPage + bit;
    if (kept < keepPages) {
      kept++;
      const count = dv.getUint16(page * PAGE + 12, true);
      for (let r = 0; r < count; r++) if ((dv.getUint16(page * PAGE + 14 + 2 * r, true) & 0x4000) === 0) rows++; // 0x4000: deleted row
    } else {
      out[byte] &= ~(1 << (bit & 7));
      out.fill(0, page * PAGE, (page + 1) * PAGE);
    }
  }
  dv.setUint32(tdef * PAGE + 16, rows, true);
  return out;
}

/**
 * The TDEF page of Channel_Normal_Table. Table definitions (page type 0x02) store their column names in
 * UTF-16LE; only this table has both a Data_Point and a Charge_Capacity column (Channel_Statistic_Table
 * has Data_Point, Resume_Table has CCapacity), which finds it without decoding the MSysObjects catalog.
 */
function findTableDefinition(bytes: Uint8Array, table: string): number {
  // Channel_Normal_Table is the only table with both a Data_Point and a Charge_Capacity column
  // (column names are stored in the TDEF as UTF-16LE).
  const needles = ['Data_Point', 'Charge_Capacity'].map((s) => Uint8Array.from([...s].flatMap((ch) => [ch.charCodeAt(0), 0])));
  for (let p = 1; p * PAGE < bytes.length; p++) {
    if (bytes[p * PAGE] !== 0x02) continue;
    const page = bytes.subarray(p * PAGE, (p + 1) * PAGE);
    if (needles.every((n) => indexOf(page, n) >= 0)) return p;
  }
  throw new Error(`no table definition page for ${table}`);
}

function indexOf(hay: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
