package org.cponode.learn;

import java.util.Map;
import java.util.SplittableRandom;
import org.cponode.math.Vectors;
import org.cponode.parallel.WorkerPool;
import org.cponode.nn.Adam;
import org.cponode.nn.GaussianPolicy;
import org.cponode.nn.RunningNormalizer;
import org.cponode.nn.ValueFunction;

/**
 * One learning agent: the policy, its observation normaliser, the reward and cost baselines and the update
 * rule. {@link #learn} turns a batch of complete episodes into one policy update, in the order of the
 * reference implementation: advantages from baselines fitted on the previous batch, the policy
 * step, then the baselines refitted on this batch, then the normaliser updated with this batch.
 *
 * <p>With {@link TrainConfig#costShaping()} set, a {@link CostShaper} first shapes the batch's costs with the
 * failure predictor fitted on earlier batches ({@code C+} drives the cost advantages and {@code Jhat_C}) and is
 * refitted on this batch after the baselines. Without it, nothing of this runs and the update is unchanged.
 *
 * <p>With {@link TrainConfig#timeHorizon()} set, both baselines see, after the normalised observation, the
 * time since the episode (or the robot's cost window) began. The policy does not: its inputs are what the robot
 * observes. The baselines need it because the cost still to come in a fixed-length episode depends on how much of
 * the episode is left, which no observation shows; without it the cost baseline's error is noise in the cost
 * advantages, and the constraint gradient, rescaled by the mean path length, carries that noise into CPO's
 * predicted cost change. A baseline may depend on anything but the action, so the policy gradient stays unbiased.
 *
 * <p>A config with several cost limits ({@link TrainConfig#constraints()} &gt; 1) gives every constraint its own
 * cost baseline, GAE and limit; the batches must carry as many costs.
 *
 * <p>Used both by offline training on the simulator and by the robot's online updater.
 */
public final class Learner {

    private final TrainConfig config;
    private final GaussianPolicy policy;
    private final double[] params;
    private final RunningNormalizer normalizer;
    private final ValueFunction rewardValue;
    private final ValueFunction costValue;
    /** Cost baselines of constraints 2..m. */
    private final ValueFunction[] moreCostValues;
    private final PolicyUpdater updater;
    private final CostShaper shaper;
    private final WorkerPool pool;
    /** Baseline input rows (observation, then the time feature) when the config has a time horizon. */
    private double[] baselineInputs = new double[0];

    /** What one call to {@link #learn} did. */
    public record Result(UpdateResult update, double valueLoss, double costValueLoss, double entropy,
            double updateSeconds, double valueSeconds) {}

    /** A fresh learner initialised from the config's seed. */
    public Learner(TrainConfig config, int observationSize, int actionSize, WorkerPool pool) {
        this.config = config;
        this.pool = pool;
        this.policy = new GaussianPolicy(observationSize, config.policyHidden(), actionSize);
        this.params = new double[policy.parameterCount()];
        SplittableRandom init = new SplittableRandom(config.seed());
        policy.initialize(params, init.split(), config.initialStd());
        this.normalizer = new RunningNormalizer(observationSize);
        int baselineInputSize = observationSize + (config.timeHorizon() > 0 ? 1 : 0);
        this.rewardValue = new ValueFunction(baselineInputSize, config.valueHidden(), config.valueLearningRate(),
                init.split(), pool);
        this.costValue = new ValueFunction(baselineInputSize, config.valueHidden(), config.valueLearningRate(),
                init.split(), pool);
        // Split after the baselines' streams, so that switching shaping on leaves every other initial value alone.
        this.shaper = config.costShaping() == null ? null
                : new CostShaper(config.costShaping(), observationSize, init.split(), pool);
        // Split after everything a one-constraint learner draws, so that its initial values stay as they were.
        int m = config.constraints();
        this.moreCostValues = new ValueFunction[m - 1];
        for (int i = 0; i < m - 1; i++) {
            moreCostValues[i] = new ValueFunction(baselineInputSize, config.valueHidden(), config.valueLearningRate(),
                    init.split(), pool);
        }
        this.updater = switch (config.algorithm()) {
            case CPO -> new Cpo(policy, config.trustRegion(), pool, config.costMargin().create(), config.costMargin(), m);
            case TRPO -> new Trpo(policy, config.trustRegion(), pool);
            case PDO -> new Pdo(policy, config.trustRegion(), pool, config.pdoLearningRate(), config.pdoInitialNu(), m);
            case PID -> new TrpoPid(policy, config.trustRegion(), pool, PidLagrangianConfig.OMNISAFE, m);
        };
    }

