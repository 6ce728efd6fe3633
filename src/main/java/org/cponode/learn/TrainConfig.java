package org.cponode.learn;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.cponode.sim.TaskSpec;

/**
 * Every setting of a training run. Saved in each checkpoint, so a run can be resumed or audited; validated
 * here so that a bad value fails at start with a message naming it.
 *
 * @param task simulator task name (e.g. {@code point-circle})
 * @param algorithm update rule
 * @param seed master seed: rollouts, initialisation and subsamples all derive from it
 * @param iterations number of policy updates to run
 * @param batchSize samples per iteration (paper: 50,000)
 * @param costLimit d, the limit on the expected undiscounted episode cost
 * @param gamma reward discount (paper: 0.995)
 * @param lambda reward GAE parameter (paper: 0.95)
 * @param costGamma cost discount (reference code: 1, undiscounted)
 * @param costLambda cost GAE parameter (paper: 1 for the Point tasks)
 * @param policyHidden hidden widths of the policy mean (paper: 64, 32)
 * @param valueHidden hidden widths of both baselines (paper: 64, 32)
 * @param initialStd initial policy standard deviation (rllab: 1.0)
 * @param valueLearningRate Adam step size of the baselines
 * @param valueEpochs passes over the batch per baseline fit
 * @param valueMinibatch baseline minibatch size
 * @param trustRegion trust-region settings
 * @param pdoLearningRate PDO's dual step size alpha (paper: 0.01)
 * @param pdoInitialNu PDO's nu_0 (paper: 0)
 * @param slots parallel rollout slots (fixed, so results do not depend on the thread count)
 * @param costShaping failure-predictor cost shaping (paper Sec. 6.2), or null for none (the default)
 * @param timeHorizon when > 0, both baselines also see the time since the episode (or cost window) began,
 *     scaled to [-1, 1] over this many steps; 0 gives them the observation only (rllab's baselines)
 * @param costMargin CPO only: the safety margin m CPO learns from its own cost-prediction errors, enforcing
 *     {@code Jhat_C <= d - m} ({@link CostMargin}); {@link CostMarginConfig#OFF} is the paper's CPO
 * @param moreCostLimits the limits {@code d_2..d_m} of a task's constraints after the first, whose limit is
 *     {@code costLimit}, in the task's order; empty for a task with one constraint
 */
