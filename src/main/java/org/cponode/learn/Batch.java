package org.cponode.learn;

import java.util.Arrays;

/**
 * One iteration's experience: {@code size()} samples from {@code paths()} complete episodes, stored
 * row-major, with the advantage and return channels for reward and for cost that {@link Gae} fills in.
 * Arrays grow when a larger batch arrives and are otherwise reused.
 *
 * <p>Costs form a vector, one per constraint. The first constraint's channels are the plain cost fields (and
 * only it can be shaped); constraints 2..m have the same channels in the {@code more*} arrays, constraint
 * {@code k + 1} at index k, so that a one-constraint batch is exactly what it was before there were more.
 */
public final class Batch {

    private final int observationSize;
    private final int actionSize;
    private final int constraints;
    private int size;
    private int paths;

    /** Policy inputs (normalised observations), {@code size x observationSize}. */
    double[] obs = new double[0];
    /** Raw observations, for updating the normaliser after the iteration. */
    double[] rawObs = new double[0];
    /** Actions as sampled (before the environment clips them), {@code size x actionSize}. */
    double[] actions = new double[0];
    double[] rewards = new double[0];
    double[] costs = new double[0];
    /** Shaped costs {@code C+} (cost shaping, {@link CostShaper}); meaningful only while {@link #shaped}. */
    double[] shapedCosts = new double[0];
    /** Log-probability of each action under the policy that sampled it. */
    double[] logProbs = new double[0];
    /** Baseline predictions V(s_t) and V_C(s_t). */
    double[] values = new double[0];
    double[] costValues = new double[0];
    /** GAE advantages (raw, before normalisation) and their cost counterpart. */
    double[] advantages = new double[0];
    double[] costAdvantages = new double[0];
    /** Discounted reward-to-go and cost-to-go: the baselines' regression targets. */
    double[] returns = new double[0];
    double[] costReturns = new double[0];
    /** Path p occupies rows {@code [pathStart[p], pathStart[p+1])}. */
    int[] pathStart = new int[1];
    /**
     * Steps since its episode or cost window began at path p's first row: 0 for simulator episodes, the step
     * within the window for a robot path that starts mid-window.
     */
    int[] pathFirstStep = new int[0];
    /** Undiscounted reward and cost sums of each episode. */
    double[] episodeReturn = new double[0];
    double[] episodeCost = new double[0];
    double[] episodeShapedCost = new double[0];
    /** Whether the learner has filled the shaped-cost channel for the current content. */
    boolean shaped;
    /** Constraints 2..m: per-step costs, baseline predictions, advantages and returns ({@code [k][row]}). */
    double[][] moreCosts;
    double[][] moreCostValues;
    double[][] moreCostAdvantages;
    double[][] moreCostReturns;
    /** Constraints 2..m: undiscounted cost sums of each episode ({@code [k][path]}). */
    double[][] moreEpisodeCost;

    /** A batch with one constraint. */
    public Batch(int observationSize, int actionSize) {
        this(observationSize, actionSize, 1);
    }

    /** @param constraints how many cost signals each step carries, {@code >= 1} */
    public Batch(int observationSize, int actionSize, int constraints) {
        if (constraints < 1) {
            throw new IllegalArgumentException("a batch needs at least one constraint, got " + constraints);
        }
        this.observationSize = observationSize;
        this.actionSize = actionSize;
        this.constraints = constraints;
        int more = constraints - 1;
        moreCosts = new double[more][0];
        moreCostValues = new double[more][0];
        moreCostAdvantages = new double[more][0];
        moreCostReturns = new double[more][0];
        moreEpisodeCost = new double[more][0];
    }

    /** How many constraints each step's cost vector has. */
    public int constraints() {
        return constraints;
    }

    public int observationSize() {
        return observationSize;
    }

    public int actionSize() {
        return actionSize;
    }

    /** Number of samples. */
    public int size() {
        return size;
    }

    /** Number of complete episodes. */
    public int paths() {
        return paths;
    }

    /**
     * Makes room for {@code samples} rows and {@code pathCount} paths, keeping existing content, and sets the
     * sizes.
     */
    void resize(int samples, int pathCount) {
        if (obs.length < samples * observationSize) {
            int cap = Math.max(samples, size * 3 / 2);
            obs = Arrays.copyOf(obs, cap * observationSize);
            rawObs = Arrays.copyOf(rawObs, cap * observationSize);
        }
        if (actions.length < samples * actionSize) {
            actions = Arrays.copyOf(actions, Math.max(samples, size * 3 / 2) * actionSize);
        }
        if (rewards.length < samples) {
            int cap = Math.max(samples, size * 3 / 2);
            rewards = Arrays.copyOf(rewards, cap);
            costs = Arrays.copyOf(costs, cap);
            shapedCosts = Arrays.copyOf(shapedCosts, cap);
            logProbs = Arrays.copyOf(logProbs, cap);
            values = Arrays.copyOf(values, cap);
            costValues = Arrays.copyOf(costValues, cap);
            advantages = Arrays.copyOf(advantages, cap);
            costAdvantages = Arrays.copyOf(costAdvantages, cap);
            returns = Arrays.copyOf(returns, cap);
            costReturns = Arrays.copyOf(costReturns, cap);
            for (int k = 0; k < constraints - 1; k++) {
                moreCosts[k] = Arrays.copyOf(moreCosts[k], cap);
                moreCostValues[k] = Arrays.copyOf(moreCostValues[k], cap);
                moreCostAdvantages[k] = Arrays.copyOf(moreCostAdvantages[k], cap);
                moreCostReturns[k] = Arrays.copyOf(moreCostReturns[k], cap);
            }
        }
        if (pathStart.length < pathCount + 1) {
            int cap = Math.max(pathCount, paths * 3 / 2);
            pathStart = Arrays.copyOf(pathStart, cap + 1);
            pathFirstStep = Arrays.copyOf(pathFirstStep, cap);
            episodeReturn = Arrays.copyOf(episodeReturn, cap);
            episodeCost = Arrays.copyOf(episodeCost, cap);
            episodeShapedCost = Arrays.copyOf(episodeShapedCost, cap);
            for (int k = 0; k < constraints - 1; k++) {
                moreEpisodeCost[k] = Arrays.copyOf(moreEpisodeCost[k], cap);
            }
        }
        size = samples;
        paths = pathCount;
        shaped = false;
    }

