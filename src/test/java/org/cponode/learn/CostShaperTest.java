package org.cponode.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.cponode.parallel.WorkerPool;
import org.junit.jupiter.api.Test;

class CostShaperTest {

    private static final int OBS = 3;

    /** Paths of random length whose cost is 1 whenever the first observation exceeds 0.6. */
    private static Batch batch(long seed, int paths) {
        SplittableRandom rng = new SplittableRandom(seed);
        Batch b = new Batch(OBS, 1);
        for (int p = 0; p < paths; p++) {
            int len = rng.nextInt(5, 20);
            double[] obs = new double[len * OBS];
            double[] act = new double[len];
            double[] logp = new double[len];
            double[] rew = new double[len];
            double[] cost = new double[len];
            for (int t = 0; t < len; t++) {
                for (int k = 0; k < OBS; k++) {
                    obs[t * OBS + k] = 2 * rng.nextDouble() - 1;
                }
                act[t] = rng.nextGaussian();
                logp[t] = -0.5 * act[t] * act[t];
                rew[t] = rng.nextDouble();
                cost[t] = obs[t * OBS] > 0.6 ? 1 : 0;
            }
            b.appendPath(obs, obs, act, logp, rew, cost, len, 0);
        }
        return b;
    }

    @Test
    void failureTargetsAreClippedWindowSumsWithinEachPath() {
        double[] costs = {0, 1, 0, 0, 1, 1, 0, /* path 2 */ 1, 0, 0, 0};
        int[] start = {0, 7, 11};
        double[] y = new double[costs.length];
        CostShaper.failureTargets(costs, start, 2, 2, y);
        assertArrayEquals(new double[] {1, 1, 0, 1, 1, 1, 0, 1, 0, 0, 0}, y, 0.0);
        CostShaper.failureTargets(costs, start, 2, 1, y);
        assertArrayEquals(costs, y, 0.0, "T = 1 predicts the cost of this step");
        // Plain definition for a longer horizon.
        int horizon = 4;
        CostShaper.failureTargets(costs, start, 2, horizon, y);
        for (int p = 0; p < 2; p++) {
            for (int t = start[p]; t < start[p + 1]; t++) {
                double sum = 0;
                for (int j = 0; j < horizon && t + j < start[p + 1]; j++) {
                    sum += costs[t + j];
                }
                assertEquals(Math.min(1, sum), y[t], 0.0, "t = " + t);
            }
        }
    }

    @Test
    void bonusIsZeroUntilTheSecondFitThenRaisesJhatC() {
        try (WorkerPool pool = new WorkerPool(1)) {
            CostShaper shaper = new CostShaper(CostShaping.of(3, 1.0), OBS, new SplittableRandom(5), pool);
            Batch b = batch(1, 40);
            for (int fit = 0; fit < 2; fit++) {
                shaper.shape(b);
                assertFalse(shaper.bonusActive());
                assertArrayEquals(java.util.Arrays.copyOf(b.costs, b.size()),
                        java.util.Arrays.copyOf(b.shapedCosts, b.size()), 0.0, "no bonus after " + fit + " fits");
                assertEquals(b.meanEpisodeCost(), b.constraintCost(), 0.0);
                shaper.fit(b);
            }
            shaper.shape(b);
            assertTrue(shaper.bonusActive());
            double[] p = new double[b.size()];
            shaper.predictor().predict(b.obs, b.size(), p);
            double total = 0;
            for (int i = 0; i < b.size(); i++) {
                assertEquals(b.costs[i] + p[i], b.shapedCosts[i], 1e-15);
                total += b.costs[i] + p[i];
            }
            // Jhat_C = (1/M) sum over paths of sum_t C+_t, i.e. all C+ over the number of paths.
            assertEquals(total / b.paths(), b.constraintCost(), 1e-12);
            assertTrue(b.constraintCost() > b.meanEpisodeCost() + 1e-3,
                    b.constraintCost() + " vs " + b.meanEpisodeCost());
        }
    }

    @Test
    void alphaScalesTheBonusAndNewContentIsUnshaped() {
        try (WorkerPool pool = new WorkerPool(1)) {
            Batch b = batch(2, 30);
            double[] jc = new double[2];
            double[] alphas = {0.5, 2.0};
            for (int k = 0; k < 2; k++) {
                CostShaper shaper = new CostShaper(CostShaping.of(3, alphas[k]), OBS, new SplittableRandom(5), pool);
                shaper.fit(b);
                shaper.fit(b);
                shaper.shape(b);
                jc[k] = b.constraintCost() - b.meanEpisodeCost();
            }
            assertEquals(4.0, jc[1] / jc[0], 1e-9, "the bonus is linear in alpha");
            b.clear();
            assertEquals(b.meanEpisodeCost(), b.constraintCost());
        }
    }

