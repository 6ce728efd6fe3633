package org.cponode.sim;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Task {@code point-gather} (Achiam et al. 2017, Sec. 8; rllab/jachiam {@code GatherEnv}): the
 * kinematic point robot of {@link PointCircle} (same actions, same 9 robot observations), clipped to a
 * 12 x 12 square, collects 2 apples (+10 reward each) and should avoid 8 bombs (-1 reward each, and cost 1 for
 * a step in which any bomb is collected).
 *
 * <p>Layout: objects sit on the grid {@code 2 * randint(-3, 3)} (upper bound exclusive, so {-6, -4, ..., 4}),
 * never on (0, 0) and never two on one cell; apples are placed first. An object is collected when the torso
 * COM is within the catch range: {@code (ox - x)^2 + (oy - y)^2 < 1}. The episode ends when every object is
 * collected (terminal) or after 15 steps (truncated).
 *
 * <p>Observation (29): the point robot's 9, then 10 apple readings, then 10 bomb readings, both measured from
 * the torso COM. Each sensor covers
 * the half-plane ahead, angles in [-pi/2, pi/2] relative to the heading, in bins of pi/10 numbered from the
 * right ({@code bin = int((angle + pi/2) / (pi/10))}); an object at distance {@code d <= 6} reads
 * {@code 1 - d/6} and a nearer object in the same bin overwrites a farther one, so each bin holds the largest
 * reading. An object exactly at +pi/2 would index bin 10 in the original code (an IndexError there); it falls
 * into bin 9 here.
 */
public final class PointGather implements Environment {

    /** Sensor bins per object type. */
    public static final int BINS = 10;
    /** Observation length: robot 9 + apple bins + bomb bins. */
    public static final int OBSERVATION_SIZE = PointRobot.OBSERVATION_SIZE + 2 * BINS;
    /** Offset of the first apple reading in the observation. */
    public static final int APPLE_READINGS = PointRobot.OBSERVATION_SIZE;
    /** Offset of the first bomb reading in the observation. */
    public static final int BOMB_READINGS = APPLE_READINGS + BINS;
    /** Apples per episode. */
    public static final int APPLES = 2;
    /** Bombs per episode. */
    public static final int BOMBS = 8;
    /** Reward per collected apple. */
    public static final double APPLE_REWARD = 10.0;
    /** Reward subtracted per collected bomb (the code's reward; the constraint cost is separate). */
    public static final double BOMB_PENALTY = 1.0;
    /** Half-width of the robot's square and of the placement grid ({@code activity_range}). */
    public static final double ACTIVITY_RANGE = 6.0;
    /** Collection radius around the torso COM. */
    public static final double CATCH_RANGE = 1.0;
    /** Sensor range: objects farther away are not seen. */
    public static final double SENSOR_RANGE = 6.0;
    /** Total angular width of each sensor, centred on the heading. */
    public static final double SENSOR_SPAN = Math.PI;
    /** Rollout length (truncation). */
    public static final int HORIZON = 15;

    private static final int OBJECTS = APPLES + BOMBS;
    /** Grid half-extent in cells: randint(-3, 3) draws -3..2. */
    private static final int GRID_LOW = -(int) (ACTIVITY_RANGE / 2);
    private static final int GRID_HIGH = (int) (ACTIVITY_RANGE / 2);
    private static final int GRID_CELLS = GRID_HIGH - GRID_LOW;
    private static final double GRID_SPACING = 2.0;
    /** A cell closer than this to the start (only (0, 0)) is rejected. */
    private static final double ROBOT_OBJECT_SPACING = 2.0;
    private static final double BIN_WIDTH = SENSOR_SPAN / BINS;

    private final PointRobot robot = new PointRobot(ACTIVITY_RANGE);
    /** Object i is an apple for i < APPLES, a bomb otherwise. */
    private final double[] objectX = new double[OBJECTS];
    private final double[] objectY = new double[OBJECTS];
    private final boolean[] present = new boolean[OBJECTS];
    private final boolean[] cellUsed = new boolean[GRID_CELLS * GRID_CELLS];
    private int remaining;
    private int steps;
    private boolean over = true;

    @Override
    public int observationSize() {
        return OBSERVATION_SIZE;
    }

    @Override
    public int actionSize() {
        return 2;
    }

    @Override
    public double actionLow(int i) {
        return PointRobot.actionLow(i);
    }

    @Override
    public double actionHigh(int i) {
        return PointRobot.actionHigh(i);
    }

    @Override
    public void reset(SplittableRandom rng, double[] observation) {
        Buffers.requireObservation(observation, OBSERVATION_SIZE);
        Arrays.fill(cellUsed, false);
        for (int i = 0; i < OBJECTS; i++) {
            placeObject(i, rng);
        }
        robot.reset(rng);
        beginEpisode();
        writeObservation(observation);
    }