    /** Mean undiscounted episode return. */
    public double meanEpisodeReturn() {
        return org.cponode.math.Vectors.mean(episodeReturn, paths);
    }

    /** Mean undiscounted episode cost: the estimate {@code Jhat_C} of the constraint (docs/CPO.md). */
    public double meanEpisodeCost() {
        return org.cponode.math.Vectors.mean(episodeCost, paths);
    }

    /**
     * {@code Jhat_C} as the update sees it: the mean episode shaped cost {@code C+} when the learner shapes
     * costs (the reference code's robust safety returns), else {@link #meanEpisodeCost()}.
     */
    public double constraintCost() {
        return shaped ? org.cponode.math.Vectors.mean(episodeShapedCost, paths) : meanEpisodeCost();
    }

    /** The per-step cost channel the cost advantages are computed from: {@code C+} when shaped, else {@code C}. */
    double[] constraintCostSteps() {
        return shaped ? shapedCosts : costs;
    }

    /** Constraint i's mean undiscounted episode cost (i = 0: {@link #meanEpisodeCost()}). */
    public double meanEpisodeCost(int i) {
        return i == 0 ? meanEpisodeCost() : org.cponode.math.Vectors.mean(moreEpisodeCost[i - 1], paths);
    }

    /** Constraint i's {@code Jhat_C} as the update sees it (i = 0: {@link #constraintCost()}; others are never shaped). */
    public double constraintCost(int i) {
        return i == 0 ? constraintCost() : meanEpisodeCost(i);
    }

    /** Constraint i's per-step cost channel (i = 0: {@link #constraintCostSteps()}). */
    double[] costSteps(int i) {
        return i == 0 ? constraintCostSteps() : moreCosts[i - 1];
    }

    /** Constraint i's cost-baseline predictions. */
    double[] costValues(int i) {
        return i == 0 ? costValues : moreCostValues[i - 1];
    }

    /** Constraint i's cost advantages. */
    double[] costAdvantages(int i) {
        return i == 0 ? costAdvantages : moreCostAdvantages[i - 1];
    }

    /** Constraint i's discounted cost-to-go, its baseline's regression target. */
    double[] costReturns(int i) {
        return i == 0 ? costReturns : moreCostReturns[i - 1];
    }

    /** Mean episode length {@code Tbar = N / M}, the constraint-gradient rescale. */
    public double meanPathLength() {
        return paths == 0 ? 0 : (double) size / paths;
    }

    /**
     * Steps since the episode (or cost window) began at row {@code row} of path {@code p}.
     */
    int stepInEpisode(int p, int row) {
        return pathFirstStep[p] + row - pathStart[p];
    }

    /**
     * Appends one complete episode's rows. Used by the online learner, whose samples come one control step at
     * a time; the simulator sampler fills the arrays directly.
     *
     * @param firstStep steps since the episode (cost window) began at the first row: 0 unless the path starts
     *     mid-window
     * @param obsRows normalised observations, {@code length x observationSize}
     * @param rawRows raw observations, same shape
     * @param actionRows actions, {@code length x actionSize}
     * @param costRows each step's costs, {@code length x constraints()}
     */
    public void appendPath(double[] obsRows, double[] rawRows, double[] actionRows, double[] logProbRows,
            double[] rewardRows, double[] costRows, int length, int firstStep) {
        if (length <= 0) {
            throw new IllegalArgumentException("an episode needs at least one step");
        }
        if (firstStep < 0) {
            throw new IllegalArgumentException("first step must be >= 0, got " + firstStep);
        }
        int start = size;
        int p = paths;
        resize(start + length, p + 1);
        System.arraycopy(obsRows, 0, obs, start * observationSize, length * observationSize);
        System.arraycopy(rawRows, 0, rawObs, start * observationSize, length * observationSize);
        System.arraycopy(actionRows, 0, actions, start * actionSize, length * actionSize);
        System.arraycopy(logProbRows, 0, logProbs, start, length);
        System.arraycopy(rewardRows, 0, rewards, start, length);
        double ret = 0;
        for (int t = 0; t < length; t++) {
            ret += rewardRows[t];
        }
        for (int i = 0; i < constraints; i++) {
            double[] steps = i == 0 ? costs : moreCosts[i - 1];
            double cost = 0;
            for (int t = 0; t < length; t++) {
                double c = costRows[t * constraints + i];
                steps[start + t] = c;
                cost += c;
            }
            if (i == 0) {
                episodeCost[p] = cost;
            } else {
                moreEpisodeCost[i - 1][p] = cost;
            }
        }
        pathStart[p] = start;
        pathStart[p + 1] = start + length;
        pathFirstStep[p] = firstStep;
        episodeReturn[p] = ret;
    }

    /** Empties the batch, keeping its storage. */
    public void clear() {
        size = 0;
        paths = 0;
        pathStart[0] = 0;
        shaped = false;
    }

}
