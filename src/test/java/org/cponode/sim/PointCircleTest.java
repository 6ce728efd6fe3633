package org.cponode.sim;

import org.cponode.task.CircleGeometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PointCircleTest {

    @Test
    void circleRewardAndCostAtKnownPoints() {
        CircleGeometry g = CircleGeometry.POINT;
        // On the circle, moving counter-clockwise at speed 1: R = r * 1 / (1 + 0)
        assertEquals(15.0, g.reward(15, 0, 0, 1), 1e-12);
        assertEquals(15.0, g.reward(0, 15, -1, 0), 1e-12);
        // Clockwise is penalised symmetrically
        assertEquals(-15.0, g.reward(15, 0, 0, -1), 1e-12);
        // 5 off the circle: 20 / (1 + 5)
        assertEquals(20.0 / 6.0, g.reward(20, 0, 0, 1), 1e-12);
        // Radial motion earns nothing
        assertEquals(0.0, g.reward(15, 0, 1, 0), 1e-12);
        assertEquals(0.0, g.cost(2.5));
        assertEquals(0.0, g.cost(-2.5));
        assertEquals(1.0, g.cost(2.5000001));
        assertEquals(1.0, g.cost(-3.0));
    }

    @Test
    void stepMatchesHandComputedDynamicsRewardAndCost() {
        PointCircle env = new PointCircle();
        SplittableRandom rng = new SplittableRandom(11);
        double[] obs = new double[PointCircle.OBSERVATION_SIZE];
        env.reset(rng, obs);
        double x = obs[0];
        double y = obs[1];
        double theta = obs[2];
        assertEquals(-1.0, obs[PointCircle.TIME], "the episode starts at time -1");
        assertEquals(Math.cos(theta), obs[PointCircle.HEADING_COS], 0);
        assertEquals(Math.sin(theta), obs[PointCircle.HEADING_COS + 1], 0);
        int step = 0;
        StepOutcome out = new StepOutcome();
        // normalised actions: the turn component is scaled by 0.25 rad; both are clipped to [-1, 1] first
        double[][] actions = {{1, 1}, {1, 1}, {0.3, -0.4}, {2, 4}};
        for (double[] a : actions) {
            double a0 = Math.min(1, a[0]);
            double a1 = 0.25 * Math.min(1, a[1]);
            theta += a1;
            double dx = Math.cos(theta) * a0;
            double dy = Math.sin(theta) * a0;
            x += dx;
            y += dy;
            env.step(a, rng, obs, out);
            assertEquals(x, obs[0], 1e-12);
            assertEquals(y, obs[1], 1e-12);
            assertEquals(theta, obs[2], 1e-15);
            assertEquals(Math.cos(obs[2]), obs[PointCircle.HEADING_COS], 0, "the heading as cos and sin");
            assertEquals(Math.sin(obs[2]), obs[PointCircle.HEADING_COS + 1], 0);
            assertEquals(dx, obs[3], 1e-12);
            assertEquals(dy, obs[4], 1e-12);
            assertEquals(a1, obs[5], 0);
            double expectedReward = (-y * dx + x * dy) / (1 + Math.abs(Math.hypot(x, y) - 15));
            assertEquals(expectedReward, out.reward, 1e-12);
            assertEquals(Math.abs(x) > 2.5 ? 1.0 : 0.0, out.cost);
            assertFalse(out.terminal);
            step++;
            assertEquals(2.0 * step / 64 - 1, obs[PointCircle.TIME], 1e-15, "time since the start over the longest horizon");
        }
        // After three forward steps of about 1 the robot is outside |x| <= 2.5: that step cost 1.
        assertTrue(x > 2.5);
        assertEquals(1.0, out.cost);
    }

    @Test
    void horizonIsUniformOn50To64AndTruncatesThere() {
        PointCircle env = new PointCircle();
        SplittableRandom rng = new SplittableRandom(5);
        double[] obs = new double[PointCircle.OBSERVATION_SIZE];
        int[] counts = new int[65];
        int episodes = 15_000;
        for (int e = 0; e < episodes; e++) {
            env.reset(rng, obs);
            counts[env.horizon()]++;
        }
        for (int h = 0; h < 65; h++) {
            if (h < 50) {
                assertEquals(0, counts[h], "horizon " + h);
            } else {
                // expected 1000 each; binomial std ~31, so +-150 fails only on a real bias
                assertEquals(1000, counts[h], 150, "horizon " + h);
            }
        }
        StepOutcome out = new StepOutcome();
        double[] action = {0.5, 0.1};
        for (int e = 0; e < 20; e++) {
            env.reset(rng, obs);
            int steps = 0;
            do {
                env.step(action, rng, obs, out);
                steps++;
            } while (!out.done());
            assertEquals(env.horizon(), steps);
            assertTrue(out.truncated);
            assertFalse(out.terminal);
            assertThrows(IllegalStateException.class, () -> env.step(action, rng, obs, out));
        }
    }

    @Test
    void sameSeedSameEpisodes() {
        double[] a = rollout(42);
        double[] b = rollout(42);
        double[] c = rollout(43);
        assertArrayEquals(a, b, 0);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    private static double[] rollout(long seed) {
        PointCircle env = new PointCircle();
        SplittableRandom rng = new SplittableRandom(seed);
        double[] obs = new double[PointCircle.OBSERVATION_SIZE];
        int row = PointCircle.OBSERVATION_SIZE + 2;
        double[] trace = new double[200 * row];
        StepOutcome out = new StepOutcome();
        double[] action = new double[2];
        env.reset(rng, obs);
        for (int t = 0; t < 200; t++) {
            action[0] = rng.nextDouble(-1.5, 1.5);
            action[1] = rng.nextDouble(-0.5, 0.5);
            env.step(action, rng, obs, out);
            System.arraycopy(obs, 0, trace, t * row, PointCircle.OBSERVATION_SIZE);
            trace[t * row + PointCircle.OBSERVATION_SIZE] = out.reward;
            trace[t * row + PointCircle.OBSERVATION_SIZE + 1] = out.cost;
            if (out.done()) {
                env.reset(rng, obs);
            }
        }
        return trace;
    }

    @Test
    void shortBuffersAndNonFiniteActionsFailClearly() {
        PointCircle env = new PointCircle();
        SplittableRandom rng = new SplittableRandom(1);
        assertThrows(IllegalArgumentException.class, () -> env.reset(rng, new double[9]));
        double[] obs = new double[PointCircle.OBSERVATION_SIZE];
        env.reset(rng, obs);
        StepOutcome out = new StepOutcome();
        assertThrows(IllegalArgumentException.class, () -> env.step(new double[1], rng, obs, out));
        assertThrows(IllegalArgumentException.class, () -> env.step(new double[] {Double.NaN, 0}, rng, obs, out));
        assertEquals(12, env.observationSize(), "rllab's 9, the time, cos and sin of the heading");
        assertEquals(2, env.actionSize());
        assertEquals(-1.0, env.actionLow(0));
        assertEquals(1.0, env.actionHigh(1), "actions are normalised");
    }
}
