package org.cponode.learn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.cponode.parallel.WorkerPool;
import org.cponode.sim.Environment;
import org.cponode.sim.StepOutcome;
import org.cponode.sim.Tasks;

/**
 * Times one CPO update against its number of constraints m, for the {@code bench} command: training runs on
 * Point-Circle whose corridor constraint is joined by m - 1 that the policy's actions control directly, so
 * that every constraint has a gradient and the update does all its per-constraint work (a conjugate-gradient
 * solve per constraint, the m x m dual, the line search's m cost surrogates).
 */
public final class ConstraintBenchmark {

    /** Each further constraint's limit per episode: about half of what the initial policy pays. */
    private static final double FURTHER_LIMIT = 8.0;
    /** An action component beyond this (in the direction its constraint watches) costs 1. */
    private static final double THRESHOLD = 0.5;

    private ConstraintBenchmark() {}

    /**
     * Timings of one run.
     *
     * @param constraints m
     * @param updateSeconds median wall-clock of the policy update (CPO's step, baselines excluded) over the
     *     timed iterations
     * @param sampleSeconds median wall-clock of sampling a batch, for scale
     */
    public record Timing(int constraints, double updateSeconds, double sampleSeconds) {}

    /**
     * Trains CPO with {@code m} constraints for {@code iterations} updates of {@code batchSize} samples and
     * reports the medians over all but the first (JIT warm-up) update.
     *
     * @param m constraints, 1 to {@link StepOutcome#MAX_CONSTRAINTS}
     * @param iterations >= 2
     */
    public static Timing run(int m, int batchSize, int iterations, WorkerPool pool) {
        if (m < 1 || m > StepOutcome.MAX_CONSTRAINTS || iterations < 2) {
            throw new IllegalArgumentException("need 1 <= m <= " + StepOutcome.MAX_CONSTRAINTS
                    + " and >= 2 iterations, got " + m + " and " + iterations);
        }
        double[] limits = new double[m];
        Arrays.fill(limits, FURTHER_LIMIT);
        limits[0] = Tasks.spec(Tasks.POINT_CIRCLE).costLimit();
        TrainConfig config = TrainConfig.defaults(Tasks.spec(Tasks.POINT_CIRCLE)).withBatchSize(batchSize)
                .withIterations(iterations).withCostLimits(limits);
        Trainer trainer = new Trainer(config, () -> new FurtherConstraints(m - 1),
                Tasks.spec(Tasks.POINT_CIRCLE).observationLayout(), pool);
        double[] update = new double[iterations - 1];
        double[] sample = new double[iterations - 1];
        for (int i = 0; i < iterations; i++) {
            Trainer.Iteration it = trainer.runIteration();
            if (i > 0) {
                update[i - 1] = it.result().updateSeconds();
                sample[i - 1] = it.sampleSeconds();
            }
        }
        return new Timing(m, median(update), median(sample));
    }

    private static double median(double[] a) {
        double[] c = a.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    /**
     * Point-Circle with {@code further} more constraints: constraint k + 1 charges 1 for a step whose action
     * component {@code k mod 2} lies beyond {@link #THRESHOLD} on the side {@code k / 2} alternates, so that
     * no two of the first four watch the same thing.
     */
    static final class FurtherConstraints implements Environment {
        private final Environment inner = Tasks.create(Tasks.POINT_CIRCLE);
        private final int further;
        private final List<String> names;

        FurtherConstraints(int further) {
            this(names(further));
        }

        /** @param names the corridor constraint's name, then one per further constraint */
        FurtherConstraints(List<String> names) {
            this.further = names.size() - 1;
            this.names = List.copyOf(names);
        }

        private static List<String> names(int further) {
            List<String> n = new ArrayList<>(List.of("cost"));
            for (int k = 0; k < further; k++) {
                n.add("action" + (k + 1));
            }
            return n;
        }

        @Override
        public List<String> constraintNames() {
            return names;
        }

        @Override
        public int observationSize() {
            return inner.observationSize();
        }

        @Override
        public int actionSize() {
            return inner.actionSize();
        }

        @Override
        public double actionLow(int i) {
            return inner.actionLow(i);
        }

        @Override
        public double actionHigh(int i) {
            return inner.actionHigh(i);
        }

        @Override
        public void reset(SplittableRandom rng, double[] observation) {
            inner.reset(rng, observation);
        }

        @Override
        public void step(double[] action, SplittableRandom rng, double[] observation, StepOutcome outcome) {
            inner.step(action, rng, observation, outcome);
            for (int k = 0; k < further; k++) {
                double a = action[k % action.length] * ((k / action.length) % 2 == 0 ? 1 : -1);
                outcome.furtherCosts[k] = a > THRESHOLD ? 1 : 0;
            }
        }
    }
}
