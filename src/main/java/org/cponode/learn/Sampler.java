package org.cponode.learn;

import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.cponode.parallel.WorkerPool;
import org.cponode.nn.GaussianPolicy;
import org.cponode.nn.RunningNormalizer;
import org.cponode.sim.Environment;
import org.cponode.sim.StepOutcome;

/**
 * Collects a batch of complete episodes from the embedded simulator with the current stochastic policy.
 *
 * <p>The batch is split over a fixed number of <em>slots</em>, each with its own environment instance and a
 * random stream derived from (seed, iteration, slot). Slots run in parallel on the worker pool, write only
 * their own buffers, and are concatenated in slot order, so a seed gives the same batch whatever the thread
 * count or timing. Each slot runs whole episodes until it has at least its share of samples, so every
 * episode in the batch is complete and the cost estimate {@code Jhat_C} is unbiased by cut-off paths.
 */
public final class Sampler {

    private final GaussianPolicy policy;
    private final WorkerPool pool;
    private final Slot[] slots;

    /**
     * @param environments makes one environment per slot
     * @param slotCount number of parallel slots (fixed for reproducibility, independent of the thread count)
     */
    public Sampler(Supplier<Environment> environments, GaussianPolicy policy, int slotCount, WorkerPool pool) {
        if (slotCount < 1) {
            throw new IllegalArgumentException("slotCount must be >= 1");
        }
        this.policy = policy;
        this.pool = pool;
        this.slots = new Slot[slotCount];
        for (int i = 0; i < slotCount; i++) {
            slots[i] = new Slot(environments.get(), policy);
            if (slots[i].env.observationSize() != policy.observationSize()
                    || slots[i].env.actionSize() != policy.actionSize()) {
                throw new IllegalArgumentException("environment and policy sizes differ");
            }
            if (slots[i].env.constraints() != slots[0].env.constraints()) {
                throw new IllegalArgumentException("the environments declare different numbers of constraints");
            }
        }
    }

