package org.cponode.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PointGatherTest {

    /** Torso COM offset of the robot at the origin facing +x. */
    private static final double C = PointRobot.COM_OFFSET;
    private static final double[] FAR_APPLES = {-6, -6, -6, -4};
    private static final double[] FAR_BOMBS = {-6, 4, -4, 4, -4, -6, -4, -4, 4, -6, 4, -4, 4, 4, -6, 0};

    @Test
    void placementUsesTheGridAvoidsTheStartAndNeverRepeats() {
        PointGather env = new PointGather();
        SplittableRandom rng = new SplittableRandom(9);
        double[] obs = new double[29];
        Set<Double> seenX = new HashSet<>();
        for (int e = 0; e < 2_000; e++) {
            env.reset(rng, obs);
            Set<String> cells = new HashSet<>();
            for (int i = 0; i < 10; i++) {
                double x = env.objectX(i);
                double y = env.objectY(i);
                assertTrue(x >= -6 && x <= 4 && x % 2 == 0, "x " + x);
                assertTrue(y >= -6 && y <= 4 && y % 2 == 0, "y " + y);
                assertFalse(x == 0 && y == 0, "object on the start cell");
                assertTrue(cells.add(x + "," + y), "two objects on " + x + "," + y);
                seenX.add(x);
            }
        }
        // randint(-3, 3) * 2 reaches -6 but never 6
        assertEquals(Set.of(-6.0, -4.0, -2.0, 0.0, 2.0, 4.0), seenX);
    }

    @Test
    void applesArePlacedFirstFromTheSameDraws() {
        PointGather env = new PointGather();
        double[] obs = new double[29];
        env.reset(new SplittableRandom(77), obs);
        // Replay GatherEnv.reset's rejection sampling on the same stream: the first two accepted cells are apples.
        SplittableRandom replay = new SplittableRandom(77);
        Set<String> used = new HashSet<>();
        int placed = 0;
        while (placed < 10) {
            int x = 2 * replay.nextInt(-3, 3);
            int y = 2 * replay.nextInt(-3, 3);
            if (x * x + y * y < 4 || !used.add(x + "," + y)) {
                continue;
            }
            assertEquals(x, env.objectX(placed), 0);
            assertEquals(y, env.objectY(placed), 0);
            placed++;
        }
    }

    @Test
    void sensorsBinByAngleReadOneMinusDistanceOverRangeAndNearerWins() {
        PointGather env = new PointGather();
        double[] obs = new double[29];
        // Apples dead ahead at 4 and at 2: same bin 5 (angle 0), the nearer one wins.
        // Bombs: one ahead-left at (2, 2) (angle ~45 deg, bin 7), one ahead-right at (2, -2) (bin 2), one behind
        // (-2, 0), one beyond range at (6, 4) (distance ~7.2), the rest far behind.
        double[] apples = {4, 0, 2, 0};
        double[] bombs = {2, 2, 2, -2, -2, 0, 6, 4, -6, -6, -6, 4, -6, -4, -4, -6};
        env.resetTo(apples, bombs, obs);
        for (int b = 0; b < 10; b++) {
            double expected = b == 5 ? 1 - (2 - C) / 6 : 0.0;
            assertEquals(expected, obs[PointGather.APPLE_READINGS + b], 1e-12, "apple bin " + b);
        }
        double diagonal = Math.hypot(2 - C, 2);
        for (int b = 0; b < 10; b++) {
            double expected = (b == 7 || b == 2) ? 1 - diagonal / 6 : 0.0;
            assertEquals(expected, obs[PointGather.BOMB_READINGS + b], 1e-12, "bomb bin " + b);
        }
    }

    @Test
    void sensorsTurnWithTheHeading() {
        PointGather env = new PointGather();
        double[] obs = new double[29];
        // An apple at (0, 3) is at +90 deg, the edge of the span; after turning left 0.25 rad it is at about
        // 90 - 14.3 = 75.7 deg: bin int((75.7 + 90) / 18) = 9.
        env.resetTo(new double[] {0, 3, -6, -6}, FAR_BOMBS, obs);
        StepOutcome out = new StepOutcome();
        env.step(new double[] {0, 1}, new SplittableRandom(1), obs, out); // a full left turn: 0.25 rad
        double comX = C * Math.cos(0.25);
        double comY = C * Math.sin(0.25);
        double angle = Math.atan2(3 - comY, -comX) - 0.25;
        assertEquals(9, (int) ((angle + Math.PI / 2) / (Math.PI / 10)));
        assertEquals(1 - Math.hypot(comX, 3 - comY) / 6, obs[PointGather.APPLE_READINGS + 9], 1e-12);
        // Turning three more times puts it at about 33 deg: bin int(123 / 18) = 6.
        env.step(new double[] {0, 1}, new SplittableRandom(1), obs, out);
        env.step(new double[] {0, 1}, new SplittableRandom(1), obs, out);
        env.step(new double[] {0, 1}, new SplittableRandom(1), obs, out);
        for (int b = 0; b < 10; b++) {
            assertEquals(b == 6, obs[PointGather.APPLE_READINGS + b] > 0, "apple bin " + b);
        }
    }

    @Test
    void catchingAnAppleRewardsTenAndABombCostsOneAndPenalisesOne() {
        PointGather env = new PointGather();
        double[] obs = new double[29];
        StepOutcome out = new StepOutcome();
        SplittableRandom rng = new SplittableRandom(1);
        double[] forward = {1, 0};

        env.resetTo(new double[] {1.5, 0, -6, -6}, FAR_BOMBS, obs);
        env.step(forward, rng, obs, out);
        assertEquals(10.0, out.reward);
        assertEquals(0.0, out.cost);
        assertEquals(9, env.remainingObjects());
        assertEquals(0.0, obs[PointGather.APPLE_READINGS + 5], "a collected apple is no longer seen");

        double[] bombs = FAR_BOMBS.clone();
        bombs[0] = 1.5;
        bombs[1] = 0.5;
        env.resetTo(FAR_APPLES, bombs, obs);
        env.step(forward, rng, obs, out);
        assertEquals(-1.0, out.reward);
        assertEquals(1.0, out.cost);

        // An apple and two bombs in one step: 10 - 2 reward, cost still 1 (any bomb)
        bombs[2] = 1.0;
        bombs[3] = -0.5;
        env.resetTo(new double[] {1.2, 0.3, -6, -6}, bombs, obs);
        env.step(forward, rng, obs, out);
        assertEquals(8.0, out.reward);
        assertEquals(1.0, out.cost);
        assertEquals(7, env.remainingObjects());
    }

    @Test
    void catchRangeIsStrict() {
        PointGather env = new PointGather();
        double[] obs = new double[29];
        StepOutcome out = new StepOutcome();
        // After one step of 1 along +x the COM is at (1 + C, 0): an apple exactly 1 to its left (squared distance
        // exactly 1.0 in floating point) is not caught, one slightly nearer is.
        env.resetTo(new double[] {1 + C, 1.0, -6, -6}, FAR_BOMBS, obs);
        env.step(new double[] {1, 0}, new SplittableRandom(1), obs, out);
        assertEquals(0.0, out.reward);
        env.resetTo(new double[] {1 + C, 1.0 - 1e-9, -6, -6}, FAR_BOMBS, obs);
        env.step(new double[] {1, 0}, new SplittableRandom(1), obs, out);
        assertEquals(10.0, out.reward);
    }

    @Test
    void collectingEverythingIsTerminalAndFifteenStepsTruncate() {
        PointGather env = new PointGather();
        double[] obs = new double[29];
        StepOutcome out = new StepOutcome();
        SplittableRandom rng = new SplittableRandom(1);
        double[] apples = {1.2, 0.1, 1.2, -0.1};
        double[] bombs = new double[16];
        for (int i = 0; i < 8; i++) {
            bombs[2 * i] = 1.0 + 0.05 * i;
            bombs[2 * i + 1] = 0.2;
        }
        env.resetTo(apples, bombs, obs);
        env.step(new double[] {1, 0}, rng, obs, out);
        assertTrue(out.terminal);
        assertFalse(out.truncated);
        assertEquals(20.0 - 8.0, out.reward);
        assertEquals(0, env.remainingObjects());
        assertThrows(IllegalStateException.class, () -> env.step(new double[] {0, 0}, rng, obs, out));

        env.resetTo(FAR_APPLES, FAR_BOMBS, obs);
        for (int t = 1; t <= 15; t++) {
            env.step(new double[] {0, 0.1}, rng, obs, out);
            assertEquals(t == 15, out.truncated, "step " + t);
            assertFalse(out.terminal);
        }
        assertThrows(IllegalStateException.class, () -> env.step(new double[] {0, 0}, rng, obs, out));
    }

    @Test
    void robotStaysInsideTheActivityRange() {
        PointGather env = new PointGather();
        double[] obs = new double[29];
        StepOutcome out = new StepOutcome();
        SplittableRandom rng = new SplittableRandom(1);
        env.resetTo(FAR_APPLES, FAR_BOMBS, obs);
        for (int t = 0; t < 10; t++) {
            env.step(new double[] {1, 0}, rng, obs, out);
        }
        assertEquals(6.0, obs[0], 0);
    }

    @Test
    void layoutAndBufferErrorsAreClear() {
        PointGather env = new PointGather();
        assertThrows(IllegalArgumentException.class, () -> env.resetTo(new double[2], new double[16], new double[29]));
        assertThrows(IllegalArgumentException.class, () -> env.reset(new SplittableRandom(1), new double[28]));
        assertThrows(IllegalStateException.class,
                () -> env.step(new double[2], new SplittableRandom(1), new double[29], new StepOutcome()));
        assertEquals(29, env.observationSize());
    }
}
