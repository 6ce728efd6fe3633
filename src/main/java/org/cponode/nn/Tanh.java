package org.cponode.nn;

/**
 * tanh from correctly rounded arithmetic only (additions, multiplications, fused multiply-adds, one division), so
 * that every evaluation of it gives the same bits: scalar or vector, interpreted or compiled. {@link Math#tanh}
 * and the Vector API's {@code TANH} may each round differently once the JIT swaps in an intrinsic, and a training
 * run that took 20 identical iterations then drifted apart from its rerun (README, "Training").
 * {@link VectorKernels} evaluates the same steps lane by lane.
 *
 * <pre>
 *   y     = 2 clamp(x, -CLAMP, CLAMP)                 tanh(x) = expm1(y) / (expm1(y) + 2)
 *   k     = round(y / ln 2)                           by adding and subtracting SHIFTER (round to nearest even)
 *   r     = (y - k LN2_HI) - k LN2_LO                 |r| <= ln(2) / 2, Cody and Waite's two-part ln 2
 *   q     = expm1(r), Taylor to r^13 (Estrin, fma)    below 1 ulp on that interval
 *   expm1(y) = 2^k q + (2^k - 1)                      2^k from k's bits, exact for |k| <= 58
 * </pre>
 * Within 2.3e-16 of {@link Math#tanh}, and 5e-16 relatively, tiny arguments included: {@code expm1} avoids the
 * cancellation of {@code exp(y) - 1} there (tested). Beyond |x| = 20 tanh is 1 to the last bit.
 */
public final class Tanh {

    /** |x| beyond which tanh(x) rounds to +-1. */
    static final double CLAMP = 20.0;
    /** 1.5 * 2^52: adding it rounds a double of magnitude below 2^51 to an integer held in the low bits. */
    static final double SHIFTER = 0x1.8p52;
    static final long SHIFTER_BITS = Double.doubleToRawLongBits(SHIFTER);
    static final double LOG2E = 1.4426950408889634;
    /** ln 2 in two parts: the high part has trailing zero bits, so k LN2_HI is exact for the k that occur. */
    static final double LN2_HI = 6.93147180369123816490e-01;
    static final double LN2_LO = 1.90821492927058770002e-10;
    /** A[i] = 1 / (i + 2)!, i = 0..11: expm1(r) = r + r (A[0] r + A[1] r^2 + ... + A[11] r^12) = r (1 + r P(r)). */
    static final double[] A = expm1Coefficients();

    private Tanh() {}

    /** tanh(x), the same bits wherever it runs; NaN for NaN. */
    public static double tanh(double x) {
        double y = 2 * Math.min(CLAMP, Math.max(-CLAMP, x));
        double t = y * LOG2E + SHIFTER;
        double k = t - SHIFTER;
        double r = (y - k * LN2_HI) - k * LN2_LO;
        // P(r) = A[0] + A[1] r + ... + A[11] r^11 by Estrin's scheme: pairs, then quads, then the two halves, so
        // the longest chain of dependent operations is 5 rather than Horner's 12 (VectorKernels overlaps them).
        double r2 = r * r;
        double r4 = r2 * r2;
        double b0 = Math.fma(A[1], r, A[0]);
        double b1 = Math.fma(A[3], r, A[2]);
        double b2 = Math.fma(A[5], r, A[4]);
        double b3 = Math.fma(A[7], r, A[6]);
        double b4 = Math.fma(A[9], r, A[8]);
        double b5 = Math.fma(A[11], r, A[10]);
        double d0 = Math.fma(b1, r2, b0);
        double d1 = Math.fma(b3, r2, b2);
        double d2 = Math.fma(b5, r2, b4);
        double p = Math.fma(Math.fma(d2, r4, d1), r4, d0);
        double q = Math.fma(p, r, 1) * r; // expm1(r) = r + r^2 / 2 + ... + r^13 / 13!
        double scale = Double.longBitsToDouble((Double.doubleToRawLongBits(t) - SHIFTER_BITS + 1023) << 52);
        double em1 = Math.fma(scale, q, scale - 1);
        return em1 / (em1 + 2);
    }

    private static double[] expm1Coefficients() {
        double[] a = new double[12];
        double factorial = 1;
        for (int i = 0; i < a.length; i++) {
            factorial *= i + 2; // (i + 2)!, exact in a double up to 13!
            a[i] = 1 / factorial;
        }
        return a;
    }
}
