package org.cponode.nn;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernels} on the Vector API: C is computed in blocks of 4 rows by 4 vectors held in registers while the
 * depth loop streams X and Y, so each loaded Y vector feeds four fused multiply-adds. Edge rows and columns
 * fall back to narrower blocks and masked vectors. Loaded only when {@code jdk.incubator.vector} is present.
 */
final class VectorKernels implements Kernels {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public String name() {
        return "vector-" + S.vectorBitSize();
    }

    /**
     * {@link Tanh#tanh}'s steps lane by lane, so every lane gets the bits the scalar function gives. Straight-line
     * code in the loop body on purpose: a vector carried around an inner loop (the Horner steps as a loop over the
     * coefficients) or passed to a method C2 does not inline is boxed, and every call then allocated. The steps use
     * {@code fma} with broadcast vectors: {@code lanewise(FMA, v, scalar)} made inference 3 times slower.
     */
    @Override
    public void tanh(double[] a, int from, int to) {
        double[] c = Tanh.A;
        int i = from;
        for (; i + L <= to; i += L) {
            DoubleVector y = DoubleVector.fromArray(S, a, i).max(-Tanh.CLAMP).min(Tanh.CLAMP).mul(2.0);
            DoubleVector t = y.mul(Tanh.LOG2E).add(Tanh.SHIFTER);
            DoubleVector k = t.sub(Tanh.SHIFTER);
            DoubleVector r = y.sub(k.mul(Tanh.LN2_HI)).sub(k.mul(Tanh.LN2_LO));
            DoubleVector r2 = r.mul(r);
            DoubleVector r4 = r2.mul(r2);
            DoubleVector b0 = DoubleVector.broadcast(S, c[1]).fma(r, DoubleVector.broadcast(S, c[0]));
            DoubleVector b1 = DoubleVector.broadcast(S, c[3]).fma(r, DoubleVector.broadcast(S, c[2]));
            DoubleVector b2 = DoubleVector.broadcast(S, c[5]).fma(r, DoubleVector.broadcast(S, c[4]));
            DoubleVector b3 = DoubleVector.broadcast(S, c[7]).fma(r, DoubleVector.broadcast(S, c[6]));
            DoubleVector b4 = DoubleVector.broadcast(S, c[9]).fma(r, DoubleVector.broadcast(S, c[8]));
            DoubleVector b5 = DoubleVector.broadcast(S, c[11]).fma(r, DoubleVector.broadcast(S, c[10]));
            DoubleVector d0 = b1.fma(r2, b0);
            DoubleVector d1 = b3.fma(r2, b2);
            DoubleVector d2 = b5.fma(r2, b4);
            DoubleVector p = d2.fma(r4, d1).fma(r4, d0);
            DoubleVector q = p.fma(r, DoubleVector.broadcast(S, 1.0)).mul(r);
            DoubleVector scale = ((LongVector) t.viewAsIntegralLanes()).sub(Tanh.SHIFTER_BITS - 1023)
                    .lanewise(VectorOperators.LSHL, 52).viewAsFloatingLanes();
            DoubleVector em1 = scale.fma(q, scale.sub(1.0));
            em1.div(em1.add(2.0)).intoArray(a, i);
        }
        for (; i < to; i++) {
            a[i] = Tanh.tanh(a[i]);
        }
    }

    @Override
    public void scaleByTanhDerivative(double[] t, int tOff, double[] a, int aOff, int count) {
        int i = 0;
        for (; i + L <= count; i += L) {
            DoubleVector ai = DoubleVector.fromArray(S, a, aOff + i);
            DoubleVector derivative = ai.mul(ai).neg().add(1.0);
            DoubleVector.fromArray(S, t, tOff + i).mul(derivative).intoArray(t, tOff + i);
        }
        for (; i < count; i++) {
            double ai = a[aOff + i];
            t[tOff + i] *= 1 - ai * ai;
        }
    }

