/** DAE test problems with known answers, shared by the BDF tests (and the benchmark). */
import type { DaeProblem } from '../../../src/core/numerics/dae-problem.js';

/**
 * Robertson's chemical kinetics as an index-1 DAE (the SUNDIALS IDA example idaRoberts_dns):
 *   y1′ = −0.04·y1 + 1e4·y2·y3,  y2′ = 0.04·y1 − 1e4·y2·y3 − 3e7·y2²,  0 = y1 + y2 + y3 − 1.
 * nEvents = 2 with g = (y1 − 1e-4, y3 − 0.01), as in that example.
 */
export function robertson(withEvents = false): DaeProblem {
  return {
    n: 3,
    differential: new Uint8Array([1, 1, 0]),
    lowerBandwidth: 2,
    upperBandwidth: 2,
    residual(_t, y, yp, r) {
      r[0] = yp[0] + 0.04 * y[0] - 1e4 * y[1] * y[2];
      r[1] = yp[1] - 0.04 * y[0] + 1e4 * y[1] * y[2] + 3e7 * y[1] * y[1];
      r[2] = y[0] + y[1] + y[2] - 1;
    },
    jacobian(_t, y, _yp, cj, J) {
      J.set(0, 0, cj + 0.04);
      J.set(0, 1, -1e4 * y[2]);
      J.set(0, 2, -1e4 * y[1]);
      J.set(1, 0, -0.04);
      J.set(1, 1, cj + 1e4 * y[2] + 6e7 * y[1]);
      J.set(1, 2, 1e4 * y[1]);
      J.set(2, 0, 1);
      J.set(2, 1, 1);
      J.set(2, 2, 1);
    },
    nEvents: withEvents ? 2 : 0,
    events(_t, y, _yp, g) {
      g[0] = y[0] - 1e-4;
      g[1] = y[2] - 0.01;
    },
  };
}

/**
 * Linear index-1 DAE with a closed-form solution:
 *   y1′ = y2,  0 = y2 − cos t  ⇒  y1 = sin t (y1(0) = 0), y2 = cos t;
 *   y3′ = −λ·y3 + y2 (λ = 2)    ⇒  y3 = (λ·cos t + sin t)/(λ² + 1) + (y3(0) − λ/(λ² + 1))·e^(−λt).
 */
export const LAMBDA = 2;
export function trigDae(): DaeProblem {
  return {
    n: 3,
    differential: new Uint8Array([1, 0, 1]),
    lowerBandwidth: 2,
    upperBandwidth: 2,
    residual(t, y, yp, r) {
      r[0] = yp[0] - y[1];
      r[1] = y[1] - Math.cos(t);
      r[2] = yp[2] + LAMBDA * y[2] - y[1];
    },
    jacobian(_t, _y, _yp, cj, J) {
      J.set(0, 0, cj);
      J.set(0, 1, -1);
      J.set(1, 1, 1);
      J.set(2, 2, cj + LAMBDA);
      J.set(2, 1, -1);
    },
  };
}
export function trigExact(t: number, y3at0 = 1): [number, number, number] {
  const l = LAMBDA;
  const c = l / (l * l + 1);
  return [Math.sin(t), Math.cos(t), (l * Math.cos(t) + Math.sin(t)) / (l * l + 1) + (y3at0 - c) * Math.exp(-l * t)];
}
export function trigExactDerivative(t: number, y3at0 = 1): [number, number, number] {
  const l = LAMBDA;
  const c = l / (l * l + 1);
  return [Math.cos(t), -Math.sin(t), (-l * Math.sin(t) + Math.cos(t)) / (l * l + 1) - l * (y3at0 - c) * Math.exp(-l * t)];
}