    /**
     * Starts an episode on a given layout instead of a random one, for tests and demonstrations. The robot
     * starts exactly at the origin facing +x with zero velocity.
     *
     * @param apples apple positions as {x0, y0, x1, y1}. Not modified.
     * @param bombs bomb positions as {x0, y0, ..., x7, y7}. Not modified.
     * @param observation receives the first observation. Modified.
     */
    public void resetTo(double[] apples, double[] bombs, double[] observation) {
        if (apples.length != 2 * APPLES || bombs.length != 2 * BOMBS) {
            throw new IllegalArgumentException("layout needs " + 2 * APPLES + " apple and " + 2 * BOMBS
                    + " bomb coordinates, got " + apples.length + " and " + bombs.length);
        }
        Buffers.requireObservation(observation, OBSERVATION_SIZE);
        for (int i = 0; i < OBJECTS; i++) {
            double[] source = i < APPLES ? apples : bombs;
            int j = i < APPLES ? i : i - APPLES;
            objectX[i] = source[2 * j];
            objectY[i] = source[2 * j + 1];
        }
        robot.placeAt(0, 0, 0);
        beginEpisode();
        writeObservation(observation);
    }

    private void beginEpisode() {
        Arrays.fill(present, true);
        remaining = OBJECTS;
        steps = 0;
        over = false;
    }

    /** Rejection sampling as in {@code GatherEnv.reset}: redraw on the start cell or on an occupied cell. */
    private void placeObject(int index, SplittableRandom rng) {
        while (true) {
            int cellX = rng.nextInt(GRID_LOW, GRID_HIGH);
            int cellY = rng.nextInt(GRID_LOW, GRID_HIGH);
            double x = GRID_SPACING * cellX;
            double y = GRID_SPACING * cellY;
            int cell = (cellX - GRID_LOW) * GRID_CELLS + (cellY - GRID_LOW);
            if (x * x + y * y < ROBOT_OBJECT_SPACING * ROBOT_OBJECT_SPACING || cellUsed[cell]) {
                continue;
            }
            cellUsed[cell] = true;
            objectX[index] = x;
            objectY[index] = y;
            return;
        }
    }

    @Override
    public void step(double[] action, SplittableRandom rng, double[] observation, StepOutcome outcome) {
        Buffers.requireAction(action, 2);
        Buffers.requireObservation(observation, OBSERVATION_SIZE);
        if (over) {
            throw new IllegalStateException("point-gather episode is over (or never started); call reset");
        }
        robot.stepNormalized(action[0], action[1]);
        steps++;
        double x = robot.comX();
        double y = robot.comY();
        double reward = 0;
        boolean bombCollected = false;
        for (int i = 0; i < OBJECTS; i++) {
            if (!present[i]) {
                continue;
            }
            double dx = objectX[i] - x;
            double dy = objectY[i] - y;
            if (dx * dx + dy * dy < CATCH_RANGE * CATCH_RANGE) {
                present[i] = false;
                remaining--;
                if (i < APPLES) {
                    reward += APPLE_REWARD;
                } else {
                    reward -= BOMB_PENALTY;
                    bombCollected = true;
                }
            }
        }
        writeObservation(observation);
        outcome.reward = reward;
        outcome.cost = bombCollected ? 1.0 : 0.0;
        outcome.terminal = remaining == 0;
        outcome.truncated = !outcome.terminal && steps >= HORIZON;
        over = outcome.done();
    }

    /** Objects not yet collected in this episode. */
    public int remainingObjects() {
        return remaining;
    }

    /** x of object {@code i} (apples first), for tests of the placement rules. */
    double objectX(int i) {
        return objectX[i];
    }

    /** y of object {@code i} (apples first), for tests of the placement rules. */
    double objectY(int i) {
        return objectY[i];
    }

    private void writeObservation(double[] out) {
        robot.writeObservation(out, 0);
        Arrays.fill(out, APPLE_READINGS, BOMB_READINGS + BINS, 0.0);
        double x = robot.comX();
        double y = robot.comY();
        double cos = robot.cosTheta;
        double sin = robot.sinTheta;
        for (int i = 0; i < OBJECTS; i++) {
            if (!present[i]) {
                continue;
            }
            double dx = objectX[i] - x;
            double dy = objectY[i] - y;
            // The object in the robot frame: ahead > 0 means inside the span |angle| <= pi/2.
            double ahead = dx * cos + dy * sin;
            double left = -dx * sin + dy * cos;
            double distance = Math.sqrt(dx * dx + dy * dy);
            if (distance > SENSOR_RANGE || ahead < 0) {
                continue;
            }
            double angle = Math.atan2(left, ahead);
            int bin = Math.min(BINS - 1, (int) ((angle + SENSOR_SPAN / 2) / BIN_WIDTH));
            int index = (i < APPLES ? APPLE_READINGS : BOMB_READINGS) + bin;
            out[index] = Math.max(out[index], 1.0 - distance / SENSOR_RANGE);
        }
    }
}
