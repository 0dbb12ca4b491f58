/**
 * The truncated normal distribution TPE samples from and scores with: a port of Optuna's
 * optuna/samplers/_tpe/_truncnorm.py (itself from SciPy), scalar instead of vectorised. The
 * tails are worked in log space so a kernel far narrower than its range (sigma down to
 * range/100 with the magic clip) keeps finite densities. erf and erfc come from stdlib.
 */
import erf from '@stdlib/math-base-special-erf';
import erfc from '@stdlib/math-base-special-erfc';

const SQRT2 = Math.SQRT2;
export const NORM_PDF_LOG_C = Math.log(Math.sqrt(2 * Math.PI));
const NDTRI_EXP_APPROX_C = Math.sqrt(3) / Math.PI;

function logSum(logP: number, logQ: number): number {
  const max = Math.max(logP, logQ);
  if (max === -Infinity) return -Infinity;
  return max + Math.log(Math.exp(logP - max) + Math.exp(logQ - max));
}

function logDiff(logP: number, logQ: number): number {
  return logP + Math.log1p(-Math.exp(logQ - logP));
}

/** Φ(a), the standard normal CDF, split by region as Optuna's _ndtr_single does. */
export function ndtr(a: number): number {
  const x = a / SQRT2;
  if (x < -1 / SQRT2) return 0.5 * erfc(-x);
  if (x < 1 / SQRT2) return 0.5 + 0.5 * erf(x);
  return 1 - 0.5 * erfc(x);
}

/** log Φ(a), with the asymptotic series below -20 where Φ underflows. */
export function logNdtr(a: number): number {
  if (a > 6) return -ndtr(-a);
  if (a > -20) return Math.log(ndtr(a));
  const logLhs = -0.5 * a * a - Math.log(-a) - 0.5 * Math.log(2 * Math.PI);
  let lastTotal = 0;
  let rightHandSide = 1;
  let numerator = 1;
  let denomFactor = 1;
  const denomCons = 1 / (a * a);
  let sign = 1;
  let i = 0;
  while (Math.abs(lastTotal - rightHandSide) > Number.EPSILON) {
    i += 1;
    lastTotal = rightHandSide;
    sign = -sign;
    denomFactor *= denomCons;
    numerator *= 2 * i - 1;
    rightHandSide += sign * numerator * denomFactor;
  }
  return logLhs + Math.log(rightHandSide);
}

/** log of the standard normal mass in [a, b]; the right tail is mirrored onto the left, where it is accurate. */
export function logGaussMass(a: number, b: number): number {
  if (b <= 0) return logDiff(logNdtr(b), logNdtr(a));
  if (a > 0) return logDiff(logNdtr(-a), logNdtr(-b));
  // Central: 1 − Φ(a) − Φ(−b) avoids the cancellation of two masses near 1/2.
  return Math.log1p(-ndtr(a) - ndtr(-b));
}

/** x with log Φ(x) = y, by Newton's method from Optuna's starting guesses. */
function ndtriExp(y: number): number {
  const flipped = y > -1e-2;
  const z = flipped ? Math.log(-Math.expm1(y)) : y;
  let x = z < -5 ? -Math.sqrt(-2 * (z + NORM_PDF_LOG_C)) : -NDTRI_EXP_APPROX_C * Math.log(Math.expm1(-z));
  for (let i = 0; i < 100; i++) {
    const logNdtrX = logNdtr(x);
    const logNormPdfX = -0.5 * x * x - NORM_PDF_LOG_C;
    const dx = (logNdtrX - z) * Math.exp(logNdtrX - logNormPdfX);
    x -= dx;
    if (Math.abs(dx) < 1e-8 * Math.abs(x)) break;
  }
  return flipped ? -x : x;
}

/** The quantile q of the standard normal truncated to [a, b]. */
export function ppf(q: number, a: number, b: number): number {
  if (a === b) return NaN;
  if (q === 0) return a;
  if (q === 1) return b;
  const logMass = logGaussMass(a, b);
  if (a < 0) return ndtriExp(logSum(logNdtr(a), Math.log(q) + logMass));
  return -ndtriExp(logSum(logNdtr(-b), Math.log1p(-q) + logMass));
}

/** A draw from N(loc, scale²) truncated to [loc + a·scale, loc + b·scale], from a uniform u in [0, 1). */
export function truncnormFromUniform(u: number, a: number, b: number, loc: number, scale: number): number {
  return ppf(u, a, b) * scale + loc;
}

/** log density at x of N(loc, scale²) truncated to the standardised bounds [a, b]. */
export function truncnormLogPdf(x: number, a: number, b: number, loc: number, scale: number): number {
  const z = (x - loc) / scale;
  if (a === b) return NaN;
  if (z < a || z > b) return -Infinity;
  return -(z * z) / 2 - NORM_PDF_LOG_C - logGaussMass(a, b) - Math.log(scale);
}
