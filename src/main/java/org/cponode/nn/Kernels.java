package org.cponode.nn;

/**
 * The kernels the batched network needs (a matrix product and two element-wise passes), in two implementations:
 * {@link VectorKernels} on the incubating Vector API (register-blocked, several times faster) when the JVM was
 * started with {@code --add-modules jdk.incubator.vector}, as the launchers do, and {@link ScalarKernels}
 * otherwise. The products agree up to rounding, the element-wise passes bit for bit; tests run both.
 */
public interface Kernels {

    /**
     * {@code C[i][j] += sum_p X(i, p) Y[p][j]} for {@code i < m, p < depth, j < n}, where
     * {@code X(i, p) = x[xOff + i * xRowStride + p * xDepthStride]}, {@code Y[p][j] = y[yOff + p * ldy + j]} and
     * {@code C[i][j] = c[cOff + i * ldc + j]}. With {@code (xRowStride, xDepthStride) = (lda, 1)} this is
     * {@code C += A B}; with {@code (1, lda)} it is {@code C += A^T B}. c must not overlap x or y.
     */
    void gemm(double[] x, int xOff, int xRowStride, int xDepthStride, double[] y, int yOff, int ldy, double[] c,
            int cOff, int ldc, int m, int depth, int n);

    /**
     * {@code a[i] = tanh(a[i])} for i in {@code [from, to)}, as {@link Tanh#tanh}: both implementations give the
     * same bits, interpreted or compiled (the vector one several lanes at a time; scalar tanh would otherwise
     * dominate small networks).
     */
    void tanh(double[] a, int from, int to);

    /**
     * {@code t[tOff + i] *= 1 - a[aOff + i]^2} for i in {@code [0, count)}: a tangent or a gradient through a tanh
     * layer with outputs a. Both implementations round {@code 1 - a a} and then the product, so they give the same
     * bits (the scalar loop took an eighth of a Fisher-vector product).
     */
    void scaleByTanhDerivative(double[] t, int tOff, double[] a, int aOff, int count);

    /** A short name for logs and benchmarks. */
    String name();

    /** The fastest implementation this JVM can run. */
    static Kernels best() {
        return Holder.BEST;
    }

    /** Picks the implementation once. */
    final class Holder {
        static final Kernels BEST = choose();

        private Holder() {}

        private static Kernels choose() {
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                    && !Boolean.getBoolean("cponode.scalarKernels")) {
                try {
                    return (Kernels) Class.forName("org.cponode.nn.VectorKernels").getDeclaredConstructor().newInstance();
                } catch (ReflectiveOperationException | LinkageError e) {
                    return new ScalarKernels();
                }
            }
            return new ScalarKernels();
        }
    }
}
