package org.cponode.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.cponode.Allocations;
import org.cponode.parallel.WorkerPool;
import org.cponode.nn.GaussianPolicy;
import org.cponode.nn.RunningNormalizer;
import org.cponode.sim.Tasks;
import org.junit.jupiter.api.Test;

class SamplerTest {

    /** Point-Circle's observation length. */
    private static final int O = org.cponode.sim.PointCircle.OBSERVATION_SIZE;

    private static Batch collect(int threads, long seed, int iteration) {
        GaussianPolicy policy = new GaussianPolicy(O, new int[] {16}, 2);
        double[] params = new double[policy.parameterCount()];
        policy.initialize(params, new SplittableRandom(5), 1.0);
        Batch b = new Batch(O, 2);
        try (WorkerPool pool = new WorkerPool(threads)) {
            new Sampler(() -> Tasks.create("point-circle"), policy, 6, pool)
                    .collect(params, new RunningNormalizer(O), 3000, seed, iteration, b);
        }
        return b;
    }

    @Test
    void batchIsIdenticalForAnyThreadCountAndDiffersAcrossSeeds() {
        Batch one = collect(1, 7, 3);
        Batch two = collect(2, 7, 3);
        assertEquals(one.size(), two.size());
        assertArrayEquals(java.util.Arrays.copyOf(one.obs, one.size() * O), java.util.Arrays.copyOf(two.obs, two.size() * O), 0.0);
        assertArrayEquals(java.util.Arrays.copyOf(one.actions, one.size() * 2), java.util.Arrays.copyOf(two.actions, two.size() * 2), 0.0);
        assertArrayEquals(java.util.Arrays.copyOf(one.costs, one.size()), java.util.Arrays.copyOf(two.costs, two.size()), 0.0);
        Batch other = collect(2, 8, 3);
        assertTrue(other.size() != one.size() || other.obs[O * 10] != one.obs[O * 10]);
    }

    @Test
    void rolloutsAllocateNothingPerStepOnceBuffersHaveGrown() {
        GaussianPolicy policy = new GaussianPolicy(O, new int[] {64, 32}, 2);
        double[] params = new double[policy.parameterCount()];
        policy.initialize(params, new SplittableRandom(5), 1.0);
        Batch b = new Batch(O, 2);
        RunningNormalizer norm = new RunningNormalizer(O);
        try (WorkerPool pool = new WorkerPool(1)) {
            Sampler sampler = new Sampler(() -> Tasks.create("point-circle"), policy, 4, pool);
            for (int i = 0; i < 30; i++) {
                sampler.collect(params, norm, 20_000, 1, i, b);
            }
            long allocated = Allocations.fewest(3, 4096, () -> sampler.collect(params, norm, 20_000, 1, 30, b));
            assertTrue(allocated < 4096, allocated + " bytes for " + b.size() + " steps");
        }
    }

    @Test
    void everyPathIsCompleteAndEpisodeSumsMatchTheRows() {
        Batch b = collect(2, 1, 0);
        assertTrue(b.size() >= 3000);
        assertEquals(b.size(), b.pathStart[b.paths()]);
        for (int p = 0; p < b.paths(); p++) {
            int len = b.pathStart[p + 1] - b.pathStart[p];
            assertTrue(len >= 50 && len <= 64, "point-circle episodes last 50..64 steps, got " + len);
            double cost = 0;
            for (int t = b.pathStart[p]; t < b.pathStart[p + 1]; t++) {
                cost += b.costs[t];
            }
            assertEquals(cost, b.episodeCost[p], 1e-12);
        }
    }
}
