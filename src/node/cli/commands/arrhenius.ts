/**
 * `cathodelab arrhenius`: activation energy from (T, value) pairs or from a batch of `eis fit --json`
 * results. Resistances are fitted as ln(1/R) against 1/T, rate-like quantities as ln(k) against 1/T.
 */
import type { Command } from 'commander';
import { arrhenius, type ArrheniusPoint, type ArrheniusQuantity } from '../../../core/eis/arrhenius.js';
import { InputError } from '../../../core/errors.js';
import { readInputBytes } from '../../io/read-input.js';
import { formatNumber, printJson } from '../output.js';

function parsePoint(text: string): ArrheniusPoint {
  const m = /^\s*([^:]+):([^:]+)\s*$/.exec(text);
  const T = m ? Number(m[1]) : NaN;
  const v = m ? Number(m[2]) : NaN;
  if (!m || !Number.isFinite(T) || !Number.isFinite(v)) throw new InputError({ field: '--point' }, 'T:value with T in K, e.g. 298.15:12.5', `'${text}'`);
  return { temperatureK: T, value: v };
}

/**
 * Points from a JSON file: `{ fits: [{ temperatureK, rctOhm }] }` (the output of `eis fit … --json` on
 * several files with --temperature), one such fit object, or an array of `{ temperatureK, value }`.
 */
export function pointsFromJson(path: string): ArrheniusPoint[] {
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder().decode(readInputBytes(path)));
  } catch (e) {
    if (e instanceof SyntaxError) throw new InputError({ file: path }, 'JSON', `invalid JSON (${e.message})`);
    throw e;
  }
  const list: unknown[] = Array.isArray(data) ? data : typeof data === 'object' && data !== null && Array.isArray((data as { fits?: unknown }).fits) ? (data as { fits: unknown[] }).fits : [data];
  const points: ArrheniusPoint[] = [];
  list.forEach((item, i) => {
    const o = (item ?? {}) as Record<string, unknown>;
    if (o.converged === false) throw new InputError({ file: path, field: `fits[${i}]` }, 'a converged fit', `a fit that did not converge (${String(o.message ?? '')})`);
    const T = o.temperatureK;
    const v = o.value ?? o.rctOhm;
    if (typeof T !== 'number') throw new InputError({ file: path, field: `[${i}].temperatureK` }, 'a temperature in K (give --temperature to eis fit)', T === undefined || T === null ? 'none' : JSON.stringify(T));
    if (typeof v !== 'number') throw new InputError({ file: path, field: `[${i}].rctOhm` }, 'rctOhm (or value)', v === undefined ? 'none (R_ct not identifiable in this fit?)' : JSON.stringify(v));
    points.push({ temperatureK: T, value: v });
  });
  return points;
}

export function register(program: Command): void {
  program
    .command('arrhenius')
    .description('activation energy from values at several temperatures: E_a with standard error, 95 % interval, prefactor and R² (natural log)')
    .option('--point <T:value>', 'a temperature in K and its value (repeat)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--from <fits.json>', 'read points from `eis fit --json` output (temperatureK, rctOhm) or [{temperatureK, value}]')
    .option('--quantity <resistance|rate>', 'resistance: fit ln(1/R) vs 1/T; rate: fit ln(k) vs 1/T', 'resistance')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', `
Examples:
  $ cathodelab arrhenius --point 298.15:12.5 --point 308.15:8.1 --point 318.15:5.4
  $ cathodelab eis fit 25C.z 35C.z 45C.z --circuit "R0-p(R1,CPE1)-W1" --temperature 298.15,308.15,318.15 --json > fits.json
  $ cathodelab arrhenius --from fits.json --json

E_a = −R·slope of ln(quantity) against 1/T (natural log; with log10 the slope is 2.303× smaller and
E_a = −2.303·R·slope, the same energy). Resistances enter as the conductance 1/R.
`)
    .action((opts: { point: string[]; from?: string; quantity: string; json?: boolean }) => {
      if (opts.quantity !== 'resistance' && opts.quantity !== 'rate') throw new InputError({ field: '--quantity' }, 'resistance | rate', `'${opts.quantity}'`);
      const points = [...opts.point.map(parsePoint), ...(opts.from ? pointsFromJson(opts.from) : [])];
      if (points.length === 0) throw new InputError({ field: '--point / --from' }, 'at least two points', 'none');
      const r = arrhenius(points, opts.quantity as ArrheniusQuantity);
      if (opts.json) {
        printJson({
          quantity: r.quantity,
          ordinate: r.ordinate,
          logarithm: r.logarithm,
          n: r.n,
          activationEnergyKJPerMol: r.activationEnergyKJPerMol,
          stdErrKJPerMol: r.stdErrKJPerMol,
          ci95KJPerMol: r.ci95KJPerMol,
          prefactor: r.prefactor,
          prefactorUnit: r.quantity === 'resistance' ? 'S' : 'unit of the quantity',
          r2: r.r2,
          points,
        });
        return;
      }
      const ci = r.ci95KJPerMol ? `, 95 % interval ${formatNumber(r.ci95KJPerMol[0])} … ${formatNumber(r.ci95KJPerMol[1])} kJ/mol` : ' (two points: no uncertainty)';
      process.stdout.write([
        `E_a = ${formatNumber(r.activationEnergyKJPerMol)} kJ/mol${r.stdErrKJPerMol !== null ? ` ± ${formatNumber(r.stdErrKJPerMol)} (1σ)` : ''}${ci}`,
        `fit: ${r.ordinate} (natural log), ${r.n} points, R² = ${formatNumber(r.r2, 6)}, prefactor A = ${formatNumber(r.prefactor)}${r.quantity === 'resistance' ? ' S' : ''}`,
      ].join('\n') + '\n');
    });
}