    public TrainConfig config() {
        return config;
    }

    public GaussianPolicy policy() {
        return policy;
    }

    /** The live policy parameters. */
    public double[] params() {
        return params;
    }

    /** The live observation normaliser. */
    public RunningNormalizer normalizer() {
        return normalizer;
    }

    /** The cost shaper, or null when the config has no cost shaping. */
    public CostShaper costShaper() {
        return shaper;
    }

    /**
     * Marks that the next batch comes from another system than the last one (a robot after the simulator), so
     * that nothing compares their costs (CPO's margin learns from consecutive batches).
     */
    public void continueOnAnotherSystem() {
        updater.forgetBatchHistory();
    }

    /** The update rule's state (PDO's multiplier, CPO's margin). */
    public double[] algorithmState() {
        return updater.state();
    }

    /**
     * Updates the policy from one batch of complete episodes sampled with the current parameters and
     * normaliser, then refits the baselines and the normaliser on it.
     *
     * @param batch observations must be normalised with {@link #normalizer()} as it was during collection.
     *     Its value and advantage channels are overwritten.
     * @param rng random stream for Fisher subsampling and baseline minibatches. Modified.
     */
    public Result learn(Batch batch, SplittableRandom rng) {
        return learn(batch, config.costLimits(), rng);
    }

    /**
     * As {@link #learn(Batch, SplittableRandom)} with the constraint limit {@code costLimit} instead of the
     * config's, for callers whose limit changes between updates (a start-safe budget on a robot).
     *
     * @param costLimit d for this update, finite and >= 0
     */
    public Result learn(Batch batch, double costLimit, SplittableRandom rng) {
        return learn(batch, new double[] {costLimit}, rng);
    }

    /**
     * As {@link #learn(Batch, double, SplittableRandom)} with one limit per constraint of the config.
     *
     * @param costLimits {@code d_i} for this update, each finite and >= 0
     */
    public Result learn(Batch batch, double[] costLimits, SplittableRandom rng) {
        int m = config.constraints();
        if (costLimits.length != m || batch.constraints() != m) {
            throw new IllegalArgumentException("the learner has " + m + " constraints, got " + costLimits.length
                    + " limits and a batch with " + batch.constraints());
        }
        for (double costLimit : costLimits) {
            if (!(costLimit >= 0) || !Double.isFinite(costLimit)) {
                throw new IllegalArgumentException("cost limit must be finite and >= 0, got " + costLimit);
            }
        }
        int n = batch.size();
        if (n == 0 || batch.paths() == 0) {
            throw new IllegalArgumentException("no complete episode in the batch: the update is deferred");
        }
        long t0 = System.nanoTime();
        double[] inputs = baselineInputs(batch);
        rewardValue.predict(inputs, n, batch.values);
        costValue.predict(inputs, n, batch.costValues);
        Gae.compute(batch.rewards, batch.values, batch.pathStart, batch.paths(), config.gamma(), config.lambda(),
                batch.advantages, batch.returns);
        if (shaper != null) {
            shaper.shape(batch);
        }
        Gae.compute(batch.constraintCostSteps(), batch.costValues, batch.pathStart, batch.paths(), config.costGamma(),
                config.costLambda(), batch.costAdvantages, batch.costReturns);
        for (int i = 1; i < m; i++) {
            moreCostValues[i - 1].predict(inputs, n, batch.costValues(i));
            Gae.compute(batch.costSteps(i), batch.costValues(i), batch.pathStart, batch.paths(), config.costGamma(),
                    config.costLambda(), batch.costAdvantages(i), batch.costReturns(i));
        }
        UpdateResult update = updater.update(batch, params, costLimits, rng);
        if (!Vectors.allFinite(params)) {
            throw new IllegalStateException("policy parameters became non-finite; the update is a bug or the data is bad");
        }
        long t1 = System.nanoTime();
        double[] losses = new double[1 + m];
        long fitSeed = rng.nextLong();
        pool.run(1 + m, i -> {
            SplittableRandom fitRng = new SplittableRandom(fitSeed + i);
            ValueFunction vf = i == 0 ? rewardValue : i == 1 ? costValue : moreCostValues[i - 2];
            double[] target = i == 0 ? batch.returns : batch.costReturns(i - 1);
            losses[i] = vf.fit(inputs, target, n, config.valueEpochs(), config.valueMinibatch(), fitRng);
        });
        if (shaper != null) {
            shaper.fit(batch);
        }
        updateNormalizer(batch.rawObs, n);
        long t2 = System.nanoTime();
        return new Result(update, losses[0], losses[1], policy.entropy(params), (t1 - t0) * 1e-9, (t2 - t1) * 1e-9);
    }

