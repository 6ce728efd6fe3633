package org.cponode.math;

/**
 * Dense vector kernels on {@code double[]} prefixes of length {@code n}. Stateless; outputs are the caller's
 * arrays; nothing allocates. Loops are written in the axpy shape that HotSpot's C2 auto-vectorises.
 */
public final class Vectors {

    private Vectors() {}

    /** Returns {@code a . b} over the first {@code n} entries. */
    public static double dot(double[] a, double[] b, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < n; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Returns {@code a . b} over all entries; the arrays must have equal length. */
    public static double dot(double[] a, double[] b) {
        requireSameLength(a, b);
        return dot(a, b, a.length);
    }

    /** Euclidean norm of {@code a}. */
    public static double norm(double[] a) {
        return Math.sqrt(dot(a, a, a.length));
    }

    /** {@code y += alpha * x} over the first {@code n} entries. y: Modified. */
    public static void axpy(double alpha, double[] x, double[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] += alpha * x[i];
        }
    }

    /** {@code y[yOff..yOff+n) += alpha * x[xOff..xOff+n)}. y: Modified. */
    public static void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    /** {@code out = a + alpha * b} over all entries. out may alias a or b. out: Modified. */
    public static void addScaled(double[] a, double alpha, double[] b, double[] out) {
        requireSameLength(a, b);
        requireSameLength(a, out);
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] + alpha * b[i];
        }
    }

    /** {@code x *= alpha}. x: Modified. */
    public static void scale(double alpha, double[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= alpha;
        }
    }

    /** True when every entry is finite (no NaN or infinity). */
    public static boolean allFinite(double[] x) {
        for (double v : x) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** Mean of the first {@code n} entries. */
    public static double mean(double[] x, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[i];
        }
        return n == 0 ? 0 : s / n;
    }

    /** Population standard deviation of the first {@code n} entries around {@code mean}. */
    public static double std(double[] x, int n, double mean) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double d = x[i] - mean;
            s += d * d;
        }
        return n == 0 ? 0 : Math.sqrt(s / n);
    }

    private static void requireSameLength(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("length mismatch: " + a.length + " vs " + b.length);
        }
    }
}
