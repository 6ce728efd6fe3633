package org.cponode.sim;

import org.cponode.task.DiffDriveTask;

import org.cponode.task.CircleGeometry;
import org.cponode.task.DiffDriveModel;
import org.cponode.task.DiffDriveObservation;
import org.cponode.task.VelocityLimiter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DiffDriveCircleTest {

    private static final DiffDriveModel M = DiffDriveModel.BURGER;
    private static final CircleGeometry G = CircleGeometry.ROOM;
    private static final double DT = 0.05;

    /**
     * The action that commands forward speed {@code v} (m/s) and yaw rate {@code omega} (rad/s) on {@link #M}:
     * actions are fractions of the model's velocity limits, so the physical expectations of the tests stay put.
     */
    static double[] actionFor(double v, double omega) {
        return new double[] {v / M.maxLinearVelocity(), omega / M.maxAngularVelocity()};
    }

    @Test
    void randomActionsNeverExceedVelocityOrAccelerationLimits() {
        DiffDriveCircle env = new DiffDriveCircle();
        SplittableRandom rng = new SplittableRandom(2);
        double[] obs = new double[10];
        StepOutcome out = new StepOutcome();
        double[] action = new double[2];
        env.reset(rng, obs);
        double prevV = 0;
        double prevW = 0;
        for (int t = 0; t < 20_000; t++) {
            // Up to about 9x (v) and 7x (omega) the limits, so most commands must be clipped
            action[0] = rng.nextDouble(-2, 2) / M.maxLinearVelocity();
            action[1] = rng.nextDouble(-20, 20) / M.maxAngularVelocity();
            double x0 = env.x();
            double y0 = env.y();
            env.step(action, rng, obs, out);
            double v = env.linearVelocity();
            double w = env.angularVelocity();
            assertTrue(Math.abs(v) <= M.maxLinearVelocity(), "v " + v);
            assertTrue(Math.abs(w) <= M.maxAngularVelocity(), "omega " + w);
            assertTrue(Math.abs(v - prevV) <= M.maxLinearAcceleration() * DT + 1e-12, "linear acceleration");
            assertTrue(Math.abs(w - prevW) <= M.maxAngularAcceleration() * DT + 1e-12, "angular acceleration");
            assertTrue(Math.hypot(env.x() - x0, env.y() - y0) <= M.maxLinearVelocity() * DT + 1e-12);
            assertTrue(Math.abs(obs[DiffDriveObservation.LINEAR_VELOCITY]) <= 1.0);
            assertTrue(Math.abs(obs[DiffDriveObservation.ANGULAR_VELOCITY]) <= 1.0);
            prevV = v;
            prevW = w;
            if (out.done()) {
                env.reset(rng, obs);
                prevV = 0;
                prevW = 0;
            }
        }
    }

    @Test
    void constantCommandDrivesAnExactArcAfterTheRamp() {
        DiffDriveCircle env = new DiffDriveCircle();
        SplittableRandom rng = new SplittableRandom(3);
        double[] obs = new double[10];
        StepOutcome out = new StepOutcome();
        env.reset(rng, obs);
        double[] action = actionFor(0.2, 1.0);
        // v reaches 0.2 in 2 steps (0.125 per step), omega reaches 1.0 in 7 steps (0.16 per step)
        for (int t = 0; t < 7; t++) {
            env.step(action, rng, obs, out);
        }
        assertEquals(0.2, env.linearVelocity(), 0);
        assertEquals(1.0, env.angularVelocity(), 0);
        double radius = 0.2 / 1.0;
        double cx = env.x() - radius * Math.sin(env.yaw());
        double cy = env.y() + radius * Math.cos(env.yaw());
        double yaw0 = env.yaw();
        for (int k = 1; k <= 100; k++) {
            env.step(action, rng, obs, out);
            double yaw = yaw0 + 1.0 * DT * k;
            assertEquals(cx + radius * Math.sin(yaw), env.x(), 1e-12);
            assertEquals(cy - radius * Math.cos(yaw), env.y(), 1e-12);
        }
    }

    @Test
    void actionsAreFractionsOfTheModelsVelocityLimits() {
        // A model other than BURGER too, so the limits must come from the argument, not from a constant
        DiffDriveModel other = new DiffDriveModel(0.05, 0.3, 0.02, 0.3, 0.3, 0.2, 5, 0.2, 0.5, 4.0, 1.0, 6.0, 10.0);
        for (DiffDriveModel model : new DiffDriveModel[] {M, other}) {
            double v = model.maxLinearVelocity();
            double w = model.maxAngularVelocity();
            assertEquals(v, DiffDriveTask.linearCommand(model, 1), 0);
            assertEquals(-v, DiffDriveTask.linearCommand(model, -1), 0);
            assertEquals(0.5 * v, DiffDriveTask.linearCommand(model, 0.5), 0);
            assertEquals(0.0, DiffDriveTask.linearCommand(model, 0), 0);
            assertEquals(v, DiffDriveTask.linearCommand(model, 1.0001), 0);
            assertEquals(-v, DiffDriveTask.linearCommand(model, -37), 0);
            assertEquals(w, DiffDriveTask.angularCommand(model, 1), 0);
            assertEquals(-w, DiffDriveTask.angularCommand(model, -1), 0);
            assertEquals(-0.5 * w, DiffDriveTask.angularCommand(model, -0.5), 0);
            assertEquals(w, DiffDriveTask.angularCommand(model, 12), 0);
            assertEquals(-w, DiffDriveTask.angularCommand(model, -1.5), 0);
        }

        // Through the task: full actions reach the limits, and actions beyond +-1 drive exactly the same motion
        DiffDriveCircle full = new DiffDriveCircle();
        DiffDriveCircle beyond = new DiffDriveCircle();
        double[] obs = new double[10];
        StepOutcome out = new StepOutcome();
        SplittableRandom rngFull = new SplittableRandom(4);
        SplittableRandom rngBeyond = new SplittableRandom(4);
        full.reset(rngFull, obs);
        beyond.reset(rngBeyond, obs);
        // omega needs 18 steps at 0.16 rad/s per step to reach 2.84 rad/s
        for (int t = 0; t < 20; t++) {
            full.step(new double[] {1, -1}, rngFull, obs, out);
            beyond.step(new double[] {5, -3.5}, rngBeyond, obs, out);
            assertTrue(full.x() == beyond.x() && full.y() == beyond.y() && full.yaw() == beyond.yaw(), "step " + t);
        }
        assertEquals(M.maxLinearVelocity(), full.linearVelocity(), 0);
        assertEquals(-M.maxAngularVelocity(), full.angularVelocity(), 0);
        assertEquals(M.maxLinearVelocity(), beyond.linearVelocity(), 0);
        assertEquals(-M.maxAngularVelocity(), beyond.angularVelocity(), 0);

        // Half actions give half speed once the acceleration limits have let the robot get there
        DiffDriveCircle half = new DiffDriveCircle();
        SplittableRandom rng = new SplittableRandom(5);
        half.reset(rng, obs);
        double[] halfAction = {0.5, -0.5};
        half.step(halfAction, rng, obs, out);
        assertEquals(0.11, half.linearVelocity(), 0, "0.11 m/s is within one step's 0.125 m/s");
        assertEquals(-M.maxAngularAcceleration() * DT, half.angularVelocity(), 1e-15, "omega is still ramping");
        for (int t = 2; t <= 9; t++) {
            half.step(halfAction, rng, obs, out);
        }
        // 1.42 rad/s takes 9 steps of at most 0.16 rad/s
        assertEquals(0.11, half.linearVelocity(), 0);
        assertEquals(-1.42, half.angularVelocity(), 0);
        assertEquals(-1.42, obs[DiffDriveObservation.ANGULAR_VELOCITY] * M.maxAngularVelocity(), 1e-15);
    }

    @Test
    void nominalTaskIsLimiterPlusExactUnicycleAndMatchesUnrandomisedRanges() {
        DiffDriveCircle env = new DiffDriveCircle();
        DiffDriveCircle none = DiffDriveCircle.randomized(DiffDriveDynamics.Ranges.NONE);
        SplittableRandom rng = new SplittableRandom(21);
        SplittableRandom rngNone = new SplittableRandom(21);
        double[] obs = new double[10];
        double[] obsNone = new double[10];
        double[] expected = new double[10];
        StepOutcome out = new StepOutcome();
        StepOutcome outNone = new StepOutcome();
        SplittableRandom actions = new SplittableRandom(99);
        double[] action = new double[2];
        for (int episode = 0; episode < 3; episode++) {
            env.reset(rng, obs);
            none.reset(rngNone, obsNone);
            double[] pose = {env.x(), env.y(), env.yaw()};
            assertEquals(0.0, env.linearVelocity());
            assertTrue(Math.abs(pose[0]) <= 0.25 && Math.abs(pose[1]) <= 0.25);
            VelocityLimiter limiter = VelocityLimiter.forModel(M);
            DiffDriveObservation.write(G, M, pose[0], pose[1], pose[2], 0, 0, expected, 0);
            assertExactlyEqual(expected, obs);
            assertExactlyEqual(expected, obsNone);
            do {
                // Beyond the limits on both channels now and then, so clipping is part of what must match
                action[0] = actions.nextDouble(-0.3, 0.3) / M.maxLinearVelocity();
                action[1] = actions.nextDouble(-4, 4) / M.maxAngularVelocity();
                env.step(action, rng, obs, out);
                none.step(action, rngNone, obsNone, outNone);
                // An action is a fraction of the limit; the limiter's own clamp covers |action| > 1
                limiter.update(action[0] * M.maxLinearVelocity(), action[1] * M.maxAngularVelocity(), DT);
                Unicycle.integrate(pose, limiter.linear(), limiter.angular(), DT);
                DiffDriveObservation.write(G, M, pose[0], pose[1], pose[2], limiter.linear(), limiter.angular(),
                        expected, 0);
                assertExactlyEqual(expected, obs);
                assertExactlyEqual(expected, obsNone);
                double reward = G.reward(pose[0], pose[1], limiter.linear() * Math.cos(pose[2]),
                        limiter.linear() * Math.sin(pose[2]));
                assertTrue(reward == out.reward && reward == outNone.reward, "reward");
                assertTrue(G.cost(pose[0]) == out.cost && out.cost == outNone.cost, "cost");
                assertEquals(out.truncated, outNone.truncated);
            } while (!out.done());
        }
        assertEquals(rng.nextLong(), rngNone.nextLong(), "both consumed the same random numbers");
    }

    /** Numerical equality (0.0 == -0.0), the sense in which nominal dynamics must reproduce the plain task. */
    private static void assertExactlyEqual(double[] expected, double[] actual) {
        for (int i = 0; i < expected.length; i++) {
            assertTrue(expected[i] == actual[i], "entry " + i + ": " + expected[i] + " vs " + actual[i]);
        }
    }

    @Test
    void rewardAndCostAtKnownPoses() {
        // On the circle at (1.5, 0) heading +y at 0.22 m/s: R = 1.5 * 0.22 / (1 + 0)
        assertEquals(0.33, DiffDriveTask.reward(G, 1.5, 0, Math.PI / 2, 0.22), 1e-12);
        // Same but 0.5 m outside the circle: damped by 1 + 0.5
        assertEquals(2.0 * 0.22 / 1.5, DiffDriveTask.reward(G, 2.0, 0, Math.PI / 2, 0.22), 1e-12);
        // Reversing along the same line runs clockwise
        assertEquals(-0.33, DiffDriveTask.reward(G, 1.5, 0, Math.PI / 2, -0.22), 1e-12);
        assertEquals(0.0, DiffDriveTask.cost(G, 0.5));
        assertEquals(1.0, DiffDriveTask.cost(G, -0.51));
    }

    @Test
    void stepRewardAndCostUseTheTruePostStepState() {
        DiffDriveCircle env = new DiffDriveCircle();
        SplittableRandom rng = new SplittableRandom(5);
        double[] obs = new double[10];
        StepOutcome out = new StepOutcome();
        env.reset(rng, obs);
        boolean sawCost = false;
        for (int t = 0; t < 400; t++) {
            env.step(actionFor(0.22, 0.3), rng, obs, out);
            assertEquals(DiffDriveTask.reward(G, env.x(), env.y(), env.yaw(), env.linearVelocity()), out.reward, 0);
            assertEquals(G.cost(env.x()), out.cost, 0);
            sawCost |= out.cost == 1.0;
        }
        assertTrue(sawCost, "a 0.73 m circle leaves the 0.5 m corridor");
    }

    @Test
    void speedCostChargesFastStepsWithinTwentyCentimetresOfTheEdgeOrBeyond() {
        assertEquals(0.0, DiffDriveTask.speedCost(G, 0.3, 0.22), "the band starts past 0.3 m");
        assertEquals(1.0, DiffDriveTask.speedCost(G, 0.31, 0.16));
        assertEquals(1.0, DiffDriveTask.speedCost(G, -0.31, 0.16), "either side of the corridor");
        assertEquals(1.0, DiffDriveTask.speedCost(G, 0.7, 0.16), "beyond the edge as well");
        assertEquals(1.0, DiffDriveTask.speedCost(G, 0.4, -0.16), "reversing counts too");
        assertEquals(0.0, DiffDriveTask.speedCost(G, 0.4, 0.15), "0.15 m/s itself is allowed");
        assertEquals(0.0, DiffDriveTask.speedCost(G, 0.0, 0.22), "fast in the middle is free");
    }

    @Test
    void theTwoConstraintTaskAddsTheSpeedCostFromTheTrueStateAndKeepsEverythingElse() {
        DiffDriveCircle plain = new DiffDriveCircle();
        DiffDriveCircle two = DiffDriveCircle.withSpeedConstraint();
        assertEquals(java.util.List.of("outside"), plain.constraintNames());
        assertEquals(java.util.List.of("outside", "speed"), two.constraintNames());
        SplittableRandom rngPlain = new SplittableRandom(7);
        SplittableRandom rngTwo = new SplittableRandom(7);
        double[] obsPlain = new double[10];
        double[] obsTwo = new double[10];
        StepOutcome outPlain = new StepOutcome();
        StepOutcome outTwo = new StepOutcome();
        plain.reset(rngPlain, obsPlain);
        two.reset(rngTwo, obsTwo);
        int speedSteps = 0;
        for (int t = 0; t < 400; t++) {
            double[] action = actionFor(t % 100 < 50 ? 0.22 : 0.1, 0.3);
            plain.step(action, rngPlain, obsPlain, outPlain);
            two.step(action, rngTwo, obsTwo, outTwo);
            assertArrayEquals(obsPlain, obsTwo, 0);
            assertEquals(outPlain.reward, outTwo.reward, 0);
            assertEquals(outPlain.cost, outTwo.cost, 0);
            assertEquals(0.0, outPlain.furtherCosts[0]);
            assertEquals(DiffDriveTask.speedCost(G, two.x(), two.linearVelocity()), outTwo.furtherCosts[0], 0);
            speedSteps += (int) outTwo.furtherCosts[0];
        }
        assertTrue(speedSteps > 0 && speedSteps < 400, "fast near the edge some of the time: " + speedSteps);
    }

    @Test
    void episodesLast400StepsAndStartAtRestInTheBox() {
        DiffDriveCircle env = new DiffDriveCircle();
        SplittableRandom rng = new SplittableRandom(6);
        double[] obs = new double[10];
        StepOutcome out = new StepOutcome();
        double minYaw = 10;
        double maxYaw = -10;
        for (int e = 0; e < 5; e++) {
            env.reset(rng, obs);
            assertTrue(Math.abs(env.x()) <= 0.25 && Math.abs(env.y()) <= 0.25);
            assertEquals(0.0, obs[DiffDriveObservation.LINEAR_VELOCITY]);
            assertEquals(0.0, obs[DiffDriveObservation.ANGULAR_VELOCITY]);
            minYaw = Math.min(minYaw, env.yaw());
            maxYaw = Math.max(maxYaw, env.yaw());
            for (int t = 1; t <= 400; t++) {
                env.step(actionFor(0.1, 0.5), rng, obs, out);
                assertEquals(t == 400, out.truncated);
                assertFalse(out.terminal);
            }
            assertThrows(IllegalStateException.class, () -> env.step(new double[2], rng, obs, out));
        }
        assertTrue(minYaw >= -Math.PI && maxYaw < Math.PI && maxYaw - minYaw > 1.0, "headings spread out");
    }

    @Test
    void sameSeedSameEpisodesEvenWithRandomisation() {
        assertArrayEquals(rollout(7, false), rollout(7, false), 0);
        assertArrayEquals(rollout(7, true), rollout(7, true), 0);
        assertFalse(java.util.Arrays.equals(rollout(7, true), rollout(8, true)));
        assertFalse(java.util.Arrays.equals(rollout(7, false), rollout(7, true)));
    }

    private static double[] rollout(long seed, boolean randomise) {
        DiffDriveCircle env = randomise ? DiffDriveCircle.randomized(DiffDriveDynamicsTest.WIDE) : new DiffDriveCircle();
        SplittableRandom rng = new SplittableRandom(seed);
        double[] obs = new double[10];
        StepOutcome out = new StepOutcome();
        double[] trace = new double[1000 * 12];
        env.reset(rng, obs);
        for (int t = 0; t < 1000; t++) {
            env.step(actionFor(rng.nextDouble(-0.3, 0.3), rng.nextDouble(-3, 3)), rng, obs, out);
            System.arraycopy(obs, 0, trace, 12 * t, 10);
            trace[12 * t + 10] = out.reward;
            trace[12 * t + 11] = out.cost;
            if (out.done()) {
                env.reset(rng, obs);
            }
        }
        return trace;
    }

    @Test
    void badActionsFailClearly() {
        DiffDriveCircle env = new DiffDriveCircle();
        SplittableRandom rng = new SplittableRandom(1);
        double[] obs = new double[10];
        env.reset(rng, obs);
        StepOutcome out = new StepOutcome();
        assertThrows(IllegalArgumentException.class, () -> env.step(new double[] {Double.NaN, 0}, rng, obs, out));
        assertThrows(IllegalArgumentException.class, () -> env.step(new double[1], rng, obs, out));
        assertThrows(IllegalArgumentException.class, () -> env.reset(rng, new double[9]));
        assertEquals(1.0, env.actionHigh(0));
        assertEquals(-1.0, env.actionLow(1));
        assertThrows(IndexOutOfBoundsException.class, () -> env.actionHigh(2));
        assertThrows(IndexOutOfBoundsException.class, () -> env.actionLow(-1));
        assertThrows(IllegalArgumentException.class, () -> new DiffDriveCircle(null));
        DiffDriveCircle broken = new DiffDriveCircle(r -> null);
        assertThrows(IllegalStateException.class, () -> broken.reset(rng, obs));
    }
}