    /**
     * The baselines' input rows: the batch's normalised observations, followed, with a time horizon H, by
     * {@code 2 t / H - 1} for the step t since the episode began (-1 at its start, 1 after H steps).
     */
    private double[] baselineInputs(Batch batch) {
        int horizon = config.timeHorizon();
        if (horizon == 0) {
            return batch.obs;
        }
        int o = batch.observationSize();
        int width = o + 1;
        int n = batch.size();
        if (baselineInputs.length < n * width) {
            baselineInputs = new double[n * width];
        }
        for (int p = 0; p < batch.paths(); p++) {
            for (int row = batch.pathStart[p]; row < batch.pathStart[p + 1]; row++) {
                System.arraycopy(batch.obs, row * o, baselineInputs, row * width, o);
                baselineInputs[row * width + o] = 2.0 * batch.stepInEpisode(p, row) / horizon - 1.0;
            }
        }
        return baselineInputs;
    }

    /**
     * Folds a batch into the observation normaliser and rewrites the first layers of the policy and both
     * baselines so that they compute exactly what they computed before: the statistics move, the functions do
     * not, and the next update's trust region is not spent on a change of input scaling.
     */
    private void updateNormalizer(double[] rawObs, int n) {
        double[] oldMean = normalizer.mean();
        double[] oldStd = normalizer.scale();
        normalizer.update(rawObs, n);
        double[] newMean = normalizer.mean();
        double[] newStd = normalizer.scale();
        policy.meanNetwork().reparameterizeInput(params, 0, oldMean, oldStd, newMean, newStd);
        rewardValue.reparameterizeInput(oldMean, oldStd, newMean, newStd);
        costValue.reparameterizeInput(oldMean, oldStd, newMean, newStd);
        for (ValueFunction more : moreCostValues) {
            more.reparameterizeInput(oldMean, oldStd, newMean, newStd);
        }
        if (shaper != null) {
            shaper.reparameterizeInput(oldMean, oldStd, newMean, newStd);
        }
    }

    /** Adds the learner's arrays (policy, normaliser, baselines with optimiser states, algorithm state). */
    public void saveArrays(Map<String, double[]> arrays) {
        arrays.put("policy", params.clone());
        arrays.put("normalizer.mean", normalizer.mean());
        arrays.put("normalizer.var", normalizer.variance());
        arrays.put("normalizer.count", new double[] {normalizer.count()});
        saveValue("value", rewardValue, arrays);
        saveValue("cost_value", costValue, arrays);
        for (int i = 0; i < moreCostValues.length; i++) {
            saveValue("cost_value_" + (i + 2), moreCostValues[i], arrays);
        }
        arrays.put("algorithm.state", updater.state());
        if (shaper != null) {
            shaper.saveArrays(arrays);
        }
    }

    /** Restores everything {@link #saveArrays} wrote; shapes must match this learner's config. */
    public void restore(Checkpoint ck) {
        System.arraycopy(ck.array("policy", params.length), 0, params, 0, params.length);
        int o = normalizer.size();
        normalizer.restore(ck.array("normalizer.mean", o), ck.array("normalizer.var", o),
                ck.array("normalizer.count", 1)[0]);
        restoreValue("value", rewardValue, ck);
        restoreValue("cost_value", costValue, ck);
        for (int i = 0; i < moreCostValues.length; i++) {
            restoreValue("cost_value_" + (i + 2), moreCostValues[i], ck);
        }
        updater.restoreState(ck.array("algorithm.state", -1));
        if (shaper != null) {
            shaper.restore(ck);
        }
    }

    private static void saveValue(String name, ValueFunction vf, Map<String, double[]> arrays) {
        arrays.put(name + ".params", vf.parameters().clone());
        arrays.put(name + ".target", new double[] {vf.targetMean(), vf.targetStd()});
        Adam adam = vf.optimizer();
        arrays.put(name + ".adam.m", adam.firstMoment().clone());
        arrays.put(name + ".adam.v", adam.secondMoment().clone());
        arrays.put(name + ".adam.steps", new double[] {adam.steps()});
    }

    private static void restoreValue(String name, ValueFunction vf, Checkpoint ck) {
        int p = vf.parameters().length;
        double[] target = ck.array(name + ".target", 2);
        vf.restore(ck.array(name + ".params", p), target[0], target[1]);
        vf.optimizer().restore(ck.array(name + ".adam.m", p), ck.array(name + ".adam.v", p),
                (long) ck.array(name + ".adam.steps", 1)[0]);
    }
}