    /** The random stream of one slot in one iteration: independent streams from one seed. */
    static SplittableRandom slotRandom(long seed, int iteration, int slot) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ (iteration * 0xC2B2AE3D27D4EB4FL) ^ (slot + 1L) * 0x165667B19E3779F9L);
    }

    /**
     * Runs the policy for at least {@code samples} steps in total and fills {@code batch}.
     *
     * @param params policy parameters. Not modified.
     * @param normalizer observation normaliser, read only during collection
     * @param batch receives the samples, paths and episode sums. Modified.
     */
    public void collect(double[] params, RunningNormalizer normalizer, int samples, long seed, int iteration,
            Batch batch) {
        int quota = (samples + slots.length - 1) / slots.length;
        pool.run(slots.length, i -> slots[i].run(params, normalizer, quota, slotRandom(seed, iteration, i)));
        int total = 0;
        int paths = 0;
        for (Slot s : slots) {
            total += s.size;
            paths += s.paths;
        }
        if (batch.constraints() != slots[0].env.constraints()) {
            throw new IllegalArgumentException("the batch has " + batch.constraints() + " constraints, the task "
                    + slots[0].env.constraints());
        }
        batch.resize(total, paths);
        int o = policy.observationSize();
        int a = policy.actionSize();
        int row = 0;
        int path = 0;
        for (Slot s : slots) {
            System.arraycopy(s.obs, 0, batch.obs, row * o, s.size * o);
            System.arraycopy(s.rawObs, 0, batch.rawObs, row * o, s.size * o);
            System.arraycopy(s.actions, 0, batch.actions, row * a, s.size * a);
            System.arraycopy(s.rewards, 0, batch.rewards, row, s.size);
            System.arraycopy(s.costs, 0, batch.costs, row, s.size);
            System.arraycopy(s.logProbs, 0, batch.logProbs, row, s.size);
            for (int k = 0; k < s.more; k++) {
                System.arraycopy(s.moreCosts[k], 0, batch.moreCosts[k], row, s.size);
                System.arraycopy(s.moreEpisodeCost[k], 0, batch.moreEpisodeCost[k], path, s.paths);
            }
            for (int p = 0; p < s.paths; p++) {
                batch.pathStart[path] = row + s.pathStart[p];
                batch.pathFirstStep[path] = 0;
                batch.episodeReturn[path] = s.episodeReturn[p];
                batch.episodeCost[path] = s.episodeCost[p];
                path++;
            }
            row += s.size;
        }
        batch.pathStart[paths] = total;
    }

    /** One environment with its own growable buffers. */
    private static final class Slot {
        final Environment env;
        final GaussianPolicy policy;
        final StepOutcome outcome = new StepOutcome();
        final double[] raw;
        final double[] normalized;
        final double[] mean;
        final double[] action;
        final double[] scratch;
        /** The task's constraints beyond the first, whose costs the {@code more*} buffers hold. */
        final int more;
        double[][] moreCosts;
        double[][] moreEpisodeCost;
        double[] obs = new double[0];
        double[] rawObs = new double[0];
        double[] actions = new double[0];
        double[] rewards = new double[0];
        double[] costs = new double[0];
        double[] logProbs = new double[0];
        int[] pathStart = new int[16];
        double[] episodeReturn = new double[16];
        double[] episodeCost = new double[16];
        int size;
        int paths;

        Slot(Environment env, GaussianPolicy policy) {
            this.env = env;
            this.policy = policy;
            raw = new double[env.observationSize()];
            normalized = new double[env.observationSize()];
            mean = new double[env.actionSize()];
            action = new double[env.actionSize()];
            scratch = new double[policy.scratchSize()];
            more = env.constraints() - 1;
            moreCosts = new double[more][0];
            moreEpisodeCost = new double[more][16];
        }

        void run(double[] params, RunningNormalizer normalizer, int quota, SplittableRandom rng) {
            size = 0;
            paths = 0;
            int o = raw.length;
            int a = action.length;
            while (size < quota) {
                if (paths + 1 >= pathStart.length) {
                    pathStart = java.util.Arrays.copyOf(pathStart, pathStart.length * 2);
                    episodeReturn = java.util.Arrays.copyOf(episodeReturn, pathStart.length);
                    episodeCost = java.util.Arrays.copyOf(episodeCost, pathStart.length);
                    for (int k = 0; k < more; k++) {
                        moreEpisodeCost[k] = java.util.Arrays.copyOf(moreEpisodeCost[k], pathStart.length);
                    }
                }
                for (int k = 0; k < more; k++) {
                    moreEpisodeCost[k][paths] = 0;
                }
                pathStart[paths] = size;
                double ret = 0;
                double cost = 0;
                env.reset(rng, raw);
                do {
                    ensure(size + 1, o, a);
                    normalizer.normalize(raw, 0, normalized, 0);
                    double logp = policy.sample(params, normalized, rng, mean, action, scratch);
                    System.arraycopy(raw, 0, rawObs, size * o, o);
                    System.arraycopy(normalized, 0, obs, size * o, o);
                    System.arraycopy(action, 0, actions, size * a, a);
                    logProbs[size] = logp;
                    outcome.clear();
                    env.step(action, rng, raw, outcome);
                    rewards[size] = outcome.reward;
                    costs[size] = outcome.cost;
                    ret += outcome.reward;
                    cost += outcome.cost;
                    for (int k = 0; k < more; k++) {
                        moreCosts[k][size] = outcome.furtherCosts[k];
                        moreEpisodeCost[k][paths] += outcome.furtherCosts[k];
                    }
                    size++;
                } while (!outcome.done());
                episodeReturn[paths] = ret;
                episodeCost[paths] = cost;
                paths++;
            }
        }

        private void ensure(int rows, int o, int a) {
            if (rewards.length >= rows) {
                return;
            }
            int cap = Math.max(rows, Math.max(1024, rewards.length * 2));
            obs = java.util.Arrays.copyOf(obs, cap * o);
            rawObs = java.util.Arrays.copyOf(rawObs, cap * o);
            actions = java.util.Arrays.copyOf(actions, cap * a);
            rewards = java.util.Arrays.copyOf(rewards, cap);
            costs = java.util.Arrays.copyOf(costs, cap);
            logProbs = java.util.Arrays.copyOf(logProbs, cap);
            for (int k = 0; k < more; k++) {
                moreCosts[k] = java.util.Arrays.copyOf(moreCosts[k], cap);
            }
        }
    }
}
