package org.cponode.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.cponode.Allocations;
import org.cponode.math.Vectors;
import org.cponode.parallel.WorkerPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class MlpBatchTest {

    private static final WorkerPool TWO = new WorkerPool(2);
    private static final WorkerPool ONE = new WorkerPool(1);

    @AfterAll
    static void close() {
        TWO.close();
        ONE.close();
    }

    private static double[] random(int n, SplittableRandom rng, double scale) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = scale * (2 * rng.nextDouble() - 1);
        }
        return a;
    }

    /** Scalar objective sum_i dOut_i . f(x_i; theta), for finite differences. */
    private static double objective(Mlp mlp, double[] theta, double[] x, int rows, double[] dOut) {
        double[] out = new double[mlp.outputSize()];
        double[] scratch = new double[mlp.scratchSize()];
        double s = 0;
        for (int r = 0; r < rows; r++) {
            mlp.forward(theta, 0, x, r * mlp.inputSize(), out, 0, scratch);
            for (int j = 0; j < out.length; j++) {
                s += dOut[r * out.length + j] * out[j];
            }
        }
        return s;
    }

    @Test
    void batchForwardMatchesSingleRowForward() {
        Mlp mlp = new Mlp(7, 16, 9, 3);
        SplittableRandom rng = new SplittableRandom(1);
        double[] theta = new double[mlp.parameterCount()];
        mlp.initialize(theta, 0, rng, 1.0);
        int rows = 1300; // three chunks, the last partial
        double[] x = random(rows * 7, rng, 2);
        double[] out = new double[rows * 3];
        new MlpBatch(mlp, TWO).forward(theta, 0, x, rows, out);
        double[] single = new double[3];
        double[] scratch = new double[mlp.scratchSize()];
        for (int r = 0; r < rows; r += 97) {
            mlp.forward(theta, 0, x, r * 7, single, 0, scratch);
            for (int j = 0; j < 3; j++) {
                assertEquals(single[j], out[r * 3 + j], 1e-12);
            }
        }
    }

    @Test
    void vjpMatchesFiniteDifferences() {
        Mlp mlp = new Mlp(5, 8, 6, 2);
        SplittableRandom rng = new SplittableRandom(2);
        double[] theta = new double[mlp.parameterCount()];
        mlp.initialize(theta, 0, rng, 1.0);
        int rows = 40;
        double[] x = random(rows * 5, rng, 1.5);
        double[] dOut = random(rows * 2, rng, 1);
        MlpBatch batch = new MlpBatch(mlp, TWO);
        batch.forward(theta, 0, x, rows, new double[rows * 2]);
        double[] grad = new double[mlp.parameterCount()];
        batch.vjp(dOut, grad);
        double h = 1e-6;
        for (int i = 0; i < theta.length; i++) {
            double keep = theta[i];
            theta[i] = keep + h;
            double up = objective(mlp, theta, x, rows, dOut);
            theta[i] = keep - h;
            double down = objective(mlp, theta, x, rows, dOut);
            theta[i] = keep;
            double fd = (up - down) / (2 * h);
            assertEquals(fd, grad[i], 1e-6 * (1 + Math.abs(fd)), "parameter " + i);
        }
    }

    @Test
    void jvpMatchesFiniteDifferences() {
        Mlp mlp = new Mlp(4, 10, 7, 3);
        SplittableRandom rng = new SplittableRandom(3);
        double[] theta = new double[mlp.parameterCount()];
        mlp.initialize(theta, 0, rng, 1.0);
        int rows = 25;
        double[] x = random(rows * 4, rng, 1.5);
        double[] v = random(theta.length, rng, 1);
        MlpBatch batch = new MlpBatch(mlp, ONE);
        double[] base = new double[rows * 3];
        batch.forward(theta, 0, x, rows, base);
        double[] tangent = new double[rows * 3];
        batch.jvp(v, 0, tangent);

        double h = 1e-6;
        double[] plus = theta.clone();
        double[] minus = theta.clone();
        Vectors.axpy(h, v, plus, theta.length);
        Vectors.axpy(-h, v, minus, theta.length);
        double[] up = new double[rows * 3];
        double[] down = new double[rows * 3];
        new MlpBatch(mlp, ONE).forward(plus, 0, x, rows, up);
        new MlpBatch(mlp, ONE).forward(minus, 0, x, rows, down);
        for (int k = 0; k < rows * 3; k++) {
            double fd = (up[k] - down[k]) / (2 * h);
            assertEquals(fd, tangent[k], 1e-6 * (1 + Math.abs(fd)), "output " + k);
        }
    }

    @Test
    void gaussNewtonProductEqualsJvpThenWeightedVjp() {
        Mlp mlp = new Mlp(6, 12, 5, 2);
        SplittableRandom rng = new SplittableRandom(4);
        double[] theta = new double[mlp.parameterCount()];
        mlp.initialize(theta, 0, rng, 1.0);
        int rows = 700;
        double[] x = random(rows * 6, rng, 1);
        double[] v = random(theta.length, rng, 1);
        double[] w = {0.7, 2.5};
        MlpBatch batch = new MlpBatch(mlp, TWO);
        batch.forward(theta, 0, x, rows, new double[rows * 2]);
        double[] tangent = new double[rows * 2];
        batch.jvp(v, 0, tangent);
        for (int r = 0; r < rows; r++) {
            tangent[r * 2] *= w[0];
            tangent[r * 2 + 1] *= w[1];
        }
        double[] expected = new double[theta.length];
        batch.vjp(tangent, expected);
        double[] fused = new double[theta.length];
        batch.gaussNewtonProduct(v, 0, w, fused);
        for (int i = 0; i < theta.length; i++) {
            assertEquals(expected[i], fused[i], 1e-10 * (1 + Math.abs(expected[i])));
        }
    }

    @Test
    void scalarAndVectorKernelsAgree() {
        Mlp mlp = new Mlp(28, 64, 64, 2);
        SplittableRandom rng = new SplittableRandom(8);
        double[] theta = new double[mlp.parameterCount()];
        mlp.initialize(theta, 0, rng, 1.0);
        int rows = 777;
        double[] x = random(rows * 28, rng, 1);
        double[] v = random(theta.length, rng, 1);
        double[] w = {0.5, 2};
        double[][] out = new double[2][rows * 2];
        double[][] grad = new double[2][theta.length];
        Kernels[] impls = {new ScalarKernels(), Kernels.best()};
        for (int k = 0; k < 2; k++) {
            MlpBatch b = new MlpBatch(mlp, TWO, impls[k]);
            b.forward(theta, 0, x, rows, out[k]);
            b.gaussNewtonProduct(v, 0, w, grad[k]);
        }
        assertArrayEquals(out[0], out[1], 1e-12);
        assertArrayEquals(grad[0], grad[1], 1e-9);
    }

    @Test
    void resultsDoNotDependOnThreadCount() {
        Mlp mlp = new Mlp(9, 64, 32, 2);
        SplittableRandom rng = new SplittableRandom(5);
        double[] theta = new double[mlp.parameterCount()];
        mlp.initialize(theta, 0, rng, 1.0);
        int rows = 5000;
        double[] x = random(rows * 9, rng, 1);
        double[] dOut = random(rows * 2, rng, 1);
        double[] g1 = new double[theta.length];
        double[] g2 = new double[theta.length];
        MlpBatch one = new MlpBatch(mlp, ONE);
        MlpBatch two = new MlpBatch(mlp, TWO);
        // Both run the same kernels until the JIT has compiled them: the Vector API's tanh may round differently
        // interpreted and compiled (README, reproducibility), which is not what this test is about.
        for (int round = 0; round < 30; round++) {
            one.forward(theta, 0, x, rows, new double[rows * 2]);
            one.vjp(dOut, g1);
            two.forward(theta, 0, x, rows, new double[rows * 2]);
            two.vjp(dOut, g2);
        }
        assertArrayEquals(g1, g2, 0.0);
    }

    @Test
    void productsAllocateNothingInSteadyState() {
        Mlp mlp = new Mlp(9, 64, 32, 2);
        SplittableRandom rng = new SplittableRandom(6);
        double[] theta = new double[mlp.parameterCount()];
        mlp.initialize(theta, 0, rng, 1.0);
        int rows = 600;
        double[] x = random(rows * 9, rng, 1);
        double[] out = new double[rows * 2];
        double[] grad = new double[theta.length];
        double[] w = {1, 1};
        MlpBatch batch = new MlpBatch(mlp, ONE);
        // Vector API code allocates boxes until C2 compiles it, so warm up until a round is clean (bounded).
        long allocated = Allocations.fewest(60, 20 * 3 * 256, () -> {
            for (int i = 0; i < 20; i++) {
                batch.forward(theta, 0, x, rows, out);
                batch.gaussNewtonProduct(theta, 0, w, grad);
                batch.vjp(out, grad);
            }
        });
        // a task lambda per call is allowed; anything per row (600 rows per call) would be far above this
        assertTrue(allocated < 20 * 3 * 256, "allocated " + allocated + " bytes in 60 calls after warm-up");
    }
}
