/**
 * Test-only parser for the LAND GITT export in ../shared/fixtures/gitt/GITT.csv
 * (header `TestTime,Current/mA,Voltage/V`, time as `D-H:MM:SS`, a `,,` separator line), written from
 * the layout described in that folder's PROVENANCE.md so the analysis is checked on the real file
 * independently of the project's CSV readers.
 */
export interface LandGitt { timeS: Float64Array; currentA: Float64Array; voltageV: Float64Array }

export function parseLandGittCsv(text: string): LandGitt {
  const t: number[] = [];
  const i: number[] = [];
  const v: number[] = [];
  const lines = text.split(/\r?\n/);
  for (let k = 1; k < lines.length; k++) {
    const line = lines[k].trim();
    if (line === '' || line === ',,') continue;
    const [time, cur, volt] = line.split(',');
    const m = /^(\d+)-(\d+):(\d+):(\d+)$/.exec(time);
    if (!m) throw new Error(`line ${k + 1}: bad time ${time}`);
    t.push(Number(m[1]) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]));
    i.push(Number(cur) * 1e-3);
    v.push(Number(volt));
  }
  return { timeS: Float64Array.from(t), currentA: Float64Array.from(i), voltageV: Float64Array.from(v) };
}
