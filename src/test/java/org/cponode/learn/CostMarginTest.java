package org.cponode.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.cponode.parallel.WorkerPool;
import org.cponode.nn.GaussianPolicy;
import org.junit.jupiter.api.Test;

class CostMarginTest {

    /** A model whose steps predict a change of -0.5 but realise 0: the margin must converge to that error. */
    @Test
    void marginConvergesToTheMeanPredictionError() {
        CostMargin m = new CostMargin(new CostMarginConfig(0.2, 0.0));
        assertEquals(0.0, m.observe(5.6, 5.0), 0.0, "nothing to learn from before the first prediction");
        for (int k = 0; k < 60; k++) {
            m.predicted(-0.5);
            m.observe(5.6, 5.0);
        }
        assertEquals(0.5, m.value(), 1e-5);
    }

    /** Errors alternating +1 and -1: mean 0, standard deviation 1, so beta = 1 puts the margin near 1. */
    @Test
    void sigmasAddTheSpreadOfTheError() {
        CostMargin plain = new CostMargin(new CostMarginConfig(0.05, 0.0));
        CostMargin cautious = new CostMargin(new CostMarginConfig(0.05, 1.0));
        for (CostMargin m : new CostMargin[] {plain, cautious}) {
            m.observe(5.0, 5.0);
            for (int k = 0; k < 400; k++) {
                m.predicted(0.0);
                m.observe(k % 2 == 0 ? 6.0 : 5.0, 5.0); // realised +1, then -1 ... errors alternate +1 / -1
            }
        }
        // errors alternate +1 and -1: mean 0, standard deviation 1
        assertEquals(0.0, plain.value(), 0.05);
        assertEquals(1.0, cautious.value(), 0.1);
    }

    @Test
    void followsTheErrorAtItsRateFromZero() {
        CostMargin m = new CostMargin(new CostMarginConfig(0.25, 0.0));
        m.observe(3.0, 5.0);
        m.predicted(1.0);
        // realised +2 against a predicted +1: error 1, m = 0 + 0.25 (1 - 0)
        assertEquals(0.25, m.observe(5.0, 5.0), 1e-15);
        m.predicted(-1.0);
        // realised -0.5 against -1: error 0.5, m = 0.25 + 0.25 (0.5 - 0.25)
        assertEquals(0.3125, m.observe(4.5, 5.0), 1e-15);
    }

    @Test
    void neverLoosensTheLimitAndNeverExceedsIt() {
        CostMargin m = new CostMargin(new CostMarginConfig(1.0, 0.0));
        m.observe(5.0, 5.0);
        m.predicted(0.0);
        assertEquals(0.0, m.observe(1.0, 5.0), 0.0, "a cost lower than predicted gives no negative margin");
        m.predicted(0.0);
        assertEquals(5.0, m.observe(100.0, 5.0), 0.0, "the margin is capped at the limit");
    }

    @Test
    void aNewSystemStartsANewRecordButKeepsTheMargin() {
        CostMargin m = new CostMargin(new CostMarginConfig(0.5, 0.0));
        m.observe(5.0, 5.0);
        m.predicted(-1.0);
        assertEquals(0.5, m.observe(5.0, 5.0), 1e-15, "error +1 at rate 0.5");
        m.predicted(0.0);
        m.forgetHistory(); // the robot's first batch does not compare with the simulator's last
        assertEquals(0.5, m.observe(1.0, 5.0), 1e-15, "kept, not learnt from the jump 5 -> 1");
        m.predicted(0.0);
        assertEquals(0.25, m.observe(1.0, 5.0), 1e-15, "and learning resumes on the new system");
        CostMargin restored = new CostMargin(new CostMarginConfig(0.5, 0.0));
        restored.restore(new double[] {4.0, 4.0, 0.0, Double.NaN, Double.NaN});
        assertEquals(2.0, restored.observe(1.0, 2.0), 0.0, "a margin never exceeds the limit in force");
    }

    @Test
    void rateZeroIsThePapersCpo() {
        CostMargin m = new CostMargin(new CostMarginConfig(0.0, 1.0));
        SplittableRandom rng = new SplittableRandom(3);
        for (int k = 0; k < 50; k++) {
            m.predicted(rng.nextGaussian());
            assertEquals(0.0, m.observe(5 + 3 * rng.nextGaussian(), 5.0), 0.0);
        }
    }

    @Test
    void stateRoundTripsAndOldCheckpointsStartAfresh() {
        CostMargin a = new CostMargin(new CostMarginConfig(0.3, 0.5));
        a.observe(6, 5);
        a.predicted(-2);
        a.observe(5.5, 5);
        a.predicted(-0.4);
        CostMargin b = new CostMargin(new CostMarginConfig(0.3, 0.5));
        b.restore(a.state());
        assertArrayEquals(a.state(), b.state(), 0.0);
        assertEquals(a.observe(5.3, 5), b.observe(5.3, 5), 0.0);
        b.restore(new double[0]);
        assertEquals(0.0, b.value(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> b.restore(new double[] {-1, 0, 0, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> b.restore(new double[] {1, 0, -1, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> b.restore(new double[] {1, 0}));
        assertThrows(IllegalArgumentException.class, () -> new CostMarginConfig(0.1, -1));
        assertThrows(IllegalArgumentException.class, () -> new CostMarginConfig(1.5, 0));
        assertThrows(IllegalArgumentException.class, () -> new CostMarginConfig(Double.NaN, 0));
    }

    /** CPO enforces d - m: its c and its line-search slack use the reduced limit. */
    @Test
    void cpoEnforcesTheLimitMinusTheMargin() {
        try (WorkerPool pool = new WorkerPool(1)) {
            GaussianPolicy policy = new GaussianPolicy(4, new int[] {16, 8}, 2);
            double[] theta = new double[policy.parameterCount()];
            SplittableRandom rng = new SplittableRandom(7);
            policy.initialize(theta, rng, 0.8);
            Batch batch = SurrogatesTest.syntheticBatch(policy, theta, 600, rng);
            for (int i = 0; i < batch.size(); i++) {
                batch.advantages[i] = batch.actions[2 * i + 1];
                batch.costAdvantages[i] = batch.actions[2 * i] + batch.actions[2 * i + 1];
            }
            TrustRegionConfig config = new TrustRegionConfig(0.01, 10, 1e-10, 1e-5, 1.0, 0.8, 15);
            double jc = batch.meanEpisodeCost();
            double limit = jc + 0.3; // feasible for the paper's CPO
            Cpo cpo = new Cpo(policy, config, pool, new CostMargin(new CostMarginConfig(0.5, 0)));
            cpo.restoreState(new double[] {0.5, 0.5, 0, Double.NaN, Double.NaN});
            double[] params = theta.clone();
            UpdateResult r = cpo.update(batch, params, limit, new SplittableRandom(2));
            assertEquals(0.5, ((UpdateDetails.CpoDetails) r.details()).costMargin(), 0.0);
            assertEquals(jc - (limit - 0.5), r.c(), 1e-12, "c is measured against d - m");
            assertTrue(r.cpoCase() == 0 || r.cpoCase() == 1, "with the margin the policy is infeasible: " + r.cpoCase());
            UpdateResult plain = new Cpo(policy, config, pool).update(batch, theta.clone(), limit, new SplittableRandom(2));
            assertTrue(plain.cpoCase() == 2 || plain.cpoCase() == 3, "without it, feasible: " + plain.cpoCase());
            assertEquals(0.0, ((UpdateDetails.CpoDetails) plain.details()).costMargin(), 0.0);
        }
    }
}
