package org.cponode.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.cponode.parallel.WorkerPool;
import org.junit.jupiter.api.Test;

class SigmoidRegressorTest {

    /** 2-D points in [-1, 1]^2 labelled 1 on one side of the line x0 + 0.5 x1 = 0.2. */
    private static double[][] separable(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[2 * n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = 2 * rng.nextDouble() - 1;
            x[2 * i + 1] = 2 * rng.nextDouble() - 1;
            y[i] = x[2 * i] + 0.5 * x[2 * i + 1] > 0.2 ? 1 : 0;
        }
        return new double[][] {x, y};
    }

    @Test
    void learnsASeparableTarget() {
        int n = 1500;
        double[][] data = separable(n, 3);
        try (WorkerPool pool = new WorkerPool(1)) {
            SigmoidRegressor net = new SigmoidRegressor(2, 32, 0.05, new SplittableRandom(1), pool);
            double before = net.loss(data[0], data[1], n);
            double after = net.fit(data[0], data[1], n, 400);
            assertTrue(before > 0.15, "an untrained net is no better than chance: " + before);
            assertTrue(after < 0.04, "MSE after fitting: " + after);
            double[] p = new double[n];
            net.predict(data[0], n, p);
            int right = 0;
            for (int i = 0; i < n; i++) {
                right += (p[i] > 0.5) == (data[1][i] > 0.5) ? 1 : 0;
            }
            assertTrue(right > 0.97 * n, "accuracy " + right + "/" + n);
            assertEquals(after, net.loss(data[0], data[1], n), 1e-15, "fit returns the loss after its last step");
        }
    }

    @Test
    void gradientStepMatchesFiniteDifferences() {
        int n = 700; // two chunks
        double[][] data = separable(n, 5);
        try (WorkerPool pool = new WorkerPool(1)) {
            SigmoidRegressor net = new SigmoidRegressor(2, 4, 1e-3, new SplittableRandom(2), pool);
            double[] theta = net.parameters().clone();
            // One Adam step from zero moments moves each parameter by -lr * sign(grad) (up to eps): check the
            // signs against central differences of the loss.
            double[] numeric = new double[theta.length];
            double h = 1e-6;
            for (int i = 0; i < theta.length; i++) {
                net.parameters()[i] = theta[i] + h;
                double up = net.loss(data[0], data[1], n);
                net.parameters()[i] = theta[i] - h;
                double down = net.loss(data[0], data[1], n);
                net.parameters()[i] = theta[i];
                numeric[i] = (up - down) / (2 * h);
            }
            net.fit(data[0], data[1], n, 1);
            for (int i = 0; i < theta.length; i++) {
                if (Math.abs(numeric[i]) > 1e-7) {
                    assertEquals(-Math.signum(numeric[i]) * 1e-3, net.parameters()[i] - theta[i], 1e-6, "param " + i);
                }
            }
        }
    }

    @Test
    void resultsDoNotDependOnThreadCount() {
        int n = 2000;
        double[][] data = separable(n, 7);
        double[] one;
        double[] two;
        try (WorkerPool pool = new WorkerPool(1)) {
            SigmoidRegressor net = new SigmoidRegressor(2, 8, 0.01, new SplittableRandom(4), pool);
            net.fit(data[0], data[1], n, 20);
            one = net.parameters().clone();
        }
        try (WorkerPool pool = new WorkerPool(2)) {
            SigmoidRegressor net = new SigmoidRegressor(2, 8, 0.01, new SplittableRandom(4), pool);
            net.fit(data[0], data[1], n, 20);
            two = net.parameters().clone();
        }
        assertArrayEquals(one, two, 0.0);
    }

    @Test
    void rejectsBadShapes() {
        try (WorkerPool pool = new WorkerPool(1)) {
            assertThrows(IllegalArgumentException.class, () -> new SigmoidRegressor(0, 3, 1e-3, new SplittableRandom(1), pool));
            SigmoidRegressor net = new SigmoidRegressor(3, 2, 1e-3, new SplittableRandom(1), pool);
            assertThrows(IllegalArgumentException.class, () -> net.predict(new double[5], 2, new double[2]));
            assertThrows(IllegalArgumentException.class, () -> net.restore(new double[3]));
        }
    }
}
