/**
 * XRD analysis of an R-3m layered oxide (LiCoO2, NCM, NCA; α-NaFeO2 structure, hexagonal setting):
 * background, the main reflections fitted as pseudo-Voigt Kα1/Kα2 doublets, lattice parameters a and c
 * by least squares with a zero shift, c/a, and the I(003)/I(104) cation-ordering indicator both by
 * fitted Kα1 height and by fitted Kα1 area (the two differ, e.g. 1.96 vs 2.27 on the LiCoO2 fixture,
 * so both are reported and named).
 *
 * Steps:
 * 1. SNIP background (snip-background.ts) and a robust noise level of the net pattern.
 * 2. (003) is the strongest net peak with d in 4.55–4.90 Å, (104) the strongest with d in 1.95–2.07 Å
 *    (ranges cover LiCoO2 to Ni-rich NCM). Either missing → AnalysisError, not a number.
 * 3. Initial c = 3·d(003), a from d(104); every other reflection is looked for within ±0.25° of its
 *    predicted 2θ and kept when its net apex is above 5σ of the noise.
 * 4. Reflections closer than 1.2° are fitted together ((101)/(006)/(012), (018)/(110)); each window has
 *    a straight local background on the raw counts.
 * 5. a, c, zero by hexagonal-lattice.ts over all fitted Kα1 positions.
 *
 * The reflection written (108) in much of the battery literature is (018) in the obverse R-3m setting
 * (−h + k + l = 3n); the two have the same d-spacing. It is labelled 018 here.
 */
import { AnalysisError } from '../../errors.js';
import { CU_K_ALPHA, type XrdPattern, type XrayWavelengths } from './pattern.js';
import { snipBackground } from './snip-background.js';
import { braggD, braggTwoTheta, kAlpha2TwoTheta } from './pseudo-voigt.js';
import { fitDoubletWindow, type PeakGuess } from './peak-fit.js';
import { fitHexagonalLattice, hexagonalD, type Hkl, type LatticeFit } from './hexagonal-lattice.js';

export const LAYERED_OXIDE_REFLECTIONS: readonly { label: string; hkl: Hkl }[] = [
  { label: '003', hkl: { h: 0, k: 0, l: 3 } },
  { label: '101', hkl: { h: 1, k: 0, l: 1 } },
  { label: '006', hkl: { h: 0, k: 0, l: 6 } },
  { label: '012', hkl: { h: 0, k: 1, l: 2 } },
  { label: '104', hkl: { h: 1, k: 0, l: 4 } },
  { label: '015', hkl: { h: 0, k: 1, l: 5 } },
  { label: '107', hkl: { h: 1, k: 0, l: 7 } },
  { label: '018', hkl: { h: 0, k: 1, l: 8 } },
  { label: '110', hkl: { h: 1, k: 1, l: 0 } },
  { label: '113', hkl: { h: 1, k: 1, l: 3 } },
];

export interface LayeredOxideOptions {
  /** Override the wavelengths (else the file's, else Cu Kα: 1.540562/1.544390 Å). */
  wavelengths?: XrayWavelengths;
  /** Override I(Kα2)/I(Kα1) (else the file's, else 0.5). Set 0 for Kα1-only data. */
  alpha2Ratio?: number;
  /** Refine a 2θ zero shift with a and c. @default true */
  refineZero?: boolean;
  /** SNIP clipping half-width, degrees 2θ. @default 1.0 */
  snipWidthDeg?: number;
}

export interface LayeredOxidePeak {
  label: string;
  hkl: Hkl;
  /** Kα1 position, ° 2θ. */
  twoThetaDeg: number;
  twoThetaStdErrDeg: number;
  /** d from the Kα1 position (no zero correction), Å. */
  dAngstrom: number;
  /** Kα1 height above the local background, counts. */
  heightCounts: number;
  /** Kα1 integrated area, counts·°. */
  areaCountsDeg: number;
  fwhmDeg: number;
  /** Lorentzian fraction of the pseudo-Voigt. */
  eta: number;
  /** Observed − calculated 2θ after the lattice fit, °. */
  latticeResidualDeg: number;
}

export interface LayeredOxideResult {
  source: string;
  method: string;
  wavelengthsUsed: { alpha1Angstrom: number; alpha2Angstrom: number | null; alpha2Ratio: number };
  peaks: LayeredOxidePeak[];
  /** Reflections looked for but not found above the noise (or outside the scanned range). */
  notFound: string[];
  aAngstrom: number;
  cAngstrom: number;
  aStdErrAngstrom: number;
  cStdErrAngstrom: number;
  zeroShiftDeg: number;
  cOverA: number;
  cellVolumeAngstrom3: number;
  latticeRmsResidualDeg: number;
  /** I(003)/I(104) from fitted Kα1 heights. */
  i003ToI104Height: number;
  /** I(003)/I(104) from fitted Kα1 areas. */
  i003ToI104Area: number;
  /** 2θ(012) − 2θ(006) and 2θ(110) − 2θ(018), °; null when a member is missing. */
  splitting006to012Deg: number | null;
  splitting018to110Deg: number | null;
  /** The SNIP background on the pattern grid (for plots). */
  background: Float64Array;
  noiseCounts: number;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) >> 1] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
}

