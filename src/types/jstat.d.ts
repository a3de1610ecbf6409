/**
 * Minimal type declaration for the parts of `jstat` (1.9.x, no bundled types, no @types package)
 * that povsim uses. jstat ships a UMD/CommonJS bundle whose `module.exports` is the `jStat`
 * function object, which also carries itself as `.jStat`; under Node ESM the default import is
 * that object, so callers write:
 *
 *   import jStatPkg from 'jstat';
 *   const { jStat } = jStatPkg;
 *
 * Extend this declaration when another jstat function is needed; keep it to what is used.
 */
declare module 'jstat' {
  interface JStatStudentT {
    /** Quantile (inverse CDF) of Student's t distribution with `dof` degrees of freedom. */
    inv(p: number, dof: number): number;
    /** Cumulative distribution function of Student's t distribution. */
    cdf(x: number, dof: number): number;
  }

  interface JStatNormal {
    /** Cumulative distribution function of the normal distribution with mean `mean` and SD `sd`. */
    cdf(x: number, mean: number, sd: number): number;
    /** Quantile (inverse CDF) of the normal distribution with mean `mean` and SD `sd`. */
    inv(p: number, mean: number, sd: number): number;
  }

  interface JStatBeta {
    /** Cumulative distribution function of the beta distribution (regularized incomplete beta). */
    cdf(x: number, alpha: number, beta: number): number;
  }

  interface JStatChiSquare {
    /** Quantile (inverse CDF) of the chi-square distribution with `dof` degrees of freedom. */
    inv(p: number, dof: number): number;
  }

  interface JStatNamespace {
    readonly studentt: JStatStudentT;
    readonly normal: JStatNormal;
    readonly beta: JStatBeta;
    readonly chisquare: JStatChiSquare;
  }

  const jStatPkg: JStatNamespace & { readonly jStat: JStatNamespace };
  export default jStatPkg;
}
