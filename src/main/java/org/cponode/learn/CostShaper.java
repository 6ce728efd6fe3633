package org.cponode.learn;

import java.util.Map;
import java.util.SplittableRandom;
import org.cponode.parallel.WorkerPool;
import org.cponode.nn.SigmoidRegressor;

/**
 * The failure predictor of cost shaping and the shaped cost it produces (paper Sec. 6.2, reference
 * {@code ParameterizedBonusSafetyConstraint}). Each iteration the learner first shapes the batch with the
 * predictor fitted on earlier batches, then fits the predictor on this batch:
 *
 * <pre>
 *   C+_t = C_t + alpha P(s_t)                        (P = 0 until fitted more than once)
 *   y_t  = clip( sum_{j=0}^{T-1} C_{t+j}, 0, 1 )     (within the path, zero past its end)
 *   fit:   epochs full-batch Adam steps on (1/N) sum_t (P(s_t) - y_t)^2
 * </pre>
 *
 * The predictor reads the same normalised observations as the policy and the baselines.
 */
public final class CostShaper {

    private final CostShaping settings;
    private final SigmoidRegressor predictor;
    private double[] targets = new double[0];
    private double[] probabilities = new double[0];
    private int fits;
    private double lastLoss = Double.NaN;

    public CostShaper(CostShaping settings, int observationSize, SplittableRandom rng, WorkerPool pool) {
        this.settings = settings;
        this.predictor = new SigmoidRegressor(observationSize, settings.hiddenUnits(), settings.learningRate(), rng, pool);
    }

    public CostShaping settings() {
        return settings;
    }

    public SigmoidRegressor predictor() {
        return predictor;
    }

    /** How many times the predictor has been fitted. */
    public int fits() {
        return fits;
    }

    /** Whether the bonus is non-zero: the predictor has been fitted more than {@link CostShaping#ZERO_BONUS_FITS} times. */
    public boolean bonusActive() {
        return fits > CostShaping.ZERO_BONUS_FITS;
    }

    /** The predictor's mean squared error after its last fit, NaN before the first. */
    public double lastLoss() {
        return lastLoss;
    }

    /**
     * Fills the batch's shaped-cost channel ({@code C+} per step and per episode) and marks the batch as
     * shaped, so that the cost advantages and {@link Batch#constraintCost()} use it.
     */
    public void shape(Batch batch) {
        int n = batch.size();
        double[] shaped = batch.shapedCosts;
        if (bonusActive()) {
            if (probabilities.length < n) {
                probabilities = new double[n];
            }
            predictor.predict(batch.obs, n, probabilities);
            for (int i = 0; i < n; i++) {
                shaped[i] = batch.costs[i] + settings.alpha() * probabilities[i];
            }
        } else {
            System.arraycopy(batch.costs, 0, shaped, 0, n);
        }
        for (int p = 0; p < batch.paths(); p++) {
            double sum = 0;
            for (int t = batch.pathStart[p]; t < batch.pathStart[p + 1]; t++) {
                sum += shaped[t];
            }
            batch.episodeShapedCost[p] = sum;
        }
        batch.shaped = true;
    }

    /** Fits the predictor on this batch's failure targets; returns its mean squared error afterwards. */
    public double fit(Batch batch) {
        int n = batch.size();
        if (targets.length < n) {
            targets = new double[n];
        }
        failureTargets(batch.costs, batch.pathStart, batch.paths(), settings.horizon(), targets);
        lastLoss = predictor.fit(batch.obs, targets, n, settings.epochs());
        fits++;
        return lastLoss;
    }

    /**
     * {@code y_t = clip(sum_{j=0}^{T-1} C_{t+j}, 0, 1)} within each path, as a sliding window from the end.
     *
     * @param out receives one target per row. Modified.
     */
    public static void failureTargets(double[] costs, int[] pathStart, int paths, int horizon, double[] out) {
        for (int p = 0; p < paths; p++) {
            int start = pathStart[p];
            int end = pathStart[p + 1];
            double window = 0;
            for (int t = end - 1; t >= start; t--) {
                window += costs[t];
                if (t + horizon < end) {
                    window -= costs[t + horizon];
                }
                out[t] = Math.min(1.0, Math.max(0.0, window));
            }
        }
    }

    /** Adds the predictor's parameters, optimiser state and fit count. */
    public void saveArrays(Map<String, double[]> arrays) {
        arrays.put("predictor.params", predictor.parameters().clone());
        arrays.put("predictor.adam.m", predictor.optimizer().firstMoment().clone());
        arrays.put("predictor.adam.v", predictor.optimizer().secondMoment().clone());
        arrays.put("predictor.adam.steps", new double[] {predictor.optimizer().steps()});
        arrays.put("predictor.fits", new double[] {fits});
    }

    /** Restores what {@link #saveArrays} wrote. */
    public void restore(Checkpoint ck) {
        int p = predictor.parameters().length;
        predictor.restore(ck.array("predictor.params", p));
        predictor.optimizer().restore(ck.array("predictor.adam.m", p), ck.array("predictor.adam.v", p),
                (long) ck.array("predictor.adam.steps", 1)[0]);
        fits = (int) ck.array("predictor.fits", 1)[0];
    }

    /** Keeps the predictor's outputs unchanged across a normaliser update (see {@link Learner}). */
    void reparameterizeInput(double[] oldMean, double[] oldStd, double[] newMean, double[] newStd) {
        predictor.reparameterizeInput(oldMean, oldStd, newMean, newStd);
    }
}
