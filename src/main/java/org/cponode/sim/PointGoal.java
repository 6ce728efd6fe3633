package org.cponode.sim;

import java.util.List;
import java.util.SplittableRandom;
import org.cponode.task.PseudoLidar;

/**
 * Task {@code point-goal}: Safety Gymnasium's {@code SafetyPointGoal1} ({@code GoalLevel1}) on the kinematic
 * point robot of {@link PointCircle} and {@link PointGather}. The robot drives to a goal disk of radius 0.3; each
 * time it arrives a new goal is drawn, and each step it spends inside one of 8 hazard disks of radius 0.2 costs 1.
 *
 * <pre>
 *   R = d_goal(t-1) - d_goal(t) + 1[ d_goal(t) <= 0.3 ]        distance progress, +1 on arrival
 *   C = 1[ min_i d_hazard_i(t) < 0.2 ]                           the constraint {@code hazards}
 * </pre>
 * with distances from the robot's (x, y) to the disks' centres, after the step. This is Safety Gymnasium's
 * reward ({@code reward_distance} 1, {@code reward_goal} 1) and its cost with {@code constrain_indicator}: its
 * hazard cost is {@code sum_i (0.2 - d_i)} over the hazards with {@code d_i <= 0.2}, turned into 1 when above 0,
 * so a robot exactly on a hazard's rim pays nothing. On arrival the step's reward is the progress towards the goal
 * just reached plus 1; the new goal's distance is the next step's reference. An episode is truncated after 1,000
 * steps, Safety Gymnasium's {@code num_steps}.
 *
 * <p>Layout, as Safety Gymnasium's {@code RandomGenerator} draws it: the robot, the goal and the 8 hazards, in
 * that order, each uniform in the square [-1.5, 1.5]^2 shrunk on every side by its keep-out radius (robot 0.4,
 * goal 0.305, hazards 0.18) and accepted only at least its own plus the other's keep-out from every object placed
 * before it: the goal at least 0.705 from the robot, a hazard at least 0.58 from the robot, 0.485 from the goal
 * and 0.36 from every other hazard. An object not placed in 100 draws restarts the layout, and 10,000 failed
 * layouts are an error. The robot starts at rest facing a heading uniform in [0, 2 pi). Then, as Safety
 * Gymnasium's reset does, the goal is drawn once more against the whole layout, which is how every later goal is
 * drawn: uniform in [-1.195, 1.195]^2, at least 0.705 from the robot where it stands and 0.485 from every hazard,
 * in up to 10,000 draws. At reset the first goal stays where it is if none fits; on arrival the episode ends as
 * terminal (Safety Gymnasium's "normal end of episode" on a failed resampling).
 *
 * <p>Observation (41): the point robot's 9 as {@link PointGather} gives them (qpos, qvel of the last step, torso
 * COM) but with the heading wrapped into [-pi, pi] (over 1,000 steps of turning the raw heading grows to
 * hundreds of radians, far from anything the normaliser has seen), then the goal's and the hazards' 16-bin pseudo-lidars of range 3 ({@link PseudoLidar}: linear readings,
 * aliased into the neighbouring bins, bin 0 from straight ahead counter-clockwise), measured from the robot's
 * (x, y) and heading, as Safety Gymnasium measures from its robot body's centre.
 * <pre>
 *   0..8    the point robot's x, y, theta (wrapped), dx, dy, dtheta, COM x, y, z
 *   9..24   goal lidar
 *   25..40  hazard lidar
 * </pre>
 *
 * <p>Departures from {@code SafetyPointGoal1}, each because this robot is kinematic:
 * <ul>
 *   <li>The robot is the other point tasks' (turn by up to 0.25 rad, then move along the new heading), with
 *       normalised actions, not Safety Gymnasium's force-driven MuJoCo point, and its forward range is 0.05 per
 *       step instead of rllab's 1, which would cross the 3 x 3 placement square in 3 steps and jump a hazard
 *       (0.4 across) in one. At 0.05 a straight line through a hazard's centre spends 8 steps inside it and one
 *       through the goal's centre 12, and the tightest turn (a circle of radius 0.05 / (2 sin 0.125) = 0.2) is a
 *       hazard's size, so the robot can steer round one.</li>
 *   <li>Safety Gymnasium's robot sensors (accelerometer, velocimeter, gyro, magnetometer) are physics readings
 *       a kinematic robot does not have; the point robot's own 9 observations stand in for them.</li>
 *   <li>Level 1's single vase, which costs nothing there and which the robot can push, is left out with its
 *       lidar and its keep-out: nothing here can be pushed.</li>
 *   <li>Safety Gymnasium's floor is unbounded for the physics; here the position is clipped to its drawn
 *       7 x 7 floor ({@link #FLOOR_HALF_WIDTH}), as the other point tasks clip theirs.</li>
 * </ul>
 */
public final class PointGoal implements Environment {

