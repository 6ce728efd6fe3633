package org.cponode.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.cponode.parallel.WorkerPool;
import org.junit.jupiter.api.Test;

/**
 * The baselines' time feature: in a fixed-length window where every step costs 1, the cost-to-go is the time
 * left, which no observation shows. A cost baseline that sees the time fits it; one that does not cannot.
 */
class BaselineTimeTest {

    private static final int OBS = 3;
    private static final int WINDOW = 40;

    private static TrainConfig config(int timeHorizon) {
        return new TrainConfig("test", Algorithm.TRPO, 5, 1, 4000, 10, 0.99, 0.95, 1.0, 1.0, new int[] {16},
                new int[] {32, 32}, 1.0, 1e-2, 40, 64, TrustRegionConfig.PAPER, 0.01, 0.0, 1).withTimeHorizon(timeHorizon);
    }

    /**
     * Full windows, and second halves of windows (a robot path that starts mid-window), with observations that
     * say nothing about time.
     *
     * @param recordFirstStep whether the half paths say they start at step 20 (else they claim step 0)
     */
    private static Batch batch(boolean recordFirstStep) {
        SplittableRandom rng = new SplittableRandom(11);
        Batch b = new Batch(OBS, 1);
        for (int p = 0; p < 60; p++) {
            boolean half = p % 2 == 1;
            int len = half ? WINDOW / 2 : WINDOW;
            double[] obs = new double[len * OBS];
            double[] act = new double[len];
            double[] logp = new double[len];
            double[] rew = new double[len];
            double[] cost = new double[len];
            for (int t = 0; t < len; t++) {
                for (int k = 0; k < OBS; k++) {
                    obs[t * OBS + k] = rng.nextGaussian();
                }
                act[t] = rng.nextGaussian();
                logp[t] = -0.5 * act[t] * act[t] - 0.9189385332046727;
                rew[t] = rng.nextDouble();
                cost[t] = 1;
            }
            b.appendPath(obs, obs, act, logp, rew, cost, len, half && recordFirstStep ? WINDOW / 2 : 0);
        }
        return b;
    }

    private static double costBaselineLoss(int timeHorizon, boolean recordFirstStep) {
        try (WorkerPool pool = new WorkerPool(1)) {
            Learner learner = new Learner(config(timeHorizon), OBS, 1, pool);
            SplittableRandom rng = new SplittableRandom(3);
            learner.learn(batch(recordFirstStep), rng);
            return learner.learn(batch(recordFirstStep), rng).costValueLoss();
        }
    }

    @Test
    void aCostBaselineThatSeesTheTimeFitsTheCostToGo() {
        double withTime = costBaselineLoss(WINDOW, true);
        double without = costBaselineLoss(0, true);
        // Cost-to-go is 40 - t for t in 0..39: its variance over the batch is about 133.
        assertTrue(without > 60, "without time the baseline can only fit the mean: " + without);
        assertTrue(withTime < 0.1 * without, "with time it fits the time left: " + withTime + " vs " + without);
    }

    @Test
    void pathsThatStartMidWindowKeepTheirTimeInTheWindow() {
        double right = costBaselineLoss(WINDOW, true);
        double wrong = costBaselineLoss(WINDOW, false);
        assertTrue(right < 0.3 * wrong, "a half path claiming to start at step 0 contradicts the full windows: "
                + right + " vs " + wrong);
    }

    @Test
    void theTimeHorizonIsSavedAndOldConfigsHaveNone() {
        var m = config(WINDOW).toMap();
        assertEquals("40", m.get("time_horizon"));
        assertEquals(WINDOW, TrainConfig.fromMap(m).timeHorizon());
        m.remove("time_horizon");
        assertEquals(0, TrainConfig.fromMap(m).timeHorizon());
        assertThrows(IllegalArgumentException.class, () -> config(-1));
        assertThrows(IllegalArgumentException.class,
                () -> batch(true).appendPath(new double[OBS], new double[OBS], new double[1], new double[1],
                        new double[1], new double[1], 1, -1));
    }
}
