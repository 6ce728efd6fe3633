package org.cponode.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.cponode.Allocations;
import org.junit.jupiter.api.Test;

class GaussianPolicyTest {

    @Test
    void sampleReturnsItsOwnLogDensityAndMatchesTheMoments() {
        GaussianPolicy p = new GaussianPolicy(3, new int[] {8}, 2);
        double[] params = new double[p.parameterCount()];
        p.initialize(params, new SplittableRandom(1), 0.5);
        params[p.logStdOffset() + 1] = Math.log(2.0);
        double[] obs = {0.3, -0.2, 0.9};
        double[] mean = new double[2];
        double[] action = new double[2];
        double[] scratch = new double[p.scratchSize()];
        SplittableRandom rng = new SplittableRandom(2);
        double[] sum = new double[2];
        double[] sq = new double[2];
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            double logp = p.sample(params, obs, rng, mean, action, scratch);
            double[] ls = {p.logStd(params, 0), p.logStd(params, 1)};
            assertEquals(GaussianPolicy.logProb(action, 0, mean, 0, ls, 2), logp, 1e-10);
            for (int j = 0; j < 2; j++) {
                sum[j] += action[j] - mean[j];
                sq[j] += (action[j] - mean[j]) * (action[j] - mean[j]);
            }
        }
        assertEquals(0, sum[0] / n, 0.01);
        assertEquals(0.25, sq[0] / n, 0.01);
        assertEquals(4.0, sq[1] / n, 0.1);
    }

    @Test
    void meanActionAllocatesNothing() {
        GaussianPolicy p = new GaussianPolicy(9, new int[] {64, 32}, 2);
        double[] params = new double[p.parameterCount()];
        p.initialize(params, new SplittableRandom(1), 1.0);
        double[] obs = new double[9];
        double[] out = new double[2];
        double[] scratch = new double[p.scratchSize()];
        for (int i = 0; i < 20_000; i++) {
            p.mean(params, obs, out, scratch);
        }
        long allocated = Allocations.fewest(3, 1000, () -> {
            for (int i = 0; i < 100_000; i++) {
                obs[i % 9] = i * 1e-5;
                p.mean(params, obs, out, scratch);
            }
        });
        assertTrue(allocated < 1000, "mean allocated " + allocated + " bytes in 100,000 calls");
    }

    @Test
    void raiseStdLiftsOnlyNarrowerComponentsAndKeepsTheMean() {
        GaussianPolicy p = new GaussianPolicy(3, new int[] {8}, 2);
        double[] params = new double[p.parameterCount()];
        p.initialize(params, new SplittableRandom(1), 0.2);
        params[p.logStdOffset() + 1] = Math.log(1.5);
        double[] before = params.clone();

        assertTrue(p.raiseStd(params, 0.7));
        assertEquals(Math.log(0.7), p.logStd(params, 0), 1e-15);
        assertEquals(Math.log(1.5), p.logStd(params, 1), 1e-15);
        // Only the raised log-std moved; the mean network is untouched.
        params[p.logStdOffset()] = before[p.logStdOffset()];
        assertArrayEquals(before, params);

        double[] wide = params.clone();
        p.raiseStd(wide, 2.0);
        assertFalse(p.raiseStd(wide, 2.0), "a second raise to the same floor changes nothing");
        assertThrows(IllegalArgumentException.class, () -> p.raiseStd(params, 0));
        assertThrows(IllegalArgumentException.class, () -> p.raiseStd(params, Double.NaN));
    }
}