    /** Bins of each pseudo-lidar around the full circle ({@code lidar_conf.num_bins}). */
    public static final int LIDAR_BINS = 16;
    /** Distance from which an object reads 0 ({@code lidar_conf.max_dist}). */
    public static final double LIDAR_RANGE = 3.0;
    /** Observation length: robot 9 + goal lidar + hazard lidar. */
    public static final int OBSERVATION_SIZE = PointRobot.OBSERVATION_SIZE + 2 * LIDAR_BINS;
    /** Offset of the goal lidar in the observation. */
    public static final int GOAL_LIDAR = PointRobot.OBSERVATION_SIZE;
    /** Offset of the hazard lidar in the observation. */
    public static final int HAZARD_LIDAR = GOAL_LIDAR + LIDAR_BINS;
    /** The one constraint, named as Safety Gymnasium's {@code cost_hazards}. */
    public static final String CONSTRAINT = "hazards";
    /** Hazards per episode. */
    public static final int HAZARDS = 8;
    /** Radius of a hazard disk; a step with the robot strictly inside one costs 1. */
    public static final double HAZARD_RADIUS = 0.2;
    /** Radius of the goal disk; the robot arrives at a distance of at most this. */
    public static final double GOAL_RADIUS = 0.3;
    /** Reward for arriving at a goal ({@code reward_goal}). */
    public static final double GOAL_REWARD = 1.0;
    /** Half-width of the square the layout is drawn in ({@code placements_conf.extents}). */
    public static final double PLACEMENT_HALF_WIDTH = 1.5;
    /** Half-width of the square the robot is clipped to: Safety Gymnasium's floor ({@code floor_conf.size}). */
    public static final double FLOOR_HALF_WIDTH = 3.5;
    /** The robot's forward range per step (see the class comment). */
    public static final double MAX_FORWARD_STEP = 0.05;
    /** Episode length (truncation), Safety Gymnasium's {@code num_steps}. */
    public static final int HORIZON = 1000;

    /** Draws per object within one layout attempt ({@code sample_layout}). */
    static final int OBJECT_DRAWS = 100;
    /** Layout attempts before giving up ({@code build_layout}). */
    static final int LAYOUT_ATTEMPTS = 10_000;
    /** Draws of a new goal before giving up ({@code build_goal_position}). */
    static final int GOAL_DRAWS = 10_000;

    private static final List<String> CONSTRAINTS = List.of(CONSTRAINT);
    /** Layout slots, in Safety Gymnasium's placement order. */
    private static final int ROBOT = 0;
    private static final int GOAL = 1;
    private static final int FIRST_HAZARD = 2;
    private static final int OBJECTS = FIRST_HAZARD + HAZARDS;
    /** Keep-out radius per layout slot: robot 0.4, goal 0.305, hazards 0.18. */
    private static final double[] KEEPOUTS = new double[OBJECTS];

    static {
        KEEPOUTS[ROBOT] = 0.4;
        KEEPOUTS[GOAL] = 0.305;
        for (int i = FIRST_HAZARD; i < OBJECTS; i++) {
            KEEPOUTS[i] = 0.18;
        }
    }

    private final PointRobot robot = new PointRobot(FLOOR_HALF_WIDTH, MAX_FORWARD_STEP);
    /** Layout centres {x, y} per slot; the robot's slot is its position when the goal was last drawn. */
    private final double[] centres = new double[2 * OBJECTS];
    private double lastGoalDistance;
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
    public List<String> constraintNames() {
        return CONSTRAINTS;
    }

    @Override
    public double actionLow(int i) {
        return PointRobot.actionLow(i);
    }

