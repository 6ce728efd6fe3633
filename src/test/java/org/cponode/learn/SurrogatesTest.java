package org.cponode.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.cponode.math.Vectors;
import org.cponode.parallel.WorkerPool;
import org.cponode.nn.GaussianPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Surrogate gradients and the Fisher-vector product against finite differences of the surrogates themselves. */
class SurrogatesTest {

    private static final WorkerPool POOL = new WorkerPool(2);

    @AfterAll
    static void close() {
        POOL.close();
    }

    /** A synthetic batch of 3 paths with random observations, actions and advantages. */
    static Batch syntheticBatch(GaussianPolicy policy, double[] theta, int rows, SplittableRandom rng) {
        int o = policy.observationSize();
        int a = policy.actionSize();
        Batch b = new Batch(o, a);
        int[] lengths = {rows / 3, rows / 3, rows - 2 * (rows / 3)};
        for (int len : lengths) {
            double[] obs = new double[len * o];
            double[] act = new double[len * a];
            double[] zeros = new double[len];
            double[] costs = new double[len];
            double[] mean = new double[a];
            double[] scratch = new double[policy.scratchSize()];
            double[] one = new double[o];
            double[] sample = new double[a];
            for (int t = 0; t < len; t++) {
                for (int j = 0; j < o; j++) {
                    one[j] = rng.nextGaussian();
                }
                policy.sample(theta, one, rng, mean, sample, scratch);
                System.arraycopy(one, 0, obs, t * o, o);
                System.arraycopy(sample, 0, act, t * a, a);
                costs[t] = rng.nextDouble() < 0.3 ? 1 : 0;
            }
            b.appendPath(obs, obs, act, zeros, zeros, costs, len, 0);
        }
        for (int i = 0; i < b.size(); i++) {
            b.advantages[i] = rng.nextGaussian();
            b.costAdvantages[i] = rng.nextGaussian() + 0.5;
        }
        return b;
    }

    @Test
    void gradientsMatchFiniteDifferencesOfTheSurrogates() {
        GaussianPolicy policy = new GaussianPolicy(4, new int[] {6, 5}, 2);
        double[] theta = new double[policy.parameterCount()];
        SplittableRandom rng = new SplittableRandom(21);
        policy.initialize(theta, rng, 0.7);
        Batch batch = syntheticBatch(policy, theta, 90, rng);
        Surrogates s = new Surrogates(policy, POOL, 0.0);
        s.prepare(batch, theta, 1.0, rng);
        double[] g = new double[theta.length];
        double[] b = new double[theta.length];
        s.gradients(theta, g, b);
        double h = 1e-6;
        for (int i = 0; i < theta.length; i++) {
            double keep = theta[i];
            theta[i] = keep + h;
            Surrogates.Values up = s.evaluate(theta);
            theta[i] = keep - h;
            Surrogates.Values down = s.evaluate(theta);
            theta[i] = keep;
            assertEquals((up.loss() - down.loss()) / (2 * h), g[i], 1e-6, "dL/dtheta_" + i);
            assertEquals((up.costSurrogate() - down.costSurrogate()) / (2 * h), b[i], 1e-5, "dF/dtheta_" + i);
        }
    }

    @Test
    void fisherVectorProductIsTheHessianOfTheMeanKl() {
        GaussianPolicy policy = new GaussianPolicy(3, new int[] {5, 4}, 2);
        double[] theta = new double[policy.parameterCount()];
        SplittableRandom rng = new SplittableRandom(22);
        policy.initialize(theta, rng, 0.8);
        for (int i = 0; i < policy.logStdOffset(); i++) {
            theta[i] *= 30; // a non-trivial mean network
        }
        Batch batch = syntheticBatch(policy, theta, 60, rng);
        Surrogates s = new Surrogates(policy, POOL, 0.0);
        s.prepare(batch, theta, 1.0, rng);
        int p = theta.length;
        double[] v = new double[p];
        for (int i = 0; i < p; i++) {
            v[i] = rng.nextGaussian();
        }
        double[] hv = new double[p];
        s.apply(v, hv);
        // u^T H v by polarisation of Q(x) = x^T H x ~ (KL(theta + e x) + KL(theta - e x)) / e^2
        double eps = 1e-3;
        for (int i = 0; i < p; i++) {
            double[] u = new double[p];
            u[i] = 1;
            double[] plus = v.clone();
            double[] minus = v.clone();
            Vectors.axpy(1, u, plus, p);
            Vectors.axpy(-1, u, minus, p);
            double fd = (quadraticForm(s, theta, plus, eps) - quadraticForm(s, theta, minus, eps)) / 4;
            assertEquals(fd, hv[i], 1e-4 * (1 + Math.abs(fd)), "(Hv)_" + i);
        }
    }

    private static double quadraticForm(Surrogates s, double[] theta, double[] x, double eps) {
        double[] t = theta.clone();
        Vectors.axpy(eps, x, t, t.length);
        double up = s.evaluate(t).kl();
        t = theta.clone();
        Vectors.axpy(-eps, x, t, t.length);
        double down = s.evaluate(t).kl();
        return (up + down) / (eps * eps);
    }

    @Test
    void klIsZeroAtThetaKAndDampingAddsToTheProduct() {
        GaussianPolicy policy = new GaussianPolicy(3, new int[] {5}, 1);
        double[] theta = new double[policy.parameterCount()];
        SplittableRandom rng = new SplittableRandom(23);
        policy.initialize(theta, rng, 1.0);
        Batch batch = syntheticBatch(policy, theta, 30, rng);
        Surrogates plain = new Surrogates(policy, POOL, 0.0);
        Surrogates damped = new Surrogates(policy, POOL, 0.1);
        plain.prepare(batch, theta, 1.0, new SplittableRandom(1));
        damped.prepare(batch, theta, 1.0, new SplittableRandom(1));
        assertEquals(0.0, plain.evaluate(theta).kl(), 1e-15);
        assertTrue(Math.abs(plain.evaluate(theta).costSurrogate()) < 1e-12, "cost advantages are centred");
        double[] v = new double[theta.length];
        java.util.Arrays.fill(v, 1.0);
        double[] a = new double[v.length];
        double[] b = new double[v.length];
        plain.apply(v, a);
        damped.apply(v, b);
        for (int i = 0; i < v.length; i++) {
            assertEquals(a[i] + 0.1, b[i], 1e-12);
        }
    }
}
