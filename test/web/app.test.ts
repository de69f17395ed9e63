/**
 * The browser app end to end in real headless Chromium, built once and served by `cathodelab serve`.
 * Designer: the numbers on screen are the core's numbers for the same design, they respond to the form,
 * survive a reload, and bad input gives a message, not a crash. Data: a real .mpr fixture is parsed in
 * the worker and its cycle summary on screen equals the core's; bad files get a clear message.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { browserUnavailable, buildApp, serve, openBrowser, screenshotContent, type Served, type Browser } from '../helpers/browser.js';
import { parseDesign } from '../../src/core/design/parse.js';
import { designCell } from '../../src/core/design/cell.js';
import { cellSummary } from '../../src/core/design/report.js';
import { MaterialLibrary } from '../../src/core/materials/library.js';
import { readMeasurement } from '../../src/core/io/formats.js';
import { summariseCycles } from '../../src/core/io/cycle-summary.js';
import { analyzeCv } from '../../src/core/analysis/cv.js';
import { analyzeGitt } from '../../src/core/analysis/gitt.js';
import { readMapped } from '../../src/core/io/mapped/reader.js';
import { fixturePath } from '../helpers/fixtures.js';
import { fmt } from '../../web/src/lib/dom.js';
import { getPreset } from '../../src/core/sim/presets/index.js';
import { parseExperiment } from '../../src/core/sim/experiment.js';
import { Simulation } from '../../src/core/sim/simulate.js';
import { runGao2025Study } from '../../src/core/study/gao2025.js';
import { buildStudyTable } from '../../src/core/study/table.js';

const EXAMPLE = 'examples/gao2025-pouch.json';

/** The core's result for the example at a given loading: what the page must show. */
function expected(loadingMgPerCm2: number): ReturnType<typeof cellSummary> {
  const d = parseDesign(readFileSync(EXAMPLE, 'utf8'), EXAMPLE);
  d.cathode.loadingMgPerCm2 = loadingMgPerCm2;
  // The page shows the field's units: the SI result through report.ts, as the page does.
  return cellSummary(designCell(d, MaterialLibrary.builtin()));
}

const skip = browserUnavailable();

/**
 * A number shown on the page (4 significant digits) against the core's value computed here in Node.
 * Solver results can differ in the last bits between Chromium's and Node's V8 (their Math functions
 * are not bit-identical), so they are compared with a tolerance, not as text: 1e-3 relative is twice
 * the display's rounding.
 */
function assertShown(shown: string, expected: number, what: string, rel = 1e-3): void {
  const v = Number(shown);
  assert.ok(Number.isFinite(v) && Math.abs(v - expected) <= rel * Math.abs(expected), `${what}: shown ${shown}, core ${expected}`);
}