public record TrainConfig(
        String task,
        Algorithm algorithm,
        long seed,
        int iterations,
        int batchSize,
        double costLimit,
        double gamma,
        double lambda,
        double costGamma,
        double costLambda,
        int[] policyHidden,
        int[] valueHidden,
        double initialStd,
        double valueLearningRate,
        int valueEpochs,
        int valueMinibatch,
        TrustRegionConfig trustRegion,
        double pdoLearningRate,
        double pdoInitialNu,
        int slots,
        CostShaping costShaping,
        int timeHorizon,
        CostMarginConfig costMargin,
        double[] moreCostLimits) {

    /** Largest batch: 10 million samples are 200 times the paper's and already need gigabytes of rollout buffers. */
    public static final int MAX_BATCH_SIZE = 10_000_000;

    /** {@link #defaults}' master seed, as a constant for option defaults. */
    public static final long DEFAULT_SEED = 1;
    /** {@link #defaults}' number of policy updates, as a constant for option defaults. */
    public static final int DEFAULT_ITERATIONS = 100;
    /** {@link #defaults}' hidden widths of the policy and of the baselines (the paper's), in option form. */
    public static final String DEFAULT_HIDDEN = "64,32";
    /** {@link #defaults}' baseline epochs per iteration, as a constant for option defaults. */
    public static final int DEFAULT_VALUE_EPOCHS = 5;
    /** {@link #defaults}' PDO dual step size alpha (the paper's), as a constant for option defaults. */
    public static final double DEFAULT_PDO_LEARNING_RATE = 0.01;

    public TrainConfig {
        require(task != null && !task.isBlank(), "task must be named");
        require(algorithm != null, "algorithm must be given");
        require(iterations >= 0, "iterations must be >= 0, got " + iterations);
        require(batchSize >= 1 && batchSize <= MAX_BATCH_SIZE, "batch size must lie in [1, " + MAX_BATCH_SIZE + "], got "
                + batchSize);
        require(costLimit >= 0 && Double.isFinite(costLimit), "cost limit must be finite and >= 0, got " + costLimit);
        require(unit(gamma) && unit(lambda) && unit(costGamma) && unit(costLambda),
                "gamma, lambda, cost gamma and cost lambda must lie in [0, 1]");
        require(policyHidden != null && policyHidden.length >= 1 && Arrays.stream(policyHidden).allMatch(w -> w >= 1),
                "policy hidden widths must be >= 1");
        require(valueHidden != null && valueHidden.length >= 1 && Arrays.stream(valueHidden).allMatch(w -> w >= 1),
                "value hidden widths must be >= 1");
        require(initialStd > 0 && Double.isFinite(initialStd), "initial std must be > 0, got " + initialStd);
        require(valueLearningRate > 0, "value learning rate must be > 0, got " + valueLearningRate);
        require(valueEpochs >= 0, "value epochs must be >= 0, got " + valueEpochs);
        require(valueMinibatch >= 1, "value minibatch must be >= 1, got " + valueMinibatch);
        require(trustRegion != null, "trust-region settings must be given");
        require(pdoLearningRate > 0, "PDO learning rate must be > 0, got " + pdoLearningRate);
        require(pdoInitialNu >= 0, "PDO initial nu must be >= 0, got " + pdoInitialNu);
        require(slots >= 1, "slots must be >= 1, got " + slots);
        require(timeHorizon >= 0, "time horizon must be >= 0, got " + timeHorizon);
        require(costMargin != null, "cost margin settings must be given (CostMarginConfig.OFF for none)");
        require(moreCostLimits != null && moreCostLimits.length < org.cponode.sim.StepOutcome.MAX_CONSTRAINTS
                && Arrays.stream(moreCostLimits).allMatch(d -> d >= 0 && Double.isFinite(d)),
                "further cost limits must be finite and >= 0, at most " + (org.cponode.sim.StepOutcome.MAX_CONSTRAINTS - 1));
        moreCostLimits = moreCostLimits.clone();
        policyHidden = policyHidden.clone();
        valueHidden = valueHidden.clone();
    }

    /** A configuration for a task with one constraint. */
    public TrainConfig(String task, Algorithm algorithm, long seed, int iterations, int batchSize, double costLimit,
            double gamma, double lambda, double costGamma, double costLambda, int[] policyHidden, int[] valueHidden,
            double initialStd, double valueLearningRate, int valueEpochs, int valueMinibatch,
            TrustRegionConfig trustRegion, double pdoLearningRate, double pdoInitialNu, int slots,
            CostShaping costShaping, int timeHorizon, CostMarginConfig costMargin) {
        this(task, algorithm, seed, iterations, batchSize, costLimit, gamma, lambda, costGamma, costLambda,
                policyHidden, valueHidden, initialStd, valueLearningRate, valueEpochs, valueMinibatch, trustRegion,
                pdoLearningRate, pdoInitialNu, slots, costShaping, timeHorizon, costMargin, new double[0]);
    }

    /** A configuration without cost shaping, baseline time feature or learned margin. */
    public TrainConfig(String task, Algorithm algorithm, long seed, int iterations, int batchSize, double costLimit,
            double gamma, double lambda, double costGamma, double costLambda, int[] policyHidden, int[] valueHidden,
            double initialStd, double valueLearningRate, int valueEpochs, int valueMinibatch,
            TrustRegionConfig trustRegion, double pdoLearningRate, double pdoInitialNu, int slots) {
        this(task, algorithm, seed, iterations, batchSize, costLimit, gamma, lambda, costGamma, costLambda,
                policyHidden, valueHidden, initialStd, valueLearningRate, valueEpochs, valueMinibatch, trustRegion,
                pdoLearningRate, pdoInitialNu, slots, null, 0, CostMarginConfig.OFF);
    }

    /**
     * The settings a run on {@code task} gets unless told otherwise: CPO with the task's batch size, every
     * constraint's limit, discount and GAE lambdas; undiscounted cost; the paper's networks (64, 32 tanh), trust
     * region ({@link TrustRegionConfig#PAPER}), initial std 1 and PDO constants (alpha 0.01, nu_0 0); baselines
     * fitted by Adam 1e-3 for 5 epochs of minibatch 128 that see the time since the episode began over the task's
     * longest episode; 8 rollout slots; no cost shaping; CPO's learned margin ({@link CostMarginConfig#DEFAULT}; a
     * caller that picks TRPO or PDO sets {@link CostMarginConfig#OFF}, as they have none); master seed 1 and 100
     * iterations.
     */
    public static TrainConfig defaults(TaskSpec task) {
        double[] limits = task.costLimits();
        return new TrainConfig(task.name(), Algorithm.CPO, DEFAULT_SEED, DEFAULT_ITERATIONS, task.batchSize(),
                limits[0], task.gamma(), task.gaeLambda(), 1.0, task.costGaeLambda(), parseWidths(DEFAULT_HIDDEN),
                parseWidths(DEFAULT_HIDDEN), 1.0, 1e-3, DEFAULT_VALUE_EPOCHS, 128, TrustRegionConfig.PAPER,
                DEFAULT_PDO_LEARNING_RATE, 0.0, 8, null, task.maxEpisodeLength(), CostMarginConfig.DEFAULT,
                Arrays.copyOfRange(limits, 1, limits.length));
    }

    private static boolean unit(double v) {
        return v >= 0 && v <= 1;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    @Override
    public double[] moreCostLimits() {
        return moreCostLimits.clone();
    }

    /** How many constraints the run's task has. */
    public int constraints() {
        return 1 + moreCostLimits.length;
    }

    /** Every constraint's limit, {@code costLimit} first. */
    public double[] costLimits() {
        double[] all = new double[constraints()];
        all[0] = costLimit;
        System.arraycopy(moreCostLimits, 0, all, 1, moreCostLimits.length);
        return all;
    }

    /** A copy with other limits of every constraint, the first first (their number sets the constraints). */
    public TrainConfig withCostLimits(double[] limits) {
        if (limits.length < 1) {
            throw new IllegalArgumentException("a run needs at least one cost limit");
        }
        return with(d -> {
            d.costLimit = limits[0];
            d.moreCostLimits = java.util.Arrays.copyOfRange(limits, 1, limits.length);
        });
    }

    @Override
    public int[] policyHidden() {
        return policyHidden.clone();
    }

    @Override
    public int[] valueHidden() {
        return valueHidden.clone();
    }

    /** A copy with another update rule. */
    public TrainConfig withAlgorithm(Algorithm a) {
        return with(d -> d.algorithm = a);
    }

    /** A copy with another master seed. */
    public TrainConfig withSeed(long s) {
        return with(d -> d.seed = s);
    }

    /** A copy with another iteration count (also for resuming with a new target). */
    public TrainConfig withIterations(int n) {
        return with(d -> d.iterations = n);
    }

    /** A copy with another number of samples per iteration. */
    public TrainConfig withBatchSize(int n) {
        return with(d -> d.batchSize = n);
    }

    /** A copy with another cost limit d. */
    public TrainConfig withCostLimit(double limit) {
        return with(d -> d.costLimit = limit);
    }

    /** A copy with another reward GAE lambda. */
    public TrainConfig withLambda(double l) {
        return with(d -> d.lambda = l);
    }

    /** A copy with another cost GAE lambda. */
    public TrainConfig withCostLambda(double l) {
        return with(d -> d.costLambda = l);
    }

    /** A copy with other hidden widths of the policy mean. */
    public TrainConfig withPolicyHidden(int[] widths) {
        return with(d -> d.policyHidden = widths);
    }

    /** A copy with other hidden widths of both baselines. */
    public TrainConfig withValueHidden(int[] widths) {
        return with(d -> d.valueHidden = widths);
    }

    /** A copy with another number of baseline epochs per iteration. */
    public TrainConfig withValueEpochs(int n) {
        return with(d -> d.valueEpochs = n);
    }

    /** A copy with other trust-region settings. */
    public TrainConfig withTrustRegion(TrustRegionConfig tr) {
        return with(d -> d.trustRegion = tr);
    }

    /** A copy with another PDO dual step size. */
    public TrainConfig withPdoLearningRate(double alpha) {
        return with(d -> d.pdoLearningRate = alpha);
    }

    /** A copy with another PDO initial multiplier nu_0. */
    public TrainConfig withPdoInitialNu(double nu) {
        return with(d -> d.pdoInitialNu = nu);
    }

    /** A copy with another number of rollout slots. */
    public TrainConfig withSlots(int n) {
        return with(d -> d.slots = n);
    }

    /** A copy with cost shaping set (null switches it off). */
    public TrainConfig withCostShaping(CostShaping shaping) {
        return with(d -> d.costShaping = shaping);
    }

    /** A copy whose baselines see the time in the episode over {@code horizon} steps (0 switches it off). */
    public TrainConfig withTimeHorizon(int horizon) {
        return with(d -> d.timeHorizon = horizon);
    }

    /** A copy with other settings of CPO's learned margin ({@link CostMarginConfig#OFF} for none). */
    public TrainConfig withCostMargin(CostMarginConfig margin) {
        return with(d -> d.costMargin = margin);
    }

    /** A copy with the changes {@code change} makes, validated like any configuration. */
    private TrainConfig with(Consumer<Draft> change) {
        Draft d = new Draft(this);
        change.accept(d);
        return d.build();
    }

    /** The components as variables, so each wither names only the one it changes. */
    private static final class Draft {
        String task;
        Algorithm algorithm;
        long seed;
        int iterations;
        int batchSize;
        double costLimit;
        double gamma;
        double lambda;
        double costGamma;
        double costLambda;
        int[] policyHidden;
        int[] valueHidden;
        double initialStd;
        double valueLearningRate;
        int valueEpochs;
        int valueMinibatch;
        TrustRegionConfig trustRegion;
        double pdoLearningRate;
        double pdoInitialNu;
        int slots;
        CostShaping costShaping;
        int timeHorizon;
        CostMarginConfig costMargin;
        double[] moreCostLimits;

        Draft(TrainConfig c) {
            task = c.task;
            algorithm = c.algorithm;
            seed = c.seed;
            iterations = c.iterations;
            batchSize = c.batchSize;
            costLimit = c.costLimit;
            gamma = c.gamma;
            lambda = c.lambda;
            costGamma = c.costGamma;
            costLambda = c.costLambda;
            policyHidden = c.policyHidden;
            valueHidden = c.valueHidden;
            initialStd = c.initialStd;
            valueLearningRate = c.valueLearningRate;
            valueEpochs = c.valueEpochs;
            valueMinibatch = c.valueMinibatch;
            trustRegion = c.trustRegion;
            pdoLearningRate = c.pdoLearningRate;
            pdoInitialNu = c.pdoInitialNu;
            slots = c.slots;
            costShaping = c.costShaping;
            timeHorizon = c.timeHorizon;
            costMargin = c.costMargin;
            moreCostLimits = c.moreCostLimits;
        }

        TrainConfig build() {
            return new TrainConfig(task, algorithm, seed, iterations, batchSize, costLimit, gamma, lambda, costGamma,
                    costLambda, policyHidden, valueHidden, initialStd, valueLearningRate, valueEpochs, valueMinibatch,
                    trustRegion, pdoLearningRate, pdoInitialNu, slots, costShaping, timeHorizon, costMargin,
                    moreCostLimits);
        }
    }

    /** Flat string form, stored in checkpoints and parsed back by {@link #fromMap}. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("task", task);
        m.put("algorithm", algorithm.id());
        m.put("seed", Long.toString(seed));
        m.put("iterations", Integer.toString(iterations));
        m.put("batch_size", Integer.toString(batchSize));
        m.put("cost_limit", Double.toString(costLimit));
        m.put("gamma", Double.toString(gamma));
        m.put("lambda", Double.toString(lambda));
        m.put("cost_gamma", Double.toString(costGamma));
        m.put("cost_lambda", Double.toString(costLambda));
        m.put("policy_hidden", widths(policyHidden));
        m.put("value_hidden", widths(valueHidden));
        m.put("initial_std", Double.toString(initialStd));
        m.put("value_learning_rate", Double.toString(valueLearningRate));
        m.put("value_epochs", Integer.toString(valueEpochs));
        m.put("value_minibatch", Integer.toString(valueMinibatch));
        m.put("max_kl", Double.toString(trustRegion.maxKl()));
        m.put("cg_iterations", Integer.toString(trustRegion.cgIterations()));
        m.put("cg_residual_tolerance", Double.toString(trustRegion.cgResidualTolerance()));
        m.put("damping", Double.toString(trustRegion.damping()));
        m.put("fisher_subsample", Double.toString(trustRegion.fisherSubsample()));
        m.put("backtrack_ratio", Double.toString(trustRegion.backtrackRatio()));
        m.put("max_backtracks", Integer.toString(trustRegion.maxBacktracks()));
        m.put("pdo_learning_rate", Double.toString(pdoLearningRate));
        m.put("pdo_initial_nu", Double.toString(pdoInitialNu));
        m.put("slots", Integer.toString(slots));
        m.put("time_horizon", Integer.toString(timeHorizon));
        m.put("cost_margin_rate", Double.toString(costMargin.rate()));
        m.put("cost_margin_sigmas", Double.toString(costMargin.sigmas()));
        if (costShaping != null) {
            m.put("cost_shaping_horizon", Integer.toString(costShaping.horizon()));
            m.put("cost_shaping_alpha", Double.toString(costShaping.alpha()));
            m.put("cost_shaping_epochs", Integer.toString(costShaping.epochs()));
            m.put("cost_shaping_hidden", Integer.toString(costShaping.hiddenUnits()));
            m.put("cost_shaping_learning_rate", Double.toString(costShaping.learningRate()));
        }
        if (moreCostLimits.length > 0) { // absent for one constraint, so such checkpoints are as they always were
            m.put("more_cost_limits", Arrays.stream(moreCostLimits).mapToObj(Double::toString)
                    .collect(java.util.stream.Collectors.joining(",")));
        }
        return m;
    }

    /**
     * Parses {@link #toMap()}'s form; a missing or malformed entry is an error naming the key. Cost shaping is
     * off when its keys are absent, the task has one constraint when {@code more_cost_limits} is absent, the
     * baselines have no time feature when {@code time_horizon} is absent, and CPO has no margin when {@code cost_margin_rate} is absent (checkpoints written before these existed).
     */
    public static TrainConfig fromMap(Map<String, String> m) {
        TrustRegionConfig tr = new TrustRegionConfig(dbl(m, "max_kl"), integer(m, "cg_iterations"),
                dbl(m, "cg_residual_tolerance"), dbl(m, "damping"), dbl(m, "fisher_subsample"),
                dbl(m, "backtrack_ratio"), integer(m, "max_backtracks"));
        return new TrainConfig(str(m, "task"), Algorithm.parse(str(m, "algorithm")), longInteger(m, "seed"),
                integer(m, "iterations"), integer(m, "batch_size"), dbl(m, "cost_limit"), dbl(m, "gamma"),
                dbl(m, "lambda"), dbl(m, "cost_gamma"), dbl(m, "cost_lambda"), parseWidths(str(m, "policy_hidden")),
                parseWidths(str(m, "value_hidden")), dbl(m, "initial_std"), dbl(m, "value_learning_rate"),
                integer(m, "value_epochs"), integer(m, "value_minibatch"), tr, dbl(m, "pdo_learning_rate"),
                dbl(m, "pdo_initial_nu"), integer(m, "slots"), m.containsKey("cost_shaping_horizon")
                        ? new CostShaping(integer(m, "cost_shaping_horizon"), dbl(m, "cost_shaping_alpha"),
                                integer(m, "cost_shaping_epochs"), integer(m, "cost_shaping_hidden"),
                                dbl(m, "cost_shaping_learning_rate"))
                        : null,
                m.containsKey("time_horizon") ? integer(m, "time_horizon") : 0,
                m.containsKey("cost_margin_rate")
                        ? new CostMarginConfig(dbl(m, "cost_margin_rate"),
                                m.containsKey("cost_margin_sigmas") ? dbl(m, "cost_margin_sigmas") : 0.0)
                        : CostMarginConfig.OFF,
                m.containsKey("more_cost_limits") ? limits(m, "more_cost_limits") : new double[0]);
    }

    private static double[] limits(Map<String, String> m, String key) {
        try {
            return Arrays.stream(str(m, key).split(",")).mapToDouble(Double::parseDouble).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting '" + key + "' is not a list of numbers: " + m.get(key));
        }
    }

    /** "64,32" form of hidden widths. */
    public static String widths(int[] w) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < w.length; i++) {
            sb.append(i == 0 ? "" : ",").append(w[i]);
        }
        return sb.toString();
    }

    /** Parses "64,32" into widths, with a clear error. */
    public static int[] parseWidths(String s) {
        try {
            int[] w = Arrays.stream(s.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
            if (w.length == 0 || Arrays.stream(w).anyMatch(x -> x < 1)) {
                throw new NumberFormatException();
            }
            return w;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("hidden widths must look like 64,32 (got '" + s + "')");
        }
    }

    private static String str(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing setting '" + key + "'");
        }
        return v;
    }

    private static double dbl(Map<String, String> m, String key) {
        try {
            return Double.parseDouble(str(m, key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting '" + key + "' is not a number: " + m.get(key));
        }
    }

    private static long longInteger(Map<String, String> m, String key) {
        try {
            return Long.parseLong(str(m, key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting '" + key + "' is not an integer: " + m.get(key));
        }
    }

    private static int integer(Map<String, String> m, String key) {
        try {
            return Integer.parseInt(str(m, key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting '" + key + "' is not an integer: " + m.get(key));
        }
    }
}
