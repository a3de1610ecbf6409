/**
 * Node's Math.exp and Math.log, bit for bit, in the browser's worker.
 *
 * Why: JavaScript engines may round Math.exp and Math.log differently in the last bit (the
 * standard allows it). Node 20's V8 uses ports of fdlibm (FreeBSD msun); recent Chromium rounds
 * some results differently, so the same model and seed would give numbers that differ in the
 * 16th digit from `povsim compare`'s. stdlib's exp and ln are ports of the same FreeBSD code and
 * give node's results exactly (checked on millions of inputs; tests/explore/engine-math.test.ts),
 * so the worker installs them
 * (explore/engine-math-install.ts, its first import) before the model loads. Math.pow is left alone: the model calls it
 * once per run (the sanction half-life), on values where the engines agree.
 */
import exp from '@stdlib/math-base-special-exp';
import ln from '@stdlib/math-base-special-ln';

/** Below this, exp is subnormal or 0, where stdlib returns 0 early; the engines agree there. */
const SUBNORMAL_EXP = -708;

const nativeExp = Math.exp;

/**
 * Installs node's exp and log on `math` (the worker's Math). At x = 1 node's V8 returns Math.E
 * (a special case in V8's ieee754::exp), one unit in the last place below fdlibm's and stdlib's
 * result; fastExp's table (src/engine/fast-exp.ts) holds e^1, so the worker must give node's value.
 */
export function installNodeMath(math: Math): void {
  math.exp = (x: number): number => (x < SUBNORMAL_EXP ? nativeExp(x) : x === 1 ? Math.E : exp(x));
  math.log = ln;
}
