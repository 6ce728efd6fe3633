package org.cponode.math;

/**
 * Conjugate gradient for {@code A x = b} with a symmetric positive-definite {@link LinearOperator}, started
 * from {@code x0 = 0} as in rllab's {@code krylov.cg}. Owns its workspace (r, p, Ap), grown only for a larger
 * dimension, so repeated solves allocate nothing. Not thread-safe.
 */
public final class ConjugateGradient {

    private double[] r = new double[0];
    private double[] p = new double[0];
    private double[] ap = new double[0];
    private double lastResidual;

    /**
     * Solves {@code A x = b} approximately.
     *
     * <pre>
     *   x = 0; r = b; p = r
     *   repeat: alpha = r.r / p.Ap;  x += alpha p;  r -= alpha Ap;  p = r + (r'.r' / r.r) p
     * </pre>
     *
     * @param a the operator. Called once per iteration.
     * @param b right-hand side. Not modified.
     * @param x solution. Modified.
     * @param maxIterations iteration cap (rllab: 10)
     * @param residualTolerance stop once {@code r.r} falls below it (rllab: 1e-10)
     * @return iterations performed
     */
    public int solve(LinearOperator a, double[] b, double[] x, int maxIterations, double residualTolerance) {
        int n = b.length;
        if (x.length != n) {
            throw new IllegalArgumentException("x has length " + x.length + ", b has " + n);
        }
        if (r.length != n) {
            r = new double[n];
            p = new double[n];
            ap = new double[n];
        }
        java.util.Arrays.fill(x, 0.0);
        System.arraycopy(b, 0, r, 0, n);
        System.arraycopy(b, 0, p, 0, n);
        double rr = Vectors.dot(r, r, n);
        int it = 0;
        while (it < maxIterations && rr >= residualTolerance) {
            a.apply(p, ap);
            double pAp = Vectors.dot(p, ap, n);
            if (!(pAp > 0)) {
                break; // not positive definite along p (or NaN): keep the last iterate
            }
            double alpha = rr / pAp;
            Vectors.axpy(alpha, p, x, n);
            Vectors.axpy(-alpha, ap, r, n);
            double rrNext = Vectors.dot(r, r, n);
            double beta = rrNext / rr;
            for (int i = 0; i < n; i++) {
                p[i] = r[i] + beta * p[i];
            }
            rr = rrNext;
            it++;
        }
        lastResidual = rr;
        return it;
    }

    /** Squared residual norm {@code r.r} at the end of the last solve. */
    public double lastResidual() {
        return lastResidual;
    }
}