    @Test
    void predictorLearnsWhereCostsHappen() {
        try (WorkerPool pool = new WorkerPool(1)) {
            CostShaper shaper = new CostShaper(new CostShaping(1, 1.0, 300, 32, 0.05), OBS, new SplittableRandom(9), pool);
            Batch b = batch(3, 150);
            shaper.fit(b);
            double[] p = new double[b.size()];
            shaper.predictor().predict(b.obs, b.size(), p);
            double inside = 0;
            double outside = 0;
            int nIn = 0;
            int nOut = 0;
            for (int i = 0; i < b.size(); i++) {
                if (b.obs[i * OBS] > 0.7) {
                    inside += p[i];
                    nIn++;
                } else if (b.obs[i * OBS] < 0.5) {
                    outside += p[i];
                    nOut++;
                }
            }
            assertTrue(inside / nIn > 0.8 && outside / nOut < 0.1, inside / nIn + " / " + outside / nOut);
        }
    }

    @Test
    void cpoSeesTheShapedConstraintAndCheckpointsRoundTrip() {
        TrustRegionConfig tr = new TrustRegionConfig(0.01, 10, 1e-10, 1e-5, 1.0, 0.8, 15);
        TrainConfig plain = new TrainConfig("test", Algorithm.CPO, 7, 3, 100, 1.0, 0.99, 0.95, 1.0, 1.0,
                new int[] {8}, new int[] {8}, 1.0, 1e-3, 1, 32, tr, 0.01, 0.0, 1);
        TrainConfig shapedConfig = plain.withCostShaping(CostShaping.of(3, 1.0));
        try (WorkerPool pool = new WorkerPool(1)) {
            Learner shaped = new Learner(shapedConfig, OBS, 1, pool);
            Learner unshaped = new Learner(plain, OBS, 1, pool);
            assertArrayEquals(unshaped.params(), shaped.params(), 0.0, "shaping does not change the initial policy");
            assertEquals(null, unshaped.costShaper());
            for (int it = 0; it < 3; it++) {
                Batch b = batch(10 + it, 30);
                Learner.Result r = shaped.learn(b, new SplittableRandom(it));
                assertEquals(b.constraintCost() - 1.0, r.update().c(), 1e-12, "CPO's c uses Jhat_C of C+");
                if (it < 2) {
                    assertEquals(b.meanEpisodeCost(), b.constraintCost(), 0.0);
                } else {
                    assertNotEquals(b.meanEpisodeCost(), b.constraintCost());
                }
                Batch same = batch(10 + it, 30);
                Learner.Result u = unshaped.learn(same, new SplittableRandom(it));
                assertEquals(same.meanEpisodeCost() - 1.0, u.update().c(), 1e-12);
            }
            assertEquals(3, shaped.costShaper().fits());
            Map<String, double[]> arrays = new LinkedHashMap<>();
            shaped.saveArrays(arrays);
            Learner back = new Learner(shapedConfig, OBS, 1, pool);
            back.restore(new Checkpoint(Map.of(), arrays));
            assertEquals(3, back.costShaper().fits());
            assertArrayEquals(shaped.costShaper().predictor().parameters(), back.costShaper().predictor().parameters(), 0.0);
            Map<String, double[]> plainArrays = new LinkedHashMap<>();
            unshaped.saveArrays(plainArrays);
            assertFalse(plainArrays.keySet().stream().anyMatch(k -> k.startsWith("predictor")));
            assertThrows(IllegalArgumentException.class,
                    () -> new Learner(shapedConfig, OBS, 1, pool).restore(new Checkpoint(Map.of(), plainArrays)));
        }
    }

    @Test
    void configRoundTripsShapingAndDefaultsFollowThePaper() {
        TrustRegionConfig tr = new TrustRegionConfig(0.01, 10, 1e-10, 1e-5, 0.2, 0.8, 15);
        TrainConfig c = new TrainConfig("point-circle", Algorithm.PDO, 1, 5, 100, 5.0, 0.995, 0.95, 1.0, 1.0,
                new int[] {64, 32}, new int[] {64, 32}, 1.0, 1e-3, 5, 128, tr, 0.01, 0.0, 8);
        assertEquals(null, TrainConfig.fromMap(c.toMap()).costShaping());
        TrainConfig s = c.withCostShaping(CostShaping.of(5, 1.0));
        assertEquals(CostShaping.of(5, 1.0), TrainConfig.fromMap(s.toMap()).costShaping());
        assertEquals(CostShaping.of(5, 1.0), CostShaping.defaultsFor("point-circle").orElseThrow());
        assertTrue(CostShaping.defaultsFor("point-gather").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> CostShaping.of(0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> CostShaping.of(5, -1.0));
    }
}
