package org.cponode.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.cponode.Allocations;
import org.junit.jupiter.api.Test;

/** The rollout hot path allocates nothing: many steps (with resets) after warm-up cost no heap. */
class AllocationTest {

    private static final int STEPS = 200_000;

    @Test
    void stepsAllocateNothing() {
        for (String name : Tasks.names()) {
            Environment env = Tasks.create(name);
            SplittableRandom rng = new SplittableRandom(1);
            double[] obs = new double[env.observationSize()];
            double[] action = new double[env.actionSize()];
            StepOutcome out = new StepOutcome();
            env.reset(rng, obs);
            run(env, rng, obs, action, out); // warm-up, so JIT compilation is done
            long allocated = Allocations.fewest(3, 1024, () -> run(env, rng, obs, action, out));
            // 1 KiB over 200,000 steps: anything per step (>= 16 bytes) would be megabytes.
            assertTrue(allocated < 1024, name + " allocated " + allocated + " bytes in " + STEPS + " steps");
        }
    }

    @Test
    void randomisedDiffDriveStepsAllocateNothing() {
        // Fixed non-nominal dynamics exercise latency, noise, drift, jitter and slip without per-episode sampling.
        DiffDriveDynamics perturbed = new DiffDriveDynamics(0.7, 1.1, 0.01, -0.05, 0.9, 0.8, 2, 0.03, 0.01, 0.1, 0.1);
        Environment env = new DiffDriveCircle(r -> perturbed);
        SplittableRandom rng = new SplittableRandom(1);
        double[] obs = new double[env.observationSize()];
        double[] action = new double[env.actionSize()];
        StepOutcome out = new StepOutcome();
        env.reset(rng, obs);
        run(env, rng, obs, action, out);
        long allocated = Allocations.fewest(3, 1024, () -> run(env, rng, obs, action, out));
        assertTrue(allocated < 1024, "randomised diffdrive allocated " + allocated + " bytes");
    }

    private static void run(Environment env, SplittableRandom rng, double[] obs, double[] action, StepOutcome out) {
        for (int t = 0; t < STEPS; t++) {
            for (int i = 0; i < action.length; i++) {
                action[i] = rng.nextDouble(env.actionLow(i), env.actionHigh(i));
            }
            env.step(action, rng, obs, out);
            if (out.done()) {
                env.reset(rng, obs);
            }
        }
    }
}
