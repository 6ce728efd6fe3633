package org.cponode.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.cponode.task.TaskDefinition;
import org.cponode.task.TaskFile;
import org.cponode.world.RangeBins;
import org.cponode.world.RayCaster;
import org.junit.jupiter.api.Test;

/**
 * The environments task files define: config/tasks/diffdrive-circle.yaml and -2c.yaml are today's tasks step for
 * step, and diffdrive-goal's reward, costs and observation are what hand computation gives on chosen poses.
 */
class TaskFileEnvironmentTest {

    private static final int EPISODES = 3;

    private static TaskDefinition file(String name) {
        return TaskFile.read(Path.of("config/tasks/" + name + ".yaml"));
    }

    @Test
    void diffdriveCircleFileIsTheRegisteredTaskStepForStep() {
        compare(new TaskFileEnvironment(file("diffdrive-circle")), new DiffDriveCircle());
        assertEquals(Tasks.spec(Tasks.DIFFDRIVE_CIRCLE), Tasks.specOf(file("diffdrive-circle")));
    }

    @Test
    void diffdriveCircle2cFileIsTheRegisteredTaskStepForStep() {
        compare(new TaskFileEnvironment(file("diffdrive-circle-2c")), DiffDriveCircle.withSpeedConstraint());
        assertEquals(Tasks.spec(Tasks.DIFFDRIVE_CIRCLE_2C), Tasks.specOf(file("diffdrive-circle-2c")));
    }

    /** Seeded episodes of random actions give bit-identical observations, rewards and costs in both. */
    private static void compare(Environment fromFile, Environment registered) {
        assertEquals(registered.constraintNames(), fromFile.constraintNames());
        assertEquals(registered.observationSize(), fromFile.observationSize());
        SplittableRandom a = new SplittableRandom(7);
        SplittableRandom b = new SplittableRandom(7);
        SplittableRandom actions = new SplittableRandom(8);
        double[] obsA = new double[fromFile.observationSize()];
        double[] obsB = new double[registered.observationSize()];
        double[] action = new double[2];
        StepOutcome outA = new StepOutcome();
        StepOutcome outB = new StepOutcome();
        int costly = 0;
        for (int e = 0; e < EPISODES; e++) {
            fromFile.reset(a, obsA);
            registered.reset(b, obsB);
            assertArrayEquals(obsB, obsA, 0.0, "reset of episode " + e);
            for (int t = 0; !outB.done() || t == 0; t++) {
                // Mostly forward and nearly straight, so the robot leaves the corridor and costs show.
                action[0] = actions.nextDouble(0.2, 1.0);
                action[1] = actions.nextDouble(-0.2, 0.2);
                fromFile.step(action, a, obsA, outA);
                registered.step(action, b, obsB, outB);
                String at = "episode " + e + " step " + t;
                assertArrayEquals(obsB, obsA, 0.0, at);
                assertEquals(outB.reward, outA.reward, 0.0, at);
                assertEquals(outB.cost, outA.cost, 0.0, at);
                assertArrayEquals(outB.furtherCosts, outA.furtherCosts, 0.0, at);
                assertEquals(outB.truncated, outA.truncated, at);
                costly += outB.cost > 0 || outB.furtherCosts[0] > 0 ? 1 : 0;
            }
            outB.clear();
        }
        assertTrue(costly > 0, "the rollouts include costly steps, so the costs are compared where they are 1");
    }
}