    @Override
    public double actionHigh(int i) {
        return PointRobot.actionHigh(i);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if 10,000 layout attempts all fail (Safety Gymnasium's
     *     {@code ResamplingError}; with these sizes and counts an attempt rarely fails)
     */
    @Override
    public void reset(SplittableRandom rng, double[] observation) {
        Buffers.requireObservation(observation, OBSERVATION_SIZE);
        drawLayout(rng);
        robot.placeAt(centres[2 * ROBOT], centres[2 * ROBOT + 1], rng.nextDouble(0, 2 * Math.PI));
        drawGoal(rng); // when no goal fits, the layout's own goal meets the same rule and stays
        beginEpisode();
        writeObservation(observation);
    }

    /**
     * Starts an episode on a given layout instead of a random one, for tests: the robot at rest at (x, y)
     * facing {@code heading}. Later goals are drawn by the task's rule against this layout.
     *
     * @param hazards hazard centres as {x0, y0, ..., x7, y7}. Not modified.
     * @param observation receives the first observation. Modified.
     */
    void resetTo(double x, double y, double heading, double goalX, double goalY, double[] hazards,
            double[] observation) {
        if (hazards.length != 2 * HAZARDS) {
            throw new IllegalArgumentException("layout needs " + 2 * HAZARDS + " hazard coordinates, got "
                    + hazards.length);
        }
        Buffers.requireObservation(observation, OBSERVATION_SIZE);
        centres[2 * ROBOT] = x;
        centres[2 * ROBOT + 1] = y;
        centres[2 * GOAL] = goalX;
        centres[2 * GOAL + 1] = goalY;
        System.arraycopy(hazards, 0, centres, 2 * FIRST_HAZARD, 2 * HAZARDS);
        robot.placeAt(x, y, heading);
        beginEpisode();
        writeObservation(observation);
    }

    private void beginEpisode() {
        lastGoalDistance = goalDistance();
        steps = 0;
        over = false;
    }

    @Override
    public void step(double[] action, SplittableRandom rng, double[] observation, StepOutcome outcome) {
        Buffers.requireAction(action, 2);
        Buffers.requireObservation(observation, OBSERVATION_SIZE);
        if (over) {
            throw new IllegalStateException("point-goal episode is over (or never started); call reset");
        }
        robot.stepNormalized(action[0], action[1]);
        steps++;
        double distance = goalDistance();
        boolean arrived = distance <= GOAL_RADIUS;
        outcome.reward = lastGoalDistance - distance + (arrived ? GOAL_REWARD : 0.0);
        outcome.cost = insideHazard() ? 1.0 : 0.0;
        boolean noRoomForGoal = false;
        if (arrived) {
            centres[2 * ROBOT] = robot.x;
            centres[2 * ROBOT + 1] = robot.y;
            noRoomForGoal = !drawGoal(rng);
            distance = goalDistance();
        }
        lastGoalDistance = distance;
        outcome.terminal = noRoomForGoal;
        outcome.truncated = !noRoomForGoal && steps >= HORIZON;
        over = outcome.done();
        writeObservation(observation);
    }

    /** Goal centre x, for tests of the placement rules. */
    double goalX() {
        return centres[2 * GOAL];
    }

    /** Goal centre y, for tests of the placement rules. */
    double goalY() {
        return centres[2 * GOAL + 1];
    }

    /** Centre x of hazard {@code i}, for tests of the placement rules. */
    double hazardX(int i) {
        return centres[2 * (FIRST_HAZARD + i)];
    }

    /** Centre y of hazard {@code i}, for tests of the placement rules. */
    double hazardY(int i) {
        return centres[2 * (FIRST_HAZARD + i) + 1];
    }

    /** Draws whole layouts until every object fits (Safety Gymnasium's {@code build_layout}). */
    private void drawLayout(SplittableRandom rng) {
        for (int attempt = 0; attempt < LAYOUT_ATTEMPTS; attempt++) {
            int placed = 0;
            while (placed < OBJECTS && draw(placed, placed, OBJECT_DRAWS, rng)) {
                placed++;
            }
            if (placed == OBJECTS) {
                return;
            }
        }
        throw new IllegalStateException("point-goal placed no layout in " + LAYOUT_ATTEMPTS + " attempts");
    }

    /** Draws a new goal against every other object; false, with the goal unmoved, when none fits. */
    private boolean drawGoal(SplittableRandom rng) {
        return draw(GOAL, OBJECTS, GOAL_DRAWS, rng);
    }

    /**
     * Safety Gymnasium's {@code draw_placement} and its check: up to {@code draws} points uniform in the placement
     * square shrunk by the object's keep-out, the first at least both keep-outs from every other object among
     * slots {@code 0..placed-1} is taken.
     *
     * @return whether a point was taken; if not, the object's centre is unchanged
     */
    private boolean draw(int object, int placed, int draws, SplittableRandom rng) {
        double keepout = KEEPOUTS[object];
        double half = PLACEMENT_HALF_WIDTH - keepout;
        for (int d = 0; d < draws; d++) {
            double x = rng.nextDouble(-half, half);
            double y = rng.nextDouble(-half, half);
            if (clear(object, x, y, placed)) {
                centres[2 * object] = x;
                centres[2 * object + 1] = y;
                return true;
            }
        }
        return false;
    }

    private boolean clear(int object, double x, double y, int placed) {
        for (int other = 0; other < placed; other++) {
            if (other == object) {
                continue;
            }
            double dx = x - centres[2 * other];
            double dy = y - centres[2 * other + 1];
            double spacing = KEEPOUTS[other] + KEEPOUTS[object];
            if (dx * dx + dy * dy < spacing * spacing) {
                return false;
            }
        }
        return true;
    }

    private double goalDistance() {
        double dx = centres[2 * GOAL] - robot.x;
        double dy = centres[2 * GOAL + 1] - robot.y;
        return Math.sqrt(dx * dx + dy * dy);
    }

    private boolean insideHazard() {
        for (int i = FIRST_HAZARD; i < OBJECTS; i++) {
            double dx = centres[2 * i] - robot.x;
            double dy = centres[2 * i + 1] - robot.y;
            if (dx * dx + dy * dy < HAZARD_RADIUS * HAZARD_RADIUS) {
                return true;
            }
        }
        return false;
    }

    private void writeObservation(double[] out) {
        robot.writeObservation(out, 0);
        out[2] = Math.IEEEremainder(robot.theta, 2 * Math.PI);
        PseudoLidar.write(centres, GOAL, 1, robot.x, robot.y, robot.theta, LIDAR_BINS, LIDAR_RANGE, out, GOAL_LIDAR);
        PseudoLidar.write(centres, FIRST_HAZARD, HAZARDS, robot.x, robot.y, robot.theta, LIDAR_BINS, LIDAR_RANGE,
                out, HAZARD_LIDAR);
    }
}