describe('browser app', { skip }, () => {
  let dist = '';
  let server: Served;
  let b: Browser;

  before(async () => {
    dist = buildApp();
    server = await serve(dist);
    b = await openBrowser();
  });
  after(async () => {
    await b?.close();
    await server?.stop();
    if (dist) rmSync(dist, { recursive: true, force: true });
  });

  const text = async (id: string): Promise<string> => (await b.page.textContent(`[data-testid="${id}"]`))?.trim() ?? '';

  describe('cell designer', () => {
    test('opens on the Gao 2025 pouch cell and shows the core\'s numbers', async () => {
      await b.page.goto(server.url);
      await b.page.waitForSelector('[data-testid="wh-per-kg"]');
      const e = expected(32.8);
      assert.equal(await text('wh-per-kg'), fmt(e.specificEnergyWhPerKg));
      assert.equal(await text('capacity-ah'), fmt(e.capacityAh));
      assert.equal(await text('wh-per-l'), fmt(e.energyDensityWhPerL));
      assert.equal(await text('areal-capacity'), fmt(e.arealCapacityMahPerCm2));
      // Hand check on the screen's own numbers: Wh/kg = energy / mass (each shown to 4 digits).
      const whPerKg = Number(await text('energy-wh')) / (Number(await text('cell-mass')) / 1000);
      assert.ok(Math.abs(whPerKg / Number(await text('wh-per-kg')) - 1) < 2e-3, `energy/mass ${whPerKg} vs shown ${await text('wh-per-kg')}`);
      // Both charts are drawn: the mass breakdown (one bar per component) and the sweep (cell, stack, this design).
      assert.equal(await b.page.locator('[data-testid="mass-chart"] svg g.series rect').count(), e.components.length);
      assert.deepEqual(await b.page.locator('[data-testid="sweep-chart"] svg g.series').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-name'))), ['cell', 'stack', 'this design']);
    });

    test('changing the loading re-designs the cell live, and the work survives a reload', async () => {
      const before54 = await text('wh-per-kg');
      await b.page.fill('input[data-path="cathode.loadingMgPerCm2"]', '54');
      const e = expected(54);
      await b.page.waitForFunction((v) => document.querySelector('[data-testid="wh-per-kg"]')?.textContent === v, fmt(e.specificEnergyWhPerKg), { timeout: 5000 });
      assert.notEqual(before54, fmt(e.specificEnergyWhPerKg));
      assert.equal(await text('areal-capacity'), fmt(e.arealCapacityMahPerCm2));
      // 54 mg/cm² of NCM811 at the library's 200 mAh/g: 54 × 0.200 = 10.8 mAh/cm² per side.
      assert.equal(await text('areal-capacity'), '10.80');
      await b.page.reload();
      await b.page.waitForSelector('[data-testid="wh-per-kg"]');
      assert.equal(await b.page.inputValue('input[data-path="cathode.loadingMgPerCm2"]'), '54');
      assert.equal(await text('wh-per-kg'), fmt(e.specificEnergyWhPerKg));
    });

    test('bad input shows the core\'s message naming the field; the page keeps working', async () => {
      await b.page.fill('input[data-path="cathode.loadingMgPerCm2"]', '-5');
      await b.page.waitForSelector('[data-testid="design-error"]:not([hidden])', { timeout: 5000 });
      assert.match(await text('design-error'), /cathode\.loadingMgPerCm2/);
      await b.page.click('[data-testid="reset-design"]');
      await b.page.waitForSelector('[data-testid="design-error"][hidden]', { state: 'attached', timeout: 5000 });
      assert.equal(await text('wh-per-kg'), fmt(expected(32.8).specificEnergyWhPerKg));
    });

    test('the screenshot has content and the console stayed clean', async () => {
      const png = await b.page.screenshot({ fullPage: true });
      const c = await screenshotContent(b.context, png);
      assert.ok(c.nonBackground > 0.1 && c.colours > 20, `screenshot looks blank: ${JSON.stringify(c)}`);
      assert.deepEqual(b.errors, []);
    });
  });

  describe('data page', () => {
    const MPR = fixturePath('cyclers', 'gcpl.pr_182.1.mpr');
    /** The page says when a file is read (data-state goes to "reading" the moment one is chosen). */
    const settled = (state: 'ready' | 'error' = 'ready') => b.page.waitForSelector(`[data-testid="data-page"][data-state="${state}"]`);

    test('a real .mpr dropped on the page is parsed in the worker; the cycle table on screen is the core\'s summary', async () => {
      await b.page.goto(`${server.url}#/data`);
      // Dropped as a user would: a real DataTransfer holding the file, dispatched on the drop zone.
      await b.page.evaluate(({ b64, name }) => {
        const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
        const dt = new DataTransfer();
        dt.items.add(new File([bytes], name));
        const zone = document.querySelector('[data-testid="drop-zone"]') as HTMLElement;
        zone.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }));
        zone.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
      }, { b64: readFileSync(MPR).toString('base64'), name: 'gcpl.pr_182.1.mpr' });
      await settled();
      await b.page.waitForSelector('[data-testid="cycle-table"]');
      const m = readMeasurement(new Uint8Array(readFileSync(MPR)), 'gcpl.pr_182.1.mpr');
      const s = summariseCycles(m);
      const cells = await b.page.locator('[data-testid="cycle-table"] tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '')));
      assert.equal(cells.length, s.cycles.length);
      assert.ok(s.cycles.length >= 4, 'the fixture has several cycles');
      s.cycles.forEach((r, i) => {
        assert.equal(cells[i][0], String(r.cycle));
        assert.equal(cells[i][1], fmt(r.chargeCapacityAh * 1000), `cycle ${r.cycle} charge mAh`);
        assert.equal(cells[i][2], fmt(r.dischargeCapacityAh * 1000), `cycle ${r.cycle} discharge mAh`);
        assert.equal(cells[i][3], fmt(r.coulombicEfficiencyPct), `cycle ${r.cycle} CE`);
      });
      // One voltage–capacity curve per cycle, and the file's facts.
      assert.equal(await b.page.locator('[data-testid="voltage-capacity-chart"] svg g.series').count(), s.cycles.length);
      assert.match(await b.page.textContent('[data-testid="file-facts"]') ?? '', /biologic|BioLogic/);
      assert.match(await b.page.textContent('[data-testid="data-status"]') ?? '', /2,533 rows/);
    });

    test('the last file is opened again after a reload', async () => {
      await b.page.reload();
      await settled();
      await b.page.waitForSelector('[data-testid="cycle-table"]');
      assert.match(await b.page.textContent('[data-testid="file-facts"]') ?? '', /gcpl\.pr_182\.1\.mpr/);
    });

    test('a 500 MB file gets a message pointing to the CLI, and is never read', async () => {
      // A dropped file that claims 500 MB: the size check must refuse it before reading a byte.
      await b.page.evaluate(() => {
        const f = new File(['not really 500 MB'], 'huge.mpr');
        Object.defineProperty(f, 'size', { value: 500 * 1024 * 1024 });
        const ev = new Event('drop', { bubbles: true, cancelable: true });
        Object.defineProperty(ev, 'dataTransfer', { value: { files: [f] } });
        document.querySelector('[data-testid="drop-zone"]')?.dispatchEvent(ev);
      });
      await b.page.waitForSelector('[data-testid="data-error"]:not([hidden])');
      assert.match(await text('data-error'), /huge\.mpr is 500 MB; the browser app opens files up to 300 MB.*cathodelab import/);
    });

    test('a corrupt .mpr and a non-battery file give a clear message on the page', async () => {
      const bytes = readFileSync(MPR);
      await b.page.setInputFiles('[data-testid="data-file-input"]', { name: 'cut.mpr', mimeType: 'application/octet-stream', buffer: bytes.subarray(0, 3000) });
      await settled('error');
      const cut = await b.page.textContent('[data-testid="data-error"]') ?? '';
      assert.match(cut, /cut\.mpr/, cut);
      await b.page.setInputFiles('[data-testid="data-file-input"]', { name: 'holiday.png', mimeType: 'image/png', buffer: Buffer.from('\x89PNG\r\n\x1a\n not a battery file at all', 'binary') });
      await b.page.waitForFunction(() => /holiday\.png/.test(document.querySelector('[data-testid="data-error"]')?.textContent ?? ''));
      // The page still works: the good file opens again.
      await b.page.setInputFiles('[data-testid="data-file-input"]', MPR);
      await settled();
      await b.page.waitForSelector('[data-testid="data-error"][hidden]', { state: 'attached' });
      await b.page.waitForSelector('[data-testid="cycle-table"]');
      assert.deepEqual(b.errors, []);
    });

    test('GITT on the open file gives the core\'s pulses, each with its flags', async () => {
      await b.page.setInputFiles('[data-testid="data-file-input"]', MPR);
      await settled();
      await b.page.selectOption('[data-testid="gitt-length-kind"]', 'sphereRadius');
      await b.page.fill('[data-testid="gitt-length-um"]', '5');
      await b.page.click('[data-testid="gitt-run"]');
      await b.page.waitForSelector('[data-testid="gitt-table"]');
      const r = analyzeGitt(readMeasurement(new Uint8Array(readFileSync(MPR)), 'gcpl.pr_182.1.mpr'), { lengthScale: { kind: 'sphereRadius', radiusM: 5e-6 } });
      const cells = await b.page.locator('[data-testid="gitt-table"] tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '')));
      assert.equal(cells.length, r.pulses.length);
      r.pulses.forEach((p, k) => {
        assert.equal(cells[k][2], fmt(p.tauS), `pulse ${p.number} τ`);
        assert.equal(cells[k][6], p.flags.join(', '), `pulse ${p.number} flags`);
      });
      // A galvanostatic cycling file is not a GITT experiment: no pulse passes the method's checks.
      assert.equal(r.summary.valid, 0);
      assert.match(await text('gitt-summary'), new RegExp(`^${r.summary.pulses} pulses \\(\\d+ charge, \\d+ discharge\\), 0 valid`));
    });

    test('a CV file is analysed on opening: peaks on screen are the core\'s', async () => {
      const CV = fixturePath('cyclers', 'cv.mpr');
      await b.page.setInputFiles('[data-testid="data-file-input"]', CV);
      await settled();
      await b.page.waitForSelector('[data-testid="cv-table"]');
      const r = analyzeCv(readMeasurement(new Uint8Array(readFileSync(CV)), 'cv.mpr'));
      const cells = await b.page.locator('[data-testid="cv-table"] tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '')));
      assert.equal(cells.length, r.cycles.length);
      r.cycles.forEach((cy, k) => {
        assert.equal(cells[k][1], fmt(cy.scanRateVPerS * 1000), 'scan rate mV/s');
        assert.equal(cells[k][2], cy.anodicPeak ? fmt(cy.anodicPeak.potentialV) : '—', 'E_pa');
        assert.equal(cells[k][4], cy.cathodicPeak ? fmt(cy.cathodicPeak.potentialV) : '—', 'E_pc');
      });
      // 0.1 mV/s, as the file's scan: |dE/dt| fitted over each sweep.
      assert.equal(cells[0][1], '0.1000');
      assert.equal(await b.page.locator('[data-testid="cv-chart"] svg').count(), 1);
    });

    test('an XRD pattern is fitted as a layered oxide: LiCoO2\'s lattice matches the published one', async () => {
      await b.page.setInputFiles('[data-testid="data-file-input"]', fixturePath('xrd', 'LiCoO2.UXD'));
      await settled();
      await b.page.waitForSelector('[data-testid="xrd-lattice"]');
      // PROVENANCE.md: a = 2.8153 ± 0.0003 Å, c = 14.047 ± 0.002 Å with a refined zero shift (COD 4505482:
      // a = 2.8150(3), c = 14.0516(6) Å).
      const a = Number(await text('xrd-a'));
      const c = Number(await text('xrd-c'));
      assert.ok(Math.abs(a - 2.8153) < 0.001, `a = ${a} Å`);
      assert.ok(Math.abs(c - 14.047) < 0.005, `c = ${c} Å`);
      assert.equal(await b.page.locator('[data-testid="xrd-peaks"] tbody tr').count(), 10);
      assert.equal(await b.page.locator('[data-testid="xrd-chart"] svg g.series').count(), 3);
    });

    test('a LAND GITT table that no reader knows is read through a column mapping; its pulses and D are the core\'s', async () => {
      const GITT = fixturePath('gitt', 'GITT.csv');
      // The README's LAND mapping, as a user would save it in a file.
      const mapping = { columns: { TestTime: { column: 'time_s', unit: 'hh:mm:ss' }, 'Current/mA': { column: 'current_A', unit: 'mA', sign: 'positive-charge' }, 'Voltage/V': { column: 'voltage_V', unit: 'V' } } };
      const mappingJson = JSON.stringify(mapping);
      await b.page.setInputFiles('[data-testid="data-file-input"]', GITT);
      await settled('error');
      assert.match(await text('data-error'), /GITT\.csv.*column mapping/);
      assert.equal(await b.page.getAttribute('[data-testid="mapping-panel"]', 'open'), '');
      // The panel starts from the LAND template: the same mapping.
      assert.deepEqual(JSON.parse(await b.page.inputValue('[data-testid="mapping-text"]')), mapping);
      await b.page.fill('[data-testid="mapping-text"]', '{"columns": {"TestTime": {"column": "time_s", "unit": "fortnights"}}}');
      await b.page.click('[data-testid="mapping-apply"]');
      await settled('error');
      assert.match(await text('data-error'), /^Column mapping: .*unit/);
      // The mapping file is opened into the panel and applied.
      await b.page.setInputFiles('[data-testid="mapping-file-input"]', { name: 'land.json', mimeType: 'application/json', buffer: Buffer.from(mappingJson) });
      await b.page.waitForFunction((t) => (document.querySelector('[data-testid="mapping-text"]') as HTMLTextAreaElement).value === t, mappingJson);
      await b.page.click('[data-testid="mapping-apply"]');
      await settled();
      const m = readMapped(new Uint8Array(readFileSync(GITT)), 'GITT.csv', mappingJson);
      assert.match(await text('data-status'), new RegExp(`GITT\\.csv: ${m.rows.toLocaleString('en')} rows read .* through the column mapping`));
      await b.page.waitForSelector('[data-testid="voltage-time-chart"] svg');

      await b.page.selectOption('[data-testid="gitt-length-kind"]', 'sphereRadius');
      await b.page.fill('[data-testid="gitt-length-um"]', '5');
      await b.page.click('[data-testid="gitt-run"]');
      await b.page.waitForSelector('[data-testid="gitt-table"]');
      const r = analyzeGitt(m, { lengthScale: { kind: 'sphereRadius', radiusM: 5e-6 } });
      // PROVENANCE.md: 31 pulses with a rest on both sides, 19 on charge and 12 on discharge.
      const charge = r.pulses.filter((p) => p.direction === 'charge').length;
      assert.deepEqual([r.pulses.length, charge], [31, 19]);
      assert.match(await text('gitt-summary'), new RegExp(`^31 pulses \\(19 charge, 12 discharge\\), ${r.summary.valid} valid, ${r.pulses.filter((p) => p.diffusionCm2PerS === null).length} flagged without D`));
      assert.match(await text('gitt-output'), /L = r\/3 with r = 5\.000 µm/);
      const rows = await b.page.locator('[data-testid="gitt-table"] tbody tr').evaluateAll((trs) => trs.map((tr) => ({ cls: tr.className, td: Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '') })));
      assert.equal(rows.length, 31);
      r.pulses.forEach((p, k) => {
        assert.equal(rows[k].td[1], p.direction, `pulse ${p.number} direction`);
        assert.equal(rows[k].td[2], fmt(p.tauS), `pulse ${p.number} τ`);
        assert.equal(rows[k].td[6], p.flags.join(', '), `pulse ${p.number} flags`);
        if (p.diffusionCm2PerS === null) assert.deepEqual([rows[k].td[5], rows[k].cls], ['—', 'flagged'], `pulse ${p.number} has no D`);
        else assertShown(rows[k].td[5], p.diffusionCm2PerS, `pulse ${p.number} D`, 6e-3);
      });
      // PROVENANCE.md: pulses 9, 10 and 12 sit on the LiFePO4 plateau with ΔEs = 0.0000 V: no D, flagged.
      for (const n of [9, 10, 12]) {
        assert.equal(rows[n - 1].td[5], '—', `pulse ${n} D`);
        assert.match(rows[n - 1].td[6], /deltaEsBelowResolution/, `pulse ${n} flags`);
      }
      // Electrode thickness instead: D scales with L², (80 µm / (5 µm / 3))² = 2304 times the radius value.
      const k1 = r.pulses.findIndex((p) => p.diffusionCm2PerS !== null);
      await b.page.selectOption('[data-testid="gitt-length-kind"]', 'electrodeThickness');
      await b.page.fill('[data-testid="gitt-length-um"]', '80');
      await b.page.click('[data-testid="gitt-run"]');
      await b.page.waitForFunction(() => /electrode thickness, L = 80/.test(document.querySelector('[data-testid="gitt-output"]')?.textContent ?? ''));
      const d80 = await b.page.locator('[data-testid="gitt-table"] tbody tr').nth(k1).locator('td').nth(5).textContent() ?? '';
      assertShown(d80, (r.pulses[k1].diffusionCm2PerS as number) * 2304, `pulse ${k1 + 1} D with L = 80 µm`, 6e-3);

      // The mapping is remembered: after a reload the table is read through it again.
      await b.page.reload();
      await settled();
      assert.match(await text('data-status'), /GITT\.csv: .* through the column mapping/);
      assert.deepEqual(JSON.parse(await b.page.inputValue('[data-testid="mapping-text"]')), mapping);
      // Another unknown table is tried with the saved mapping; when that fails too, both reasons are shown.
      await b.page.setInputFiles('[data-testid="data-file-input"]', { name: 'weather.csv', mimeType: 'text/csv', buffer: Buffer.from('Temperature/C,Pressure/bar\n20,1\n21,1.1\n') });
      await settled('error');
      assert.match(await text('data-error'), /^weather\.csv, line 1: .*Your saved column mapping did not read it either: .*TestTime/);
      assert.equal(await b.page.getAttribute('[data-testid="mapping-panel"]', 'open'), '');
      assert.deepEqual(b.errors, []);
    });

    test('nothing was uploaded or fetched from elsewhere: only GETs to the app\'s own server', () => {
      const foreign = b.requests.filter((r) => !(r.startsWith(`GET ${server.url}`) || / (blob|data):/.test(r)));
      assert.deepEqual(foreign, []);
      assert.ok(b.requests.length > 3);
    });
  });

  describe('simulator', () => {
    /** The core's run for the page's default: gao2025-ncm811-llzo, 32.8 mg/cm², 1C to the cut-off, 25 °C, 20 cells. */
    function expectedRun(cRate: number): ReturnType<Simulation['run']> {
      const p = getPreset('gao2025-ncm811-llzo', { temperatureK: 298.15, loadingMgPerCm2: 32.8 });
      const steps = parseExperiment(`Discharge at ${cRate}C until ${p.lowerCutoffV} V`, { oneCAPerM2: p.oneCAPerM2, areaM2: p.areaM2 });
      return new Simulation(p, { cells: [20, 20, 20], shells: 20 }).run(steps);
    }

    test('Run draws the default discharge curve with the core\'s capacity and energy', async () => {
      await b.page.goto(`${server.url}#/sim`);
      await b.page.click('[data-testid="sim-run"]');
      await b.page.waitForSelector('[data-testid="sim-voltage-chart"] svg g.series');
      const r = expectedRun(1);
      assert.ok(r.completed && r.capacityMahPerG !== null);
      assertShown(await text('sim-specific'), r.capacityMahPerG as number, 'mAh/g');
      assertShown(await text('sim-energy'), r.energyWh * 1000, 'mWh');
      assertShown(await text('sim-final-v'), r.voltage_V[r.voltage_V.length - 1], 'final V');
      // The specific capacity is the areal one over the active loading: mAh/cm² ÷ (32.8 mg/cm²) × 1000.
      assert.ok(Math.abs(Number(await text('sim-areal')) / 32.8 * 1000 / Number(await text('sim-specific')) - 1) < 2e-3);
      for (const id of ['sim-ce-map', 'sim-utilisation-map', 'sim-overpotential-chart']) {
        assert.equal(await b.page.locator(`[data-testid="${id}"] svg`).count(), 1, id);
      }
    });

    test('dragging across the voltage chart zooms its x axis; a double-click resets it', async () => {
      const area = b.page.locator('[data-testid="sim-voltage-chart"] rect.plot-area');
      const before = (await area.getAttribute('data-x-domain'))?.split(' ').map(Number) ?? [];
      const box = await area.boundingBox();
      assert.ok(box);
      const y = box.y + box.height / 2;
      await b.page.mouse.move(box.x + box.width * 0.25, y);
      // Hovering reads the data value back: a quarter of the way along the x domain.
      const readout = await b.page.locator('[data-testid="sim-voltage-chart"] ~ .figure-tools .readout, [data-testid="sim-voltage-chart"] + .figure-tools .readout').first().textContent() ?? '';
      const hx = Number(/x = ([-\d.e]+)/.exec(readout)?.[1]);
      assert.ok(Math.abs(hx - (before[0] + (before[1] - before[0]) / 4)) < (before[1] - before[0]) * 0.02, `hover readout '${readout}'`);
      await b.page.mouse.down();
      await b.page.mouse.move(box.x + box.width * 0.5, y, { steps: 4 });
      await b.page.mouse.up();
      const after = (await area.getAttribute('data-x-domain'))?.split(' ').map(Number) ?? [];
      // A quarter of the width, from a quarter in: [lo + w/4, lo + w/2] of the old domain.
      const w = before[1] - before[0];
      assert.ok(Math.abs(after[0] - (before[0] + w / 4)) < w * 0.02 && Math.abs(after[1] - (before[0] + w / 2)) < w * 0.02, `zoomed ${before} → ${after}`);
      await b.page.mouse.dblclick(box.x + box.width / 2, y);
      assert.deepEqual((await area.getAttribute('data-x-domain'))?.split(' ').map(Number), before);
    });

    test('a kept run is overlaid on the next one, and the form survives a reload', async () => {
      await b.page.click('[data-testid="sim-keep"]');
      await b.page.fill('[data-testid="sim-c-rate"]', '3');
      await b.page.click('[data-testid="sim-run"]');
      await b.page.waitForFunction(() => /3\.00C/.test(document.querySelector('[data-testid="sim-status"]')?.textContent ?? '') && !/Running/.test(document.querySelector('[data-testid="sim-status"]')?.textContent ?? ''));
      const names = await b.page.locator('[data-testid="sim-voltage-chart"] svg g.series').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-name') ?? ''));
      assert.equal(names.length, 2);
      assert.match(names[0], /1\.00C/);
      assert.match(names[1], /3\.00C.*this run/);
      await b.page.reload();
      assert.equal(await b.page.inputValue('[data-testid="sim-c-rate"]'), '3');
    });

    test('Cancel stops a long run and the page stays usable', async () => {
      // 200 cycles on a fine grid: far longer than the moment it takes to click Cancel.
      await b.page.fill('input[name="points"]', '200');
      await b.page.selectOption('[data-testid="sim-mode"]', 'experiment');
      await b.page.fill('[data-testid="sim-experiment"]', '(Discharge at 0.5C until 3.0 V; Charge at 0.5C until 4.3 V)×200');
      await b.page.click('[data-testid="sim-run"]');
      await b.page.waitForSelector('[data-testid="sim-progress"]');
      await b.page.click('[data-testid="sim-cancel"]');
      assert.equal(await text('sim-status'), 'Cancelled.');
      assert.equal(await b.page.isEnabled('[data-testid="sim-run"]'), true);
      assert.equal(await b.page.locator('[data-testid="sim-voltage-chart"]').count(), 0, 'no result from the cancelled run');
      await b.page.fill('input[name="points"]', '20');
      await b.page.selectOption('[data-testid="sim-mode"]', 'c-rate');
      assert.deepEqual(b.errors, []);
    });
  });

  describe('EIS fit', () => {
    test('fitting the Randles circuit to impedance.py\'s example battery data reproduces its published values', async () => {
      await b.page.goto(`${server.url}#/eis`);
      await b.page.setInputFiles('[data-testid="eis-file-input"]', fixturePath('eis', 'exampleData.csv'));
      await b.page.waitForSelector('[data-testid="eis-nyquist"] svg');
      // impedance.py's test_circuits.py: Randles R0-p(R1-Wo1,C1) on the 57 points with Z″ < 0 (ignoreBelowX).
      assert.equal(await b.page.isChecked('[data-testid="eis-capacitive-only"]'), true);
      await b.page.fill('[data-testid="eis-circuit"]', 'R0-p(R1-Wo1,C1)');
      await b.page.click('[data-testid="eis-fit"]');
      await b.page.waitForSelector('[data-testid="eis-params"]');
      const published: Record<string, number> = { R0: 1.86235717e-2, R1: 1.16804085e-2, Wo1_0: 6.27121224e-2, Wo1_1: 2.21232935e2, C1: 1.1717144 };
      for (const [name, value] of Object.entries(published)) {
        const shown = Number(await text(`eis-value-${name}`));
        assert.ok(Math.abs(shown / value - 1) < 1e-3, `${name}: shown ${shown}, impedance.py ${value}`);
      }
      assert.match(await text('eis-status'), /57 points/);
      // R_ct is the resistance of the relaxation in the measured range: R1.
      assert.equal(await text('eis-rct'), await text('eis-value-R1'));
      assert.deepEqual(await b.page.locator('[data-testid="eis-nyquist"] svg g.series').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-name'))), ['exampleData.csv', 'fit R0-p(R1-Wo1,C1)']);
    });

    test('after a reload the impedance file and the circuit are still there', async () => {
      await b.page.reload();
      await b.page.waitForSelector('[data-testid="eis-nyquist"] svg');
      assert.equal(await b.page.inputValue('[data-testid="eis-circuit"]'), 'R0-p(R1-Wo1,C1)');
      assert.match(await text('eis-status'), /exampleData\.csv/);
    });

    test('a malformed circuit is explained and cannot be fitted', async () => {
      await b.page.fill('[data-testid="eis-circuit"]', 'R0-p(R1');
      assert.match(await text('eis-circuit-message'), /circuit/i);
      assert.equal(await b.page.isDisabled('[data-testid="eis-fit"]'), true);
      await b.page.fill('[data-testid="eis-circuit"]', 'R0-p(R1,CPE1)');
      assert.equal(await b.page.isEnabled('[data-testid="eis-fit"]'), true);
      assert.deepEqual(b.errors, []);
    });
  });

  describe('Gao 2025 study', () => {
    test('the study runs in the browser; its table is the core\'s and the report has its figures', async () => {
      await b.page.goto(`${server.url}#/study`);
      // The quick variant (no EIS temperatures, no calibration) keeps this test short.
      await b.page.uncheck('[data-testid="study-eis"]');
      await b.page.uncheck('[data-testid="study-calibration"]');
      await b.page.click('[data-testid="study-run"]');
      await b.page.waitForSelector('[data-testid="study-table"]', { timeout: 30_000 });
      const rows = buildStudyTable(runGao2025Study({
        pouchDesign: parseDesign(readFileSync(EXAMPLE, 'utf8'), EXAMPLE),
        pouchFile: EXAMPLE,
        library: MaterialLibrary.builtin(),
        skipEis: true,
        skipCalibration: true,
      }));
      const cells = await b.page.locator('[data-testid="study-table"] tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '')));
      assert.equal(cells.length, rows.length);
      rows.forEach((r, k) => {
        assert.equal(cells[k][0], r.quantity);
        assert.equal(cells[k][1], r.paper);
        // Every number in the cell, within 1e-3 of the row's largest (a bracketed LLZO − bare
        // difference of two near-equal capacities is all rounding noise below that).
        const shown = (cells[k][2].match(/-?\d+(\.\d+)?(e-?\d+)?/g) ?? []).map(Number);
        const coreText = r.cathodelabText.match(/-?\d+(\.\d+)?(e-?\d+)?/g) ?? [];
        const core = coreText.map(Number);
        assert.equal(shown.length, core.length, `${r.quantity}: ${cells[k][2]} vs ${r.cathodelabText}`);
        const scale = Math.max(1e-12, ...core.map(Math.abs));
        // Plus one unit in the last printed digit: a value at a rounding boundary (2.495 → "2.5" in
        // Chromium, "2.49" in Node, whose Math functions differ in the last bits) is the same number.
        const lastDigit = (t: string): number => (/e/.test(t) ? 0 : 10 ** -((t.split('.')[1] ?? '').length));
        shown.forEach((x, j) => assert.ok(Math.abs(x - core[j]) <= 1e-3 * scale + lastDigit(coreText[j]), `${r.quantity}: ${cells[k][2]} vs ${r.cathodelabText}`));
      });
      // The paper's 198 mAh/g at 54 mg/cm² and 0.1C is the first row; the model lands within 10 %.
      assert.equal(cells[0][1], '198');
      assert.ok(Math.abs(Number(cells[0][2]) / 198 - 1) < 0.1, `0.1C capacity ${cells[0][2]}`);
      const figures = await b.page.frameLocator('[data-testid="study-report"]').locator('figure svg').count();
      assert.ok(figures >= 4, `report figures: ${figures}`);
      assert.deepEqual(b.errors, []);
    });
  });
});
