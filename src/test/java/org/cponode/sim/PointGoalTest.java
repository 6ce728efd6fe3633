package org.cponode.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.cponode.task.PseudoLidar;
import org.junit.jupiter.api.Test;

class PointGoalTest {

    private static final int OBS = PointGoal.OBSERVATION_SIZE;
    /** Hazards out of the way in the corners of the floor, far from the origin and from each other. */
    private static final double[] FAR_HAZARDS = {-3, -3, -3, 3, 3, -3, 3, 3, -3, -2, -2, 3, 2, -3, 3, 2};
    private static final double[] FORWARD = {1, 0};

    /** Distance between two points. */
    private static double distance(double ax, double ay, double bx, double by) {
        return Math.hypot(ax - bx, ay - by);
    }

    @Test
    void layoutsKeepSafetyGymnasiumsPlacementRulesOverManySeeds() {
        PointGoal env = new PointGoal();
        double[] obs = new double[OBS];
        double leftmostRobot = 0;
        double rightmostRobot = 0;
        for (int seed = 0; seed < 5_000; seed++) {
            env.reset(new SplittableRandom(seed), obs);
            double x = obs[0];
            double y = obs[1];
            leftmostRobot = Math.min(leftmostRobot, x);
            rightmostRobot = Math.max(rightmostRobot, x);
            assertTrue(Math.abs(x) <= 1.1 && Math.abs(y) <= 1.1, "robot at " + x + ", " + y);
            assertTrue(obs[2] >= -Math.PI && obs[2] <= Math.PI, "heading (wrapped) " + obs[2]);
            assertEquals(0.0, obs[3]);
            assertEquals(0.0, obs[4]);
            assertEquals(0.0, obs[5], "the robot starts at rest");
            assertTrue(Math.abs(env.goalX()) <= 1.195 && Math.abs(env.goalY()) <= 1.195, "goal");
            assertTrue(distance(env.goalX(), env.goalY(), x, y) >= 0.705, "goal near the robot, seed " + seed);
            for (int i = 0; i < PointGoal.HAZARDS; i++) {
                double hx = env.hazardX(i);
                double hy = env.hazardY(i);
                assertTrue(Math.abs(hx) <= 1.32 && Math.abs(hy) <= 1.32, "hazard " + i);
                assertTrue(distance(hx, hy, x, y) >= 0.58, "hazard near the robot, seed " + seed);
                assertTrue(distance(hx, hy, env.goalX(), env.goalY()) >= 0.485, "hazard near the goal, seed " + seed);
                for (int j = 0; j < i; j++) {
                    assertTrue(distance(hx, hy, env.hazardX(j), env.hazardY(j)) >= 0.36,
                            "hazards " + j + " and " + i + " too close, seed " + seed);
                }
            }
        }
        // The robot's start fills its square [-1.1, 1.1]^2
        assertTrue(leftmostRobot < -1.05 && rightmostRobot > 1.05, leftmostRobot + " .. " + rightmostRobot);
    }

    @Test
    void rewardIsTheProgressTowardsTheGoal() {
        PointGoal env = new PointGoal();
        double[] obs = new double[OBS];
        StepOutcome out = new StepOutcome();
        SplittableRandom rng = new SplittableRandom(1);
        env.resetTo(0, 0, 0, 1, 0, FAR_HAZARDS, obs);
        env.step(FORWARD, rng, obs, out);
        assertEquals(0.05, obs[0], 0, "a full forward step is 0.05");
        assertEquals(0.05, out.reward, 1e-15, "1 - 0.95");
        env.step(new double[] {-0.5, 0}, rng, obs, out);
        assertEquals(-0.025, out.reward, 1e-15, "half a step back");
        env.step(new double[] {0, 1}, rng, obs, out);
        assertEquals(0.0, out.reward, 0, "turning on the spot makes no progress");
        // Sideways progress: facing +y at (0, 0), the goal at (0.6, 0.8) is 1 away; a step to (0, 0.05) leaves
        // sqrt(0.36 + 0.5625) = 0.960469...
        env.resetTo(0, 0, Math.PI / 2, 0.6, 0.8, FAR_HAZARDS, obs);
        env.step(FORWARD, rng, obs, out);
        assertEquals(1 - Math.sqrt(0.36 + 0.75 * 0.75), out.reward, 1e-12);
        assertEquals(0.0, out.cost);
    }

