package org.cponode.learn;


import java.util.SplittableRandom;
import org.cponode.parallel.WorkerPool;
import org.cponode.nn.GaussianPolicy;
import org.cponode.nn.Mlp;
import org.cponode.nn.ValueFunction;

/**
 * Measures one CPO update on synthetic data of a chosen shape, split into the policy step and the baseline
 * fits, plus Fisher-vector-product throughput. The data are random but well-formed (actions sampled from the
 * policy, paths of about 50 steps, a cost rate near the limit), so every stage does its real work.
 */
public final class UpdateBenchmark {

    private UpdateBenchmark() {}

    /** The workload. */
    public record Shape(int samples, int observationSize, int[] hidden, int cgIterations, double fisherSubsample,
            int valueEpochs, int valueMinibatch) {}

    /**
     * Timings of one update (median over repetitions), in seconds.
     *
     * @param fvpSeconds one Fisher-vector product on the configured subsample
     * @param fvpGflops FLOP rate of the Fisher-vector product (2 FLOPs per multiply-add of the JVP and VJP)
     */
    public record Timing(double policySeconds, double valueSeconds, double fvpSeconds, double fvpGflops, int cpoCase) {
        public double totalSeconds() {
            return policySeconds + valueSeconds;
        }
    }

    /** Multiply-adds of one JVP plus one VJP per sample: weight terms everywhere, input terms after layer 1. */
    public static long fvpMultiplyAddsPerSample(Mlp mlp) {
        long macs = 0;
        for (int l = 1; l <= mlp.layers(); l++) {
            long w = (long) mlp.width(l - 1) * mlp.width(l);
            macs += w * (l == 1 ? 2 : 4);
        }
        return macs;
    }

    /** Runs the update {@code repetitions} times on one synthetic batch and reports the medians. */
    public static Timing run(Shape shape, WorkerPool pool, int repetitions) {
        SplittableRandom rng = new SplittableRandom(42);
        GaussianPolicy policy = new GaussianPolicy(shape.observationSize(), shape.hidden(), 2);
        double[] theta = new double[policy.parameterCount()];
        policy.initialize(theta, rng, 1.0);
        Batch batch = syntheticBatch(policy, theta, shape.samples(), rng);
        TrustRegionConfig tr = new TrustRegionConfig(0.01, shape.cgIterations(), 1e-10, 1e-5, shape.fisherSubsample(), 0.8, 15);
        Cpo cpo = new Cpo(policy, tr, pool);
        ValueFunction vr = new ValueFunction(shape.observationSize(), shape.hidden(), 1e-3, rng.split(), pool);
        ValueFunction vc = new ValueFunction(shape.observationSize(), shape.hidden(), 1e-3, rng.split(), pool);
        double costLimit = batch.meanEpisodeCost() * 0.9;
        Gae.compute(batch.rewards, batch.values, batch.pathStart, batch.paths(), 0.995, 0.95, batch.advantages, batch.returns);
        Gae.compute(batch.costs, batch.costValues, batch.pathStart, batch.paths(), 1.0, 1.0, batch.costAdvantages, batch.costReturns);

        double[] policyTimes = new double[repetitions];
        double[] valueTimes = new double[repetitions];
        int kase = -1;
        for (int rep = 0; rep < repetitions; rep++) {
            double[] params = theta.clone();
            long t0 = System.nanoTime();
            kase = cpo.update(batch, params, costLimit, new SplittableRandom(rep)).cpoCase();
            long t1 = System.nanoTime();
            int n = batch.size();
            pool.run(2, i -> {
                SplittableRandom r = new SplittableRandom(i);
                if (i == 0) {
                    vr.fit(batch.obs, batch.returns, n, shape.valueEpochs(), shape.valueMinibatch(), r);
                } else {
                    vc.fit(batch.obs, batch.costReturns, n, shape.valueEpochs(), shape.valueMinibatch(), r);
                }
            });
            long t2 = System.nanoTime();
            policyTimes[rep] = (t1 - t0) * 1e-9;
            valueTimes[rep] = (t2 - t1) * 1e-9;
        }

        Surrogates s = new Surrogates(policy, pool, 1e-5);
        s.prepare(batch, theta, shape.fisherSubsample(), new SplittableRandom(3));
        double[] v = theta.clone();
        double[] out = new double[v.length];
        for (int i = 0; i < 5; i++) {
            s.apply(v, out);
        }
        int reps = Math.max(5, (int) (2_000_000L / Math.max(1, shape.samples())));
        double[] fvp = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            s.apply(v, out);
            fvp[i] = (System.nanoTime() - t0) * 1e-9;
        }
        double fvpSeconds = median(fvp);
        int rows = Math.max(1, (int) Math.round(shape.fisherSubsample() * batch.size()));
        double flops = 2.0 * fvpMultiplyAddsPerSample(policy.meanNetwork()) * rows;
        return new Timing(median(policyTimes), median(valueTimes), fvpSeconds, flops / fvpSeconds * 1e-9, kase);
    }

    private static double median(double[] a) {
        double[] c = a.clone();
        java.util.Arrays.sort(c);
        return c[c.length / 2];
    }

    /** Random observations, policy-sampled actions, paths of 40..60 steps, rewards ~ N(0,1), 10 % cost steps. */
    static Batch syntheticBatch(GaussianPolicy policy, double[] theta, int rows, SplittableRandom rng) {
        int o = policy.observationSize();
        int a = policy.actionSize();
        Batch b = new Batch(o, a);
        double[] mean = new double[a];
        double[] scratch = new double[policy.scratchSize()];
        double[] one = new double[o];
        double[] sample = new double[a];
        int remaining = rows;
        while (remaining > 0) {
            int len = Math.min(remaining, 40 + rng.nextInt(21));
            double[] obs = new double[len * o];
            double[] act = new double[len * a];
            double[] logp = new double[len];
            double[] rewards = new double[len];
            double[] costs = new double[len];
            for (int t = 0; t < len; t++) {
                for (int j = 0; j < o; j++) {
                    one[j] = rng.nextGaussian();
                }
                logp[t] = policy.sample(theta, one, rng, mean, sample, scratch);
                System.arraycopy(one, 0, obs, t * o, o);
                System.arraycopy(sample, 0, act, t * a, a);
                rewards[t] = rng.nextGaussian() + 0.3 * sample[0];
                costs[t] = rng.nextDouble() < 0.1 + 0.05 * Math.tanh(sample[1]) ? 1 : 0;
            }
            b.appendPath(obs, obs, act, logp, rewards, costs, len, 0);
            remaining -= len;
        }
        return b;
    }
}
