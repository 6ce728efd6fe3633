package org.cponode.nn;

/** Plain-Java {@link Kernels}: an axpy-shaped loop nest that C2 may auto-vectorise. */
public final class ScalarKernels implements Kernels {

    @Override
    public void gemm(double[] x, int xOff, int xRowStride, int xDepthStride, double[] y, int yOff, int ldy,
            double[] c, int cOff, int ldc, int m, int depth, int n) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            int xi = xOff + i * xRowStride;
            for (int p = 0; p < depth; p++) {
                double xv = x[xi + p * xDepthStride];
                int yp = yOff + p * ldy;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += xv * y[yp + j];
                }
            }
        }
    }

    @Override
    public void tanh(double[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            a[i] = Tanh.tanh(a[i]);
        }
    }

    @Override
    public void scaleByTanhDerivative(double[] t, int tOff, double[] a, int aOff, int count) {
        for (int i = 0; i < count; i++) {
            double ai = a[aOff + i];
            t[tOff + i] *= 1 - ai * ai;
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