    @Test
    void arrivingPaysOneMoreAndDrawsANewGoalClearOfTheRobotAndTheHazards() {
        PointGoal env = new PointGoal();
        double[] obs = new double[OBS];
        StepOutcome out = new StepOutcome();
        SplittableRandom rng = new SplittableRandom(3);
        // The goal 0.34 ahead: one step leaves 0.29 <= 0.3
        double[] hazards = {-1, -1, -1, 1, 1, -1, 1, 1, 0, 1.2, 0, -1.2, -1.2, 0, 1.2, 0.5};
        env.resetTo(0, 0, 0, 0.34, 0, hazards, obs);
        env.step(FORWARD, rng, obs, out);
        assertEquals(0.05 + PointGoal.GOAL_REWARD, out.reward, 1e-12);
        assertNotEquals(0.34, env.goalX(), "a new goal");
        double newDistance = distance(env.goalX(), env.goalY(), obs[0], obs[1]);
        assertTrue(newDistance >= 0.705, "new goal " + newDistance + " from the robot");
        for (int i = 0; i < PointGoal.HAZARDS; i++) {
            assertTrue(distance(env.goalX(), env.goalY(), env.hazardX(i), env.hazardY(i)) >= 0.485, "hazard " + i);
        }
        assertTrue(Math.abs(env.goalX()) <= 1.195 && Math.abs(env.goalY()) <= 1.195);
        assertFalse(out.done());
        // The next step's progress is measured towards the new goal, and the goal lidar shows it
        double[] goalLidar = new double[PointGoal.LIDAR_BINS];
        PseudoLidar.write(new double[] {env.goalX(), env.goalY()}, 0, 1, obs[0], obs[1], obs[2],
                PointGoal.LIDAR_BINS, PointGoal.LIDAR_RANGE, goalLidar, 0);
        assertArrayEquals(goalLidar, Arrays.copyOfRange(obs, PointGoal.GOAL_LIDAR, PointGoal.HAZARD_LIDAR));
        env.step(new double[] {0, 0}, rng, obs, out);
        assertEquals(0.0, out.reward, 0, "standing still before the new goal");
    }

    @Test
    void goalsKeepComingForARobotThatDrivesToThemAndEachIsDrawnByTheRule() {
        PointGoal env = new PointGoal();
        double[] obs = new double[OBS];
        StepOutcome out = new StepOutcome();
        SplittableRandom rng = new SplittableRandom(11);
        env.reset(rng, obs);
        int arrivals = 0;
        for (int t = 0; t < PointGoal.HORIZON; t++) {
            double oldGoalX = env.goalX();
            double oldGoalY = env.goalY();
            // Steer straight at the goal: the turn that points the heading at it, then a full step
            double bearing = Math.atan2(oldGoalY - obs[1], oldGoalX - obs[0]) - obs[2];
            double turn = Math.IEEEremainder(bearing, 2 * Math.PI) / PointRobot.MAX_TURN;
            env.step(new double[] {Math.abs(turn) < 1 ? 1 : 0, turn}, rng, obs, out);
            boolean arrived = distance(oldGoalX, oldGoalY, obs[0], obs[1]) <= PointGoal.GOAL_RADIUS;
            assertEquals(arrived, out.reward > 0.5, "the bonus comes exactly on arrival, step " + t);
            if (arrived) {
                arrivals++;
                assertTrue(distance(env.goalX(), env.goalY(), obs[0], obs[1]) >= 0.705, "step " + t);
                for (int i = 0; i < PointGoal.HAZARDS; i++) {
                    assertTrue(distance(env.goalX(), env.goalY(), env.hazardX(i), env.hazardY(i)) >= 0.485);
                }
            } else {
                assertEquals(oldGoalX, env.goalX(), 0, "the goal stays until the robot arrives");
            }
            assertEquals(t == PointGoal.HORIZON - 1, out.truncated, "step " + t);
            assertFalse(out.terminal);
        }
        // At 0.05 per step and goals at least 0.705 - 0.3 apart, a robot driving straight at them reaches dozens
        assertTrue(arrivals >= 20, arrivals + " arrivals");
        assertThrows(IllegalStateException.class, () -> env.step(FORWARD, rng, obs, out));
    }

    @Test
    void aStepStrictlyInsideAHazardCostsOne() {
        PointGoal env = new PointGoal();
        double[] obs = new double[OBS];
        StepOutcome out = new StepOutcome();
        SplittableRandom rng = new SplittableRandom(1);
        double[] hazards = FAR_HAZARDS.clone();
        // After one step the robot is at (0.05, 0): a hazard centred exactly 0.2 to its left has it on the rim
        hazards[0] = 0.05;
        hazards[1] = 0.2;
        env.resetTo(0, 0, 0, -1, 0, hazards, obs);
        env.step(FORWARD, rng, obs, out);
        assertEquals(0.0, out.cost, "on the rim is not inside");
        hazards[1] = 0.2 - 1e-9;
        env.resetTo(0, 0, 0, -1, 0, hazards, obs);
        env.step(FORWARD, rng, obs, out);
        assertEquals(1.0, out.cost);
        // Two overlapping hazards still cost 1 per step, and driving through a hazard costs every step inside
        hazards[0] = 0.31;
        hazards[1] = 0;
        hazards[2] = 0.41;
        hazards[3] = 0;
        env.resetTo(0, 0, 0, -1.2, 0, hazards, obs);
        double total = 0;
        for (int t = 0; t < 20; t++) {
            env.step(FORWARD, rng, obs, out);
            assertTrue(out.cost == 0 || out.cost == 1);
            total += out.cost;
        }
        // Inside while 0.11 < x < 0.61: x = 0.15, 0.2, ..., 0.6
        assertEquals(10, total);
    }

