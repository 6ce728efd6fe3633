package org.cponode.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.cponode.task.TaskDefinition;
import org.cponode.task.TaskFile;
import org.cponode.world.Footprint;
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

    // A robot at rest that drives straight at full command ramps to 0.125 m/s in its first step (2.5 m/s^2 for
    // 0.05 s) and holds 0.22 m/s after: after n steps it has covered 0.00625 + 0.011 (n - 1) m along its heading.
    private static double covered(int steps) {
        return 0.00625 + 0.011 * (steps - 1);
    }

    private static final double[] STRAIGHT = {1.0, 0.0};
    private static final long SEED = 5;

    /** A probe task: the LDS without noise in a 4 x 4 m room, the robot starting within 1 mm of the origin. */
    private static TaskDefinition probe(String reward, String costs, String observation, String world) {
        return TaskFile.parse("""
                version: 1
                name: probe
                description: probe
                robot: {diffdrive: {}}
                episode_steps: 200
                start: [-0.001, -0.001, 0.001, 0.001]
                reward: %s
                costs: %s
                observation: {layout: probe/v1, %s}
                world: {room: [-2, -2, 2, 2], %s}
                sensor: {noise_sd: 0}
                """.formatted(reward, costs, observation, world), "probe.yaml");
    }

    /** Where a probe task's robot starts for {@link #SEED}: x, y and heading. */
    private static double[] startPose() {
        TaskFileEnvironment env = new TaskFileEnvironment(probe("{speed: {target: 0.1}}", "{speed: {limit: 1}}",
                "velocity: true", "goal: [-1, -1, 1, 1]"));
        env.reset(new SplittableRandom(SEED), new double[env.observationSize()]);
        return new double[] {env.x(), env.y(), env.yaw()};
    }

    /** The point {@code distance} m ahead of the start, as YAML's "x: X, y: Y". */
    private static String ahead(double[] start, double distance) {
        return "x: " + (start[0] + distance * Math.cos(start[2])) + ", y: " + (start[1] + distance * Math.sin(start[2]));
    }

    @Test
    void keepOutCostsExactlyTheStepsInsideTheZone() {
        double[] start = startPose();
        // A zone 0.1 m in radius 0.3 m ahead: the robot is inside from 0.2 m to 0.4 m, steps 19 to 36.
        TaskFileEnvironment env = new TaskFileEnvironment(probe("{speed: {target: 0.1}}", "{keep_out: {limit: 5}}",
                "velocity: true", "keep_out: [{" + ahead(start, 0.3) + ", radius: 0.1}]"));
        double[] costs = rollout(env, 40);
        for (int n = 1; n <= 40; n++) {
            assertEquals(n >= 19 && n <= 36 ? 1.0 : 0.0, costs[n], "step " + n + " at " + covered(n) + " m");
        }
    }

    @Test
    void proximityCostsFromTheScanAndTheRobotStopsAtContact() {
        double[] start = startPose();
        // An obstacle whose surface is 0.5 m ahead: the scan reads it below 0.2 m once the robot has covered more
        // than 0.3 m (step 28); its footprint (0.105 m) would touch at 0.395 m, so it stops at step 36's 0.39125 m.
        TaskFileEnvironment env = new TaskFileEnvironment(probe("{speed: {target: 0.1}}",
                "{proximity: {limit: 5, distance: 0.2}}", "velocity: true",
                "obstacles: [{" + ahead(start, 0.6) + ", radius: 0.1}]"));
        double[] costs = rollout(env, 60);
        for (int n = 1; n <= 60; n++) {
            assertEquals(n >= 28 ? 1.0 : 0.0, costs[n], "step " + n);
        }
        double travelled = Math.hypot(env.x() - start[0], env.y() - start[1]);
        assertEquals(covered(36), travelled, 1e-12, "stopped where the footprint would next touch the obstacle");
        assertEquals(Float.NEGATIVE_INFINITY, env.ranges()[0], "ray 0 looks straight ahead at the obstacle, "
                + (0.5 - covered(36)) + " m away, nearer than the LDS's range_min 0.12 m");
    }

    @Test
    void aWaypointPaysItsProgressAndBonusOnArrivalThenTheNextIsCurrent() {
        double[] start = startPose();
        // Waypoint 1 is 0.3 m ahead, reached within 0.05 m at step 24 (0.25925 m covered).
        String first = ahead(start, 0.3).replace("x: ", "[").replace(", y: ", ", ") + "]";
        TaskFileEnvironment env = new TaskFileEnvironment(probe(
                "{waypoints: {points: [" + first + ", [1.5, 1.5]], radius: 0.05, bonus: 2, progress_gain: 3}}",
                "{speed: {limit: 1}}", "goal: true", "goal: [-1, -1, 1, 1]"));
        SplittableRandom rng = new SplittableRandom(SEED);
        double[] obs = new double[env.observationSize()];
        StepOutcome out = new StepOutcome();
        env.reset(rng, obs);
        assertEquals(0.3, obs[0], 1e-12, "goal distance");
        assertEquals(1.0, obs[1], 1e-12, "the goal lies straight ahead: cos bearing 1");
        for (int n = 1; n <= 24; n++) {
            env.step(STRAIGHT, rng, obs, out);
            double progress = n == 1 ? covered(1) : covered(n) - covered(n - 1);
            assertEquals(3 * progress + (n == 24 ? 2 : 0), out.reward, 1e-9, "step " + n);
        }
        assertEquals(1.5, env.goalX(), 0.0, "waypoint 2 is current after the arrival");
        double dx = 1.5 - env.x();
        double dy = 1.5 - env.y();
        assertEquals(Math.hypot(dx, dy), obs[0], 1e-12);
        assertEquals(Math.cos(Math.atan2(dy, dx) - env.yaw()), obs[1], 1e-12);
        assertEquals(Math.sin(Math.atan2(dy, dx) - env.yaw()), obs[2], 1e-12);
    }

    private static double[] rollout(TaskFileEnvironment env, int steps) {
        SplittableRandom rng = new SplittableRandom(SEED);
        double[] obs = new double[env.observationSize()];
        StepOutcome out = new StepOutcome();
        env.reset(rng, obs);
        double[] costs = new double[steps + 1];
        for (int n = 1; n <= steps; n++) {
            env.step(STRAIGHT, rng, obs, out);
            costs[n] = out.cost;
        }
        return costs;
    }

    @Test
    void diffdriveGoalDrawsGoalsInFreeRoomAndBinsTheScanAsTheRayCasterSees() {
        TaskDefinition task = TaskFile.parse(readGoalFile().replace("noise_sd: 0.01", "noise_sd: 0.0"), "goal.yaml");
        TaskFileEnvironment env = new TaskFileEnvironment(task);
        RayCaster caster = new RayCaster(task.world());
        SplittableRandom rng = new SplittableRandom(3);
        double[] obs = new double[env.observationSize()];
        assertEquals(2 + 3 + 24 + 16, obs.length);
        int near = 0;
        for (int episode = 0; episode < 50; episode++) {
            env.reset(rng, obs);
            assertTrue(task.world().goal().orElseThrow().contains(env.goalX(), env.goalY()));
            assertFalse(task.world().inKeepOutZone(env.goalX(), env.goalY()));
            assertFalse(new Footprint(task.world(), task.robotRadius())
                    .touches(env.goalX(), env.goalY()), "a goal the robot can stand on");
            double[] expected = new double[24];
            Arrays.fill(expected, 1.0);
            for (int ray = 0; ray < 360; ray++) {
                double angle = env.yaw() + Math.toRadians(ray);
                double d = caster.distance(env.x(), env.y(), Math.cos(angle), Math.sin(angle), 3.5);
                // Nearer than range_min the LDS reads -inf, too close to measure: distance 0.
                double reading = d < 0.12 ? 0.0 : (float) d;
                expected[ray / 15] = Math.min(expected[ray / 15], Math.min(1.0, reading / 3.5));
            }
            assertArrayEquals(expected, Arrays.copyOfRange(obs, 5, 29), 1e-6, "episode " + episode);
            near += Arrays.stream(expected).anyMatch(bin -> bin < 0.2) ? 1 : 0;
        }
        assertTrue(near > 0, "some starts see an obstacle or wall within 0.7 m");
    }

    @Test
    void diffdriveGoalIsDeterministicPerSeed() {
        Environment a = Tasks.create(Tasks.DIFFDRIVE_GOAL);
        Environment b = Tasks.create(Tasks.DIFFDRIVE_GOAL);
        assertEquals(List.of("keep_out", "proximity"), a.constraintNames());
        SplittableRandom ra = new SplittableRandom(11);
        SplittableRandom rb = new SplittableRandom(11);
        double[] oa = new double[a.observationSize()];
        double[] ob = new double[b.observationSize()];
        StepOutcome ua = new StepOutcome();
        StepOutcome ub = new StepOutcome();
        a.reset(ra, oa);
        b.reset(rb, ob);
        double[] action = new double[2];
        for (int t = 0; t < 2000; t++) {
            action[0] = ra.nextDouble(-1, 1);
            action[1] = ra.nextDouble(-1, 1);
            rb.nextDouble(-1, 1);
            rb.nextDouble(-1, 1);
            a.step(action, ra, oa, ua);
            b.step(action, rb, ob, ub);
            assertArrayEquals(oa, ob, 0.0, "step " + t);
            assertEquals(ua.reward, ub.reward, 0.0);
            assertEquals(ua.cost, ub.cost, 0.0);
            assertEquals(ua.furtherCosts[0], ub.furtherCosts[0], 0.0);
            if (ua.done()) {
                a.reset(ra, oa);
                b.reset(rb, ob);
            }
        }
    }

    private static String readGoalFile() {
        try {
            return Files.readString(Path.of("config/tasks/diffdrive-goal.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
