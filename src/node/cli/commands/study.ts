/**
 * `cathodelab study gao2025`: re-runs Gao et al. 2025 (dry-film NCM811 ± LLZO cathodes, Li-metal
 * pouch cell) with the simulator, the designer and the analyses; prints the comparison table
 * (quantity | paper | cathodelab | how) or, with --json, the table as JSON; writes a self-contained
 * HTML report (report/index.html by default).
 */
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { parseDesign } from '../../../core/design/parse.js';
import { InputError } from '../../../core/errors.js';
import { runGao2025Study } from '../../../core/study/gao2025.js';
import { buildStudyTable, formatStudyTable } from '../../../core/study/table.js';
import { renderStudyReport } from '../../../core/study/report-html.js';
import { VERSION } from '../../../core/version.js';
import { readInputText } from '../../io/read-input.js';
import { printJson, writeFileAtomic } from '../output.js';
import { loadMaterialLibrary } from './design.js';

interface StudyOptions {
  out: string;
  json?: boolean;
  design?: string;
  materials?: string;
  eis: boolean;
  calibration: boolean;
  progress: boolean;
}

const STUDIES = ['gao2025'];

/** examples/ ships with the package: four levels above this file in src/ and in dist/. */
function defaultPouchFile(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'examples', 'gao2025-pouch.json');
}

export function register(program: Command): void {
  program
    .command('study')
    .description('re-run a published study end to end (gao2025: dry-film NCM811 ± LLZO cathodes and their Li-metal pouch cell): table + HTML report')
    .argument('<name>', `study: ${STUDIES.join(', ')}`)
    .option('--out <dir>', 'directory of the HTML report (index.html)', 'report')
    .option('--json', 'print the comparison table as JSON on stdout')
    .option('--design <file>', 'pouch-cell design file (default: the shipped examples/gao2025-pouch.json)')
    .option('--materials <file>', 'extra material library (JSON or YAML)')
    .option('--no-eis', 'skip the virtual EIS / Arrhenius part')
    .option('--no-calibration', 'skip the rate-table calibration')
    .option('--no-progress', 'no progress bar')
    .addHelpText('after', '\nExample:\n  cathodelab study gao2025\n  cathodelab study gao2025 --out /tmp/report --json')
    .action((name: string, o: StudyOptions) => {
      if (!STUDIES.includes(name)) throw new InputError({ field: 'study' }, `one of ${STUDIES.join(', ')}`, JSON.stringify(name));
      const file = o.design ?? defaultPouchFile();
      const design = parseDesign(readInputText(file), file);
      const library = loadMaterialLibrary(o.materials);
      const useBar = o.progress && process.stderr.isTTY === true;
      const bar = useBar ? new SingleBar({ stream: process.stderr, format: 'study gao2025 [{bar}] {value}/{total} {step} | {duration}s', hideCursor: true }) : null;
      const t0 = performance.now();
      let result;
      try {
        bar?.start(1, 0, { step: '' });
        result = runGao2025Study({
          pouchDesign: design,
          pouchFile: file,
          library,
          skipEis: !o.eis,
          skipCalibration: !o.calibration,
          onProgress: (done, total, step) => {
            bar?.setTotal(total);
            bar?.update(done, { step });
          },
        });
      } finally {
        bar?.stop();
      }
      const runTimeMs = performance.now() - t0;
      const rows = buildStudyTable(result);
      const cpu = cpus();
      const machine = `${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores`;
      const html = renderStudyReport(result, rows, { runTimeMs, machine, version: VERSION, generatedAt: new Date().toISOString() });
      const outFile = resolve(o.out, 'index.html');
      writeFileAtomic(outFile, html);
      if (o.json) {
        printJson({ study: name, runTimeS: runTimeMs / 1000, machine, report: outFile, rows });
        return;
      }
      const lines = [
        `Gao et al. 2025 re-run with cathodelab ${VERSION} (${(runTimeMs / 1000).toFixed(1)} s on ${machine})`,
        '',
        formatStudyTable(rows),
        '',
      ];
      const off = rows.filter((q) => q.note);
      if (off.length) {
        lines.push(`Differences above 10 %:`);
        for (const q of off) lines.push(`  - ${q.quantity}: ${q.note}`);
        lines.push('');
      }
      lines.push(`report: ${outFile}`);
      process.stdout.write(lines.join('\n') + '\n');
    });
}