    @Test
    void theObservationIsTheRobotsNineThenBothLidars() {
        PointGoal env = new PointGoal();
        double[] obs = new double[OBS];
        // Facing +x at (0.5, 0): the goal 1.5 ahead, a hazard 0.6 behind
        double[] hazards = FAR_HAZARDS.clone();
        hazards[0] = -0.1;
        hazards[1] = 0;
        env.resetTo(0.5, 0, 0, 2.0, 0, hazards, obs);
        assertEquals(41, env.observationSize());
        assertEquals(0.5, obs[0]);
        assertEquals(0.5 + PointRobot.COM_OFFSET, obs[6], 1e-15);
        assertEquals(0.5, obs[PointGoal.GOAL_LIDAR], 1e-12);
        assertEquals(0.5, obs[PointGoal.GOAL_LIDAR + 15], 1e-12);
        // Straight behind: bins 7 and 8 read (3 - 0.6) / 3 = 0.8
        assertEquals(0.8, obs[PointGoal.HAZARD_LIDAR + 7], 1e-12);
        assertEquals(0.8, obs[PointGoal.HAZARD_LIDAR + 8], 1e-12);
        assertEquals(0.0, obs[PointGoal.HAZARD_LIDAR], 1e-12);
    }

    @Test
    void aSeedGivesTheSameEpisodesAndAnotherSeedOthers() {
        double[][] a = episodes(42);
        assertArrayEquals(a[0], episodes(42)[0]);
        assertArrayEquals(a[1], episodes(42)[1]);
        assertFalse(Arrays.equals(a[0], episodes(43)[0]));
    }

    /** Two episodes of random actions: the sum of every observation, reward and cost per step, and the costs. */
    private static double[][] episodes(long seed) {
        PointGoal env = new PointGoal();
        SplittableRandom rng = new SplittableRandom(seed);
        double[] obs = new double[OBS];
        double[] action = new double[2];
        StepOutcome out = new StepOutcome();
        double[] trace = new double[2 * PointGoal.HORIZON];
        double[] costs = new double[2 * PointGoal.HORIZON];
        int n = 0;
        for (int e = 0; e < 2; e++) {
            env.reset(rng, obs);
            do {
                action[0] = rng.nextDouble(-1, 1);
                action[1] = rng.nextDouble(-1, 1);
                env.step(action, rng, obs, out);
                trace[n] = Arrays.stream(obs).sum() + out.reward;
                costs[n++] = out.cost;
            } while (!out.done());
        }
        return new double[][] {trace, costs};
    }

    @Test
    void theRobotStaysOnTheFloor() {
        PointGoal env = new PointGoal();
        double[] obs = new double[OBS];
        StepOutcome out = new StepOutcome();
        env.resetTo(0, 0, 0, -1, 0, FAR_HAZARDS, obs);
        for (int t = 0; t < 100; t++) {
            env.step(FORWARD, new SplittableRandom(1), obs, out);
        }
        assertEquals(PointGoal.FLOOR_HALF_WIDTH, obs[0], 0);
    }

    @Test
    void badCallsFailWithWhatIsWrong() {
        PointGoal env = new PointGoal();
        assertEquals(java.util.List.of("hazards"), env.constraintNames());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> env.resetTo(0, 0, 0, 1, 1, new double[4], new double[OBS]));
        assertTrue(e.getMessage().contains("16 hazard coordinates"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> env.reset(new SplittableRandom(1), new double[OBS - 1]));
        IllegalStateException s = assertThrows(IllegalStateException.class,
                () -> env.step(new double[2], new SplittableRandom(1), new double[OBS], new StepOutcome()));
        assertTrue(s.getMessage().contains("call reset"), s.getMessage());
    }

    /** Turning for a whole episode keeps the heading the policy sees within [-pi, pi]. */
    @Test
    void theObservedHeadingStaysWrappedWhileTheRobotTurns() {
        PointGoal env = new PointGoal();
        double[] obs = new double[PointGoal.OBSERVATION_SIZE];
        SplittableRandom rng = new SplittableRandom(3);
        env.reset(rng, obs);
        StepOutcome out = new StepOutcome();
        double max = 0;
        for (int t = 0; t < 900 && !out.done(); t++) {
            out.clear();
            env.step(new double[] {0.0, 1.0}, rng, obs, out);
            max = Math.max(max, Math.abs(obs[2]));
        }
        assertTrue(max <= Math.PI && max > 3.0, "largest observed |heading| " + max);
    }
}