    @Override
    public void gemm(double[] x, int xOff, int rs, int ds, double[] y, int yOff, int ldy, double[] c, int cOff,
            int ldc, int m, int depth, int n) {
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int x0 = xOff + i * rs;
            int c0 = cOff + i * ldc;
            int j = 0;
            for (; j + 4 * L <= n; j += 4 * L) {
                block4x4(x, x0, rs, ds, y, yOff + j, ldy, c, c0 + j, ldc, depth);
            }
            for (; j + L <= n; j += L) {
                block4x1(x, x0, rs, ds, y, yOff + j, ldy, c, c0 + j, ldc, depth);
            }
            if (j < n) {
                // The last columns (e.g. a 2-wide output layer) as one masked vector per row.
                block4xMasked(x, x0, rs, ds, y, yOff + j, ldy, c, c0 + j, ldc, depth, n - j);
            }
        }
        for (; i < m; i++) {
            int x0 = xOff + i * rs;
            int c0 = cOff + i * ldc;
            int j = 0;
            for (; j + L <= n; j += L) {
                DoubleVector acc = DoubleVector.zero(S);
                for (int p = 0; p < depth; p++) {
                    acc = DoubleVector.fromArray(S, y, yOff + p * ldy + j).fma(DoubleVector.broadcast(S, x[x0 + p * ds]), acc);
                }
                acc.add(DoubleVector.fromArray(S, c, c0 + j)).intoArray(c, c0 + j);
            }
            if (j < n) {
                VectorMask<Double> mask = S.indexInRange(0, n - j);
                DoubleVector acc = DoubleVector.zero(S);
                for (int p = 0; p < depth; p++) {
                    acc = DoubleVector.fromArray(S, y, yOff + p * ldy + j, mask)
                            .fma(DoubleVector.broadcast(S, x[x0 + p * ds]), acc);
                }
                acc.add(DoubleVector.fromArray(S, c, c0 + j, mask)).intoArray(c, c0 + j, mask);
            }
        }
    }

    private static void block4x4(double[] x, int x0, int rs, int ds, double[] y, int y0, int ldy, double[] c, int c0,
            int ldc, int depth) {
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a01 = a00, a02 = a00, a03 = a00, a10 = a00, a11 = a00, a12 = a00, a13 = a00;
        DoubleVector a20 = a00, a21 = a00, a22 = a00, a23 = a00, a30 = a00, a31 = a00, a32 = a00, a33 = a00;
        int x1 = x0 + rs;
        int x2 = x1 + rs;
        int x3 = x2 + rs;
        for (int p = 0; p < depth; p++) {
            int yp = y0 + p * ldy;
            DoubleVector w0 = DoubleVector.fromArray(S, y, yp);
            DoubleVector w1 = DoubleVector.fromArray(S, y, yp + L);
            DoubleVector w2 = DoubleVector.fromArray(S, y, yp + 2 * L);
            DoubleVector w3 = DoubleVector.fromArray(S, y, yp + 3 * L);
            int xp = p * ds;
            DoubleVector v = DoubleVector.broadcast(S, x[x0 + xp]);
            a00 = w0.fma(v, a00);
            a01 = w1.fma(v, a01);
            a02 = w2.fma(v, a02);
            a03 = w3.fma(v, a03);
            v = DoubleVector.broadcast(S, x[x1 + xp]);
            a10 = w0.fma(v, a10);
            a11 = w1.fma(v, a11);
            a12 = w2.fma(v, a12);
            a13 = w3.fma(v, a13);
            v = DoubleVector.broadcast(S, x[x2 + xp]);
            a20 = w0.fma(v, a20);
            a21 = w1.fma(v, a21);
            a22 = w2.fma(v, a22);
            a23 = w3.fma(v, a23);
            v = DoubleVector.broadcast(S, x[x3 + xp]);
            a30 = w0.fma(v, a30);
            a31 = w1.fma(v, a31);
            a32 = w2.fma(v, a32);
            a33 = w3.fma(v, a33);
        }
        // Stored inline, not through a helper: vectors passed to a call that C2 does not inline get boxed.
        int r = c0;
        a00.add(DoubleVector.fromArray(S, c, r)).intoArray(c, r);
        a01.add(DoubleVector.fromArray(S, c, r + L)).intoArray(c, r + L);
        a02.add(DoubleVector.fromArray(S, c, r + 2 * L)).intoArray(c, r + 2 * L);
        a03.add(DoubleVector.fromArray(S, c, r + 3 * L)).intoArray(c, r + 3 * L);
        r += ldc;
        a10.add(DoubleVector.fromArray(S, c, r)).intoArray(c, r);
        a11.add(DoubleVector.fromArray(S, c, r + L)).intoArray(c, r + L);
        a12.add(DoubleVector.fromArray(S, c, r + 2 * L)).intoArray(c, r + 2 * L);
        a13.add(DoubleVector.fromArray(S, c, r + 3 * L)).intoArray(c, r + 3 * L);
        r += ldc;
        a20.add(DoubleVector.fromArray(S, c, r)).intoArray(c, r);
        a21.add(DoubleVector.fromArray(S, c, r + L)).intoArray(c, r + L);
        a22.add(DoubleVector.fromArray(S, c, r + 2 * L)).intoArray(c, r + 2 * L);
        a23.add(DoubleVector.fromArray(S, c, r + 3 * L)).intoArray(c, r + 3 * L);
        r += ldc;
        a30.add(DoubleVector.fromArray(S, c, r)).intoArray(c, r);
        a31.add(DoubleVector.fromArray(S, c, r + L)).intoArray(c, r + L);
        a32.add(DoubleVector.fromArray(S, c, r + 2 * L)).intoArray(c, r + 2 * L);
        a33.add(DoubleVector.fromArray(S, c, r + 3 * L)).intoArray(c, r + 3 * L);
    }

    private static void block4x1(double[] x, int x0, int rs, int ds, double[] y, int y0, int ldy, double[] c, int c0,
            int ldc, int depth) {
        DoubleVector a0 = DoubleVector.zero(S);
        DoubleVector a1 = a0, a2 = a0, a3 = a0;
        int x1 = x0 + rs;
        int x2 = x1 + rs;
        int x3 = x2 + rs;
        for (int p = 0; p < depth; p++) {
            DoubleVector w = DoubleVector.fromArray(S, y, y0 + p * ldy);
            int xp = p * ds;
            a0 = w.fma(DoubleVector.broadcast(S, x[x0 + xp]), a0);
            a1 = w.fma(DoubleVector.broadcast(S, x[x1 + xp]), a1);
            a2 = w.fma(DoubleVector.broadcast(S, x[x2 + xp]), a2);
            a3 = w.fma(DoubleVector.broadcast(S, x[x3 + xp]), a3);
        }
        a0.add(DoubleVector.fromArray(S, c, c0)).intoArray(c, c0);
        a1.add(DoubleVector.fromArray(S, c, c0 + ldc)).intoArray(c, c0 + ldc);
        a2.add(DoubleVector.fromArray(S, c, c0 + 2 * ldc)).intoArray(c, c0 + 2 * ldc);
        a3.add(DoubleVector.fromArray(S, c, c0 + 3 * ldc)).intoArray(c, c0 + 3 * ldc);
    }

    private static void block4xMasked(double[] x, int x0, int rs, int ds, double[] y, int y0, int ldy, double[] c,
            int c0, int ldc, int depth, int columns) {
        // The mask is made here, not passed in: a mask crossing a call that C2 does not inline is boxed.
        VectorMask<Double> mask = S.indexInRange(0, columns);
        DoubleVector a0 = DoubleVector.zero(S);
        DoubleVector a1 = a0, a2 = a0, a3 = a0;
        int x1 = x0 + rs;
        int x2 = x1 + rs;
        int x3 = x2 + rs;
        for (int p = 0; p < depth; p++) {
            DoubleVector w = DoubleVector.fromArray(S, y, y0 + p * ldy, mask);
            int xp = p * ds;
            a0 = w.fma(DoubleVector.broadcast(S, x[x0 + xp]), a0);
            a1 = w.fma(DoubleVector.broadcast(S, x[x1 + xp]), a1);
            a2 = w.fma(DoubleVector.broadcast(S, x[x2 + xp]), a2);
            a3 = w.fma(DoubleVector.broadcast(S, x[x3 + xp]), a3);
        }
        a0.add(DoubleVector.fromArray(S, c, c0, mask)).intoArray(c, c0, mask);
        a1.add(DoubleVector.fromArray(S, c, c0 + ldc, mask)).intoArray(c, c0 + ldc, mask);
        a2.add(DoubleVector.fromArray(S, c, c0 + 2 * ldc, mask)).intoArray(c, c0 + 2 * ldc, mask);
        a3.add(DoubleVector.fromArray(S, c, c0 + 3 * ldc, mask)).intoArray(c, c0 + 3 * ldc, mask);
    }
}
