package org.cponode.bench;

import org.cponode.sim.Environment;
import org.cponode.sim.StepOutcome;
import org.cponode.sim.Tasks;

import java.util.SplittableRandom;

/** Single-threaded simulator throughput, for the {@code bench} command. */
public final class SimBenchmark {

    /** Steps run before timing so the JIT has compiled the step loop. */
    private static final long WARM_UP_STEPS = 200_000;
    /** Seed of the action stream, so repeated runs step through the same episodes. */
    private static final long SEED = 12345;

    /** Written after each run so the JIT cannot drop the simulated work. */
    private static volatile double sink;

    private SimBenchmark() {}

    /**
     * Steps task {@code task} {@code steps} times with uniformly random actions within the actuator range
     * from a seeded stream, resetting at each episode end, and returns the rate. A warm-up of up to
     * {@value #WARM_UP_STEPS} untimed steps comes first. The time includes drawing the actions and the resets.
     *
     * @param task a name from {@link Tasks#names()}
     * @param steps timed steps, >= 1
     * @return environment steps per second of wall-clock time
     * @throws IllegalArgumentException for an unknown task or {@code steps < 1}
     */
    public static double stepsPerSecond(String task, long steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("benchmark needs at least 1 step, got " + steps);
        }
        Environment environment = Tasks.create(task);
        SplittableRandom rng = new SplittableRandom(SEED);
        double[] observation = new double[environment.observationSize()];
        double[] action = new double[environment.actionSize()];
        double[] low = new double[action.length];
        double[] high = new double[action.length];
        for (int i = 0; i < action.length; i++) {
            low[i] = environment.actionLow(i);
            high[i] = environment.actionHigh(i);
        }
        StepOutcome outcome = new StepOutcome();
        environment.reset(rng, observation);
        run(environment, rng, observation, action, low, high, outcome, Math.min(steps, WARM_UP_STEPS));
        long start = System.nanoTime();
        double total = run(environment, rng, observation, action, low, high, outcome, steps);
        long elapsed = System.nanoTime() - start;
        sink = total;
        return steps / (Math.max(elapsed, 1) * 1e-9);
    }

    private static double run(Environment environment, SplittableRandom rng, double[] observation, double[] action,
            double[] low, double[] high, StepOutcome outcome, long steps) {
        double total = 0;
        for (long s = 0; s < steps; s++) {
            for (int i = 0; i < action.length; i++) {
                action[i] = rng.nextDouble(low[i], high[i]);
            }
            environment.step(action, rng, observation, outcome);
            total += outcome.reward + observation[0];
            if (outcome.done()) {
                environment.reset(rng, observation);
            }
        }
        return total;
    }
}