function indexRange(x: Float64Array, from: number, to: number): [number, number] {
  let a = 0;
  while (a < x.length && x[a] < from) a++;
  let b = a;
  while (b < x.length && x[b] <= to) b++;
  return [a, b];
}

export function analyzeLayeredOxide(pattern: XrdPattern, options: LayeredOxideOptions = {}): LayeredOxideResult {
  const x = pattern.twoThetaDeg;
  const y = pattern.intensity;
  const n = x.length;
  const wl = options.wavelengths ?? pattern.wavelengths ?? CU_K_ALPHA;
  const lambda1 = wl.alpha1Angstrom;
  const lambda2 = wl.alpha2Angstrom ?? (options.wavelengths || pattern.wavelengths ? undefined : CU_K_ALPHA.alpha2Angstrom);
  const ratio = lambda2 === undefined ? 0 : options.alpha2Ratio ?? wl.alpha2Ratio ?? 0.5;
  const diffs: number[] = [];
  for (let i = 1; i < n; i++) diffs.push(x[i] - x[i - 1]);
  const step = median(diffs);
  const background = snipBackground(y, (options.snipWidthDeg ?? 1.0) / step);
  const net = new Float64Array(n);
  for (let i = 0; i < n; i++) net[i] = y[i] - background[i];
  const absDiff: number[] = [];
  for (let i = 1; i < n; i++) absDiff.push(Math.abs(net[i] - net[i - 1]));
  const noise = Math.max((1.4826 * median(absDiff)) / Math.SQRT2, 1e-12);

  /** Strongest net local maximum with d in [dLo, dHi]; null when absent or below `sigmas`·noise. */
  const strongestIn = (dLo: number, dHi: number, sigmas: number): number | null => {
    const [a, b] = indexRange(x, braggTwoTheta(dHi, lambda1), braggTwoTheta(dLo, lambda1));
    let best = -1;
    for (let i = Math.max(a, 1); i < Math.min(b, n - 1); i++) if (net[i] >= net[i - 1] && net[i] >= net[i + 1] && (best < 0 || net[i] > net[best])) best = i;
    return best >= 0 && net[best] > sigmas * noise ? best : null;
  };
  const describe = (dLo: number, dHi: number) => `2θ ${braggTwoTheta(dHi, lambda1).toFixed(2)}–${braggTwoTheta(dLo, lambda1).toFixed(2)}° (d ${dLo}–${dHi} Å, λ = ${lambda1} Å)`;
  const i003 = strongestIn(4.55, 4.9, 10);
  if (i003 === null) {
    throw new AnalysisError(`${pattern.source}: no (003) peak of a layered R-3m oxide: expected a reflection above the background at ${describe(4.55, 4.9)}, scanned ${x[0].toFixed(2)}–${x[n - 1].toFixed(2)}°, noise ${noise.toFixed(1)} counts`);
  }
  const i104 = strongestIn(1.95, 2.07, 10);
  if (i104 === null) {
    throw new AnalysisError(`${pattern.source}: no (104) peak of a layered R-3m oxide: expected a reflection above the background at ${describe(1.95, 2.07)}, scanned ${x[0].toFixed(2)}–${x[n - 1].toFixed(2)}°`);
  }
  const c0 = 3 * braggD(x[i003], lambda1);
  const inv = 1 / braggD(x[i104], lambda1) ** 2 - 16 / (c0 * c0);
  if (!(inv > 0)) throw new AnalysisError(`${pattern.source}: the (003) and (104) peaks at ${x[i003].toFixed(3)}° and ${x[i104].toFixed(3)}° are not consistent with a hexagonal cell`);
  const a0 = Math.sqrt(4 / 3 / inv);

  // locate each reflection near its predicted position
  interface Located { label: string; hkl: Hkl; apex: number; fwhm: number }
  const located: Located[] = [];
  const notFound: string[] = [];
  for (const r of LAYERED_OXIDE_REFLECTIONS) {
    const pred = braggTwoTheta(hexagonalD(r.hkl, a0, c0), lambda1);
    if (!(pred > x[0] + 0.5 && pred < x[n - 1] - 0.8)) { notFound.push(r.label); continue; }
    const [a, b] = indexRange(x, pred - 0.25, pred + 0.25);
    let best = -1;
    for (let i = Math.max(a, 1); i < Math.min(b, n - 1); i++) if (net[i] >= net[i - 1] && net[i] >= net[i + 1] && (best < 0 || net[i] > net[best])) best = i;
    if (best < 0 || net[best] < 5 * noise) { notFound.push(r.label); continue; }
    // width from the half-maximum crossings of the net pattern
    const half = net[best] / 2;
    let l = best;
    while (l > 0 && net[l] > half) l--;
    let rr = best;
    while (rr < n - 1 && net[rr] > half) rr++;
    const fwhm = Math.min(1, Math.max(2 * step, Math.min(x[rr] - x[best], x[best] - x[l]) * 2));
    located.push({ label: r.label, hkl: r.hkl, apex: best, fwhm });
  }
  if (!located.some((l) => l.label === '003') || !located.some((l) => l.label === '104')) {
    throw new AnalysisError(`${pattern.source}: (003) or (104) could not be located for fitting`);
  }

  // group neighbours into shared windows and fit
  const groups: Located[][] = [];
  for (const l of located) {
    const g = groups[groups.length - 1];
    if (g && x[l.apex] - x[g[g.length - 1].apex] < 1.2) g.push(l);
    else groups.push([l]);
  }
  const peaks: LayeredOxidePeak[] = [];
  for (const g of groups) {
    const first = g[0];
    const last = g[g.length - 1];
    const margin = (l: Located) => Math.max(0.5, 5 * l.fwhm);
    const k2 = lambda2 !== undefined ? kAlpha2TwoTheta(x[last.apex], lambda1, lambda2) - x[last.apex] : 0;
    const from = x[first.apex] - margin(first);
    const to = x[last.apex] + (Number.isFinite(k2) ? k2 : 0) + margin(last);
    const guesses: PeakGuess[] = g.map((l) => ({ centerDeg: x[l.apex], height: net[l.apex] / (1 + ratio * 0.5), fwhmDeg: l.fwhm }));
    const fit = fitDoubletWindow(x, y, from, to, guesses, { lambda1, ...(lambda2 !== undefined ? { lambda2 } : {}), alpha2Ratio: ratio });
    g.forEach((l, j) => {
      const p = fit.peaks[j];
      peaks.push({
        label: l.label,
        hkl: l.hkl,
        twoThetaDeg: p.centerDeg,
        twoThetaStdErrDeg: p.centerStdErrDeg,
        dAngstrom: braggD(p.centerDeg, lambda1),
        heightCounts: p.height,
        areaCountsDeg: p.area,
        fwhmDeg: p.fwhmDeg,
        eta: p.eta,
        latticeResidualDeg: NaN,
      });
    });
  }
  const lattice: LatticeFit = fitHexagonalLattice(peaks.map((p) => ({ hkl: p.hkl, twoThetaDeg: p.twoThetaDeg })), lambda1, { a: a0, c: c0 }, options.refineZero ?? true);
  peaks.forEach((p, k) => { p.latticeResidualDeg = lattice.residualsDeg[k]; });
  const byLabel = (s: string) => peaks.find((p) => p.label === s);
  const p003 = byLabel('003') as LayeredOxidePeak;
  const p104 = byLabel('104') as LayeredOxidePeak;
  const split = (lo: string, hi: string) => { const a = byLabel(lo); const b = byLabel(hi); return a && b ? b.twoThetaDeg - a.twoThetaDeg : null; };
  return {
    source: pattern.source,
    method: 'SNIP background for peak search; pseudo-Voigt Kα1+Kα2 doublets on a local linear background (bounded Levenberg–Marquardt); a, c and 2θ zero by least squares on 1/d² = 4/3(h²+hk+k²)/a² + l²/c²; I003/I104 from fitted Kα1 heights and areas',
    wavelengthsUsed: { alpha1Angstrom: lambda1, alpha2Angstrom: lambda2 ?? null, alpha2Ratio: ratio },
    peaks,
    notFound,
    aAngstrom: lattice.aAngstrom,
    cAngstrom: lattice.cAngstrom,
    aStdErrAngstrom: lattice.aStdErrAngstrom,
    cStdErrAngstrom: lattice.cStdErrAngstrom,
    zeroShiftDeg: lattice.zeroShiftDeg,
    cOverA: lattice.cOverA,
    cellVolumeAngstrom3: lattice.volumeAngstrom3,
    latticeRmsResidualDeg: lattice.rmsResidualDeg,
    i003ToI104Height: p003.heightCounts / p104.heightCounts,
    i003ToI104Area: p003.areaCountsDeg / p104.areaCountsDeg,
    splitting006to012Deg: split('006', '012'),
    splitting018to110Deg: split('018', '110'),
    background,
    noiseCounts: noise,
  };
}
