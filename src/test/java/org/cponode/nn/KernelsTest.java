package org.cponode.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KernelsTest {

    @Test
    void vectorKernelsAreAvailableInTestsAndChosen() {
        assertTrue(Kernels.best().name().startsWith("vector"), "tests run with jdk.incubator.vector: " + Kernels.best().name());
    }

    @Test
    void tanhIsCloseToMathTanh() {
        double worstAbsolute = 0;
        double worstRelative = 0;
        SplittableRandom rng = new SplittableRandom(10);
        for (int i = 0; i < 400_000; i++) {
            double x = i < 100_000 ? -25 + i * 5e-4 : rng.nextGaussian() * Math.pow(10, rng.nextInt(-300, 2));
            double e = Math.tanh(x);
            double got = Tanh.tanh(x);
            worstAbsolute = Math.max(worstAbsolute, Math.abs(got - e));
            worstRelative = Math.max(worstRelative, e == 0 ? Math.abs(got) : Math.abs(got - e) / Math.abs(e));
        }
        assertTrue(worstAbsolute <= 2.3e-16, "largest absolute difference " + worstAbsolute);
        assertTrue(worstRelative <= 5e-16, "largest relative difference " + worstRelative);
        assertEquals(1.0, Tanh.tanh(20.0), 0.0);
        assertEquals(-1.0, Tanh.tanh(-1e300), 0.0);
        assertEquals(1.0, Tanh.tanh(Double.POSITIVE_INFINITY), 0.0);
        assertEquals(0.0, Tanh.tanh(0.0), 0.0);
        assertTrue(Double.isNaN(Tanh.tanh(Double.NaN)));
    }

    /** Every lane and every tail element of both implementations gives {@link Tanh#tanh}'s bits. */
    @Test
    void bothImplementationsGiveTanhsBitsWhereverTheElementSits() {
        SplittableRandom rng = new SplittableRandom(11);
        double[] x = new double[203];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian() * (i % 3 == 0 ? 10 : 1);
        }
        x[5] = 0;
        x[6] = -0.0;
        x[7] = 1e-300;
        x[8] = 40;
        x[9] = Double.NaN;
        for (Kernels k : new Kernels[] {new ScalarKernels(), Kernels.best()}) {
            for (int from = 0; from < 9; from++) { // every alignment of the vector lanes
                double[] y = x.clone();
                k.tanh(y, from, y.length - 1);
                for (int i = 0; i < x.length; i++) {
                    double expected = i >= from && i < x.length - 1 ? Tanh.tanh(x[i]) : x[i];
                    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(y[i]),
                            k.name() + " from " + from + ": tanh(" + x[i] + ")");
                }
            }
        }
    }

    /** Every lane and tail element of both implementations gets {@code t (1 - a a)}'s bits; nothing else moves. */
    @Test
    void bothImplementationsScaleByTheTanhDerivativeBitForBit() {
        SplittableRandom rng = new SplittableRandom(12);
        double[] a = new double[70];
        double[] t = new double[75];
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.tanh(3 * rng.nextGaussian());
        }
        for (int i = 0; i < t.length; i++) {
            t[i] = rng.nextGaussian();
        }
        for (Kernels k : new Kernels[] {new ScalarKernels(), Kernels.best()}) {
            for (int count = 0; count < 19; count += 3) { // every length of the tail after whole vectors
                double[] out = t.clone();
                k.scaleByTanhDerivative(out, 5, a, 2, 50 + count);
                for (int i = 0; i < t.length; i++) {
                    int j = i - 5;
                    double expected = j >= 0 && j < 50 + count ? t[i] * (1 - a[2 + j] * a[2 + j]) : t[i];
                    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(out[i]),
                            k.name() + " count " + (50 + count) + " at " + i);
                }
            }
        }
    }

    /** Both implementations against a plain triple loop, for odd shapes that exercise every edge path. */
    @Test
    void bothImplementationsComputeTheSameProducts() {
        SplittableRandom rng = new SplittableRandom(9);
        Kernels[] impls = {new ScalarKernels(), Kernels.best()};
        int[][] shapes = {{1, 1, 1}, {3, 5, 7}, {4, 28, 64}, {9, 64, 64}, {64, 64, 2}, {7, 13, 41}, {5, 3, 33}, {64, 9, 32}};
        for (int[] sh : shapes) {
            int m = sh[0];
            int depth = sh[1];
            int n = sh[2];
            double[] a = new double[m * depth + 3];
            double[] y = new double[depth * n + 5];
            for (int i = 0; i < a.length; i++) {
                a[i] = rng.nextGaussian();
            }
            for (int i = 0; i < y.length; i++) {
                y[i] = rng.nextGaussian();
            }
            // C += A B with A m x depth at offset 3 ; and C' += A'^T B' with A' (depth x m)
            double[] expected = new double[m * n + 2];
            double[] expectedT = new double[m * n + 2];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    double t = 0;
                    for (int p = 0; p < depth; p++) {
                        s += a[3 + i * depth + p] * y[5 + p * n + j];
                        t += a[3 + p * m + i] * y[5 + p * n + j];
                    }
                    expected[2 + i * n + j] = 1 + s;
                    expectedT[2 + i * n + j] = 1 + t;
                }
            }
            for (Kernels k : impls) {
                double[] c = new double[m * n + 2];
                double[] ct = new double[m * n + 2];
                java.util.Arrays.fill(c, 1.0);
                java.util.Arrays.fill(ct, 1.0);
                k.gemm(a, 3, depth, 1, y, 5, n, c, 2, n, m, depth, n);
                k.gemm(a, 3, 1, m, y, 5, n, ct, 2, n, m, depth, n);
                for (int i = 2; i < c.length; i++) {
                    assertEquals(expected[i], c[i], 1e-12, k.name() + " NN " + java.util.Arrays.toString(sh));
                    assertEquals(expectedT[i], ct[i], 1e-12, k.name() + " TN " + java.util.Arrays.toString(sh));
                }
                assertEquals(1.0, c[0]);
                assertEquals(1.0, c[1]);
            }
        }
    }
}
