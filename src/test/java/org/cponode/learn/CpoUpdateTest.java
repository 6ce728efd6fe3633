package org.cponode.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.cponode.parallel.WorkerPool;
import org.cponode.nn.GaussianPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The line-search acceptance rules of docs/CPO.md ("One update"), checked on the parameters an update returns. */
class CpoUpdateTest {

    private static final WorkerPool POOL = new WorkerPool(2);
    private static final TrustRegionConfig CONFIG = new TrustRegionConfig(0.01, 10, 1e-10, 1e-5, 1.0, 0.8, 15);

    @AfterAll
    static void close() {
        POOL.close();
    }

    private record Setup(GaussianPolicy policy, double[] theta, Batch batch) {}

    private static Setup setup(long seed) {
        GaussianPolicy policy = new GaussianPolicy(4, new int[] {16, 8}, 2);
        double[] theta = new double[policy.parameterCount()];
        SplittableRandom rng = new SplittableRandom(seed);
        policy.initialize(theta, rng, 0.8);
        Batch batch = SurrogatesTest.syntheticBatch(policy, theta, 600, rng);
        // costs correlated with the first action component, rewards with the second: a real trade-off
        for (int i = 0; i < batch.size(); i++) {
            batch.advantages[i] = batch.actions[2 * i + 1] + 0.3 * rng.nextGaussian();
            batch.costAdvantages[i] = batch.actions[2 * i] + batch.actions[2 * i + 1] + 0.3 * rng.nextGaussian();
        }
        return new Setup(policy, theta, batch);
    }

    private static Surrogates.Values valuesAt(Setup s, double[] params) {
        Surrogates sur = new Surrogates(s.policy(), POOL, 0.0);
        sur.prepare(s.batch(), s.theta(), 1.0, new SplittableRandom(1));
        return sur.evaluate(params);
    }

    @Test
    void feasibleUpdateImprovesLossWithinTrustRegionAndCostSlack() {
        for (long seed = 1; seed <= 5; seed++) {
            Setup s = setup(seed);
            double jc = s.batch().meanEpisodeCost();
            double limit = jc + 0.05; // feasible with a small slack: the constraint matters
            double[] params = s.theta().clone();
            UpdateResult r = new Cpo(s.policy(), CONFIG, POOL).update(s.batch(), params, limit, new SplittableRandom(2));
            assertTrue(r.cpoCase() == 2 || r.cpoCase() == 3, "feasible cases only, got " + r.cpoCase());
            assertTrue(r.accepted(), r.note());
            Surrogates.Values before = valuesAt(s, s.theta());
            Surrogates.Values after = valuesAt(s, params);
            assertTrue(after.loss() < before.loss(), "loss strictly improves");
            assertTrue(after.kl() <= CONFIG.maxKl(), "KL within the trust region: " + after.kl());
            assertTrue(after.costSurrogate() <= before.costSurrogate() + (limit - jc) + 1e-12, "cost surrogate within slack");
        }
    }

    @Test
    void infeasibleUpdateDecreasesTheCostSurrogateEvenIfTheLossGetsWorse() {
        boolean lossWorsened = false;
        for (long seed = 1; seed <= 6; seed++) {
            Setup s = setup(seed);
            double[] params = s.theta().clone();
            double limit = 0.0; // far below the batch's cost: recovery
            UpdateResult r = new Cpo(s.policy(), CONFIG, POOL).update(s.batch(), params, limit, new SplittableRandom(2));
            assertTrue(r.cpoCase() == 0 || r.cpoCase() == 1, "infeasible cases only, got " + r.cpoCase());
            assertTrue(r.accepted(), r.note());
            Surrogates.Values after = valuesAt(s, params);
            assertTrue(after.costSurrogate() <= 0, "a recovery step must not increase the cost surrogate");
            assertTrue(after.kl() <= CONFIG.maxKl());
            lossWorsened |= after.loss() > valuesAt(s, s.theta()).loss();
        }
        assertTrue(lossWorsened, "in recovery the loss is not checked, so some seeds trade reward for cost");
    }

    @Test
    void aStepNoTrialAcceptsIsUndone() {
        Setup s = setup(3);
        java.util.Arrays.fill(s.batch().advantages, 0, s.batch().size(), 1.0); // standardised to 0: no reward signal
        java.util.Arrays.fill(s.batch().costAdvantages, 0, s.batch().size(), 2.0); // centred to 0: no cost signal
        double[] params = s.theta().clone();
        UpdateResult r = new Cpo(s.policy(), CONFIG, POOL).update(s.batch(), params, 100.0, new SplittableRandom(2));
        assertEquals(4, r.cpoCase(), "no constraint gradient");
        assertFalse(r.accepted());
        assertArrayEquals(s.theta(), params, 0.0);
        assertTrue(r.note().contains("kept old parameters"), r.note());
    }
}
