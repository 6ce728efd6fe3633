package org.cponode.sim;

import org.cponode.task.CircleGeometry;

import java.util.SplittableRandom;

/**
 * Task {@code point-circle} (Achiam et al. 2017, Sec. 8): the paper's kinematic point robot in a
 * 40 x 40 square runs along the circle of radius 15 and pays cost 1 for each step with {@code |x| > 2.5}.
 *
 * <pre>
 *   R = (dx, dy) . [-y, x] / (1 + | ||(x, y)|| - 15 |)      (per-step displacement, post-step position)
 *   C = 1[ |x| > 2.5 ]
 * </pre>
 *
 * <p>The velocity in the reward is the per-step displacement, as in {@code PointEnv}'s own circle mode: the
 * MuJoCo COM velocity the paper's wrapper read was never updated by the kinematic robot.
 * Position for reward and cost is the robot's (x, y) (qpos), as in {@code PointEnv}'s formula; the released
 * cost code read the torso COM x ({@code obs[-3]}), which sits 0.043 ahead of (x, y), a difference far below
 * the corridor's width. The paper's strict {@code >} is used, not the code's {@code >=}. Each episode's
 * horizon is drawn uniformly from 50..64 (rllab {@code randint(50, 65)}); the episode is truncated there and
 * has no terminal state.
 *
 * <p>Actions are normalised (rllab's {@code normalize()} wrapper): each component is clipped to [-1, 1] and
 * scaled to the point robot's ctrlrange, forward displacement [-1, 1] per step and heading change
 * [-0.25, 0.25] rad per step ({@link PointRobot#stepNormalized}); the original code neither clipped nor scaled.
 * Observation (12): rllab's 9, the time since the episode began and the heading as cos and sin.
 * <pre>
 *   0..2    qpos   x, y, theta (theta unwrapped)
 *   3..5    qvel   dx, dy, dtheta of the last step, world units per step
 *   6..8    torso COM x, y, z (0.043 ahead of (x, y) along the heading, z = 0.5)
 *   9       time   2 t / 64 - 1: -1 at the start, 1 after the longest horizon
 *   10, 11  cos theta, sin theta
 * </pre>
 * <p>The heading as cos and sin is not in rllab's observation either. rllab's theta is unwrapped: a policy that
 * turns on the spot while it waits (CPO's do) meets the same heading as theta values 2 pi apart, and must learn
 * the same steering for each. With cos and sin, every seed tried reaches the circle at the start of its chord; with
 * theta alone three of five seeds reached it a unit or two late and returned about 20 less (docs/RESULTS.md).
 * <p>The time is not in rllab's observation. The constraint counts cost per episode and episodes end at a time, so
 * when to spend the budget depends on the time left; a policy that cannot see the time can only spread its cost
 * by chance. Without it CPO's policies learnt to idle at the start for a random number of steps (a stochastic
 * mixture of costly and idle episodes); with it they idle for a set time instead, and return about 15 % more at
 * the same cost (docs/RESULTS.md). It is scaled by the longest horizon, not by the episode's own, which the
 * policy must not know.
 * <p>qvel departs from a literal port on purpose: {@code PointEnv} never writes qvel, so in the original it kept
 * its random reset value all episode and told the policy nothing; here it is the motion the
 * robot actually made (after the position clip), so the policy sees its own velocity. Only the first
 * observation of an episode carries rllab's random reset qvel N(0, 0.1^2).
 */
public final class PointCircle implements Environment {

    /** Observation length: the point robot's 9, the time, and cos and sin of the heading. */
    public static final int OBSERVATION_SIZE = PointRobot.OBSERVATION_SIZE + 3;
    /** Index of the time in the observation. */
    public static final int TIME = PointRobot.OBSERVATION_SIZE;
    /** Index of cos theta in the observation; sin theta follows. */
    public static final int HEADING_COS = TIME + 1;
    /** Half-width of the square the robot is clipped to (PointEnv default). */
    public static final double ARENA_SIZE = 40.0;
    /** Shortest episode horizon, inclusive. */
    public static final int MIN_HORIZON = 50;
    /** Longest episode horizon, inclusive (rllab's exclusive bound 65 minus one). */
    public static final int MAX_HORIZON = 64;

    private final PointRobot robot = new PointRobot(ARENA_SIZE);
    private final CircleGeometry geometry = CircleGeometry.POINT;
    private int horizon;
    private int steps;

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

    /** This episode's horizon, drawn at the last reset. */
    public int horizon() {
        return horizon;
    }

    @Override
    public void reset(SplittableRandom rng, double[] observation) {
        Buffers.requireObservation(observation, OBSERVATION_SIZE);
        horizon = rng.nextInt(MIN_HORIZON, MAX_HORIZON + 1);
        steps = 0;
        robot.reset(rng);
        writeObservation(observation);
    }

    @Override
    public void step(double[] action, SplittableRandom rng, double[] observation, StepOutcome outcome) {
        Buffers.requireAction(action, 2);
        Buffers.requireObservation(observation, OBSERVATION_SIZE);
        if (steps >= horizon) {
            throw new IllegalStateException("point-circle episode is over after " + horizon + " steps; call reset");
        }
        robot.stepNormalized(action[0], action[1]);
        steps++;
        writeObservation(observation);
        outcome.reward = geometry.reward(robot.x, robot.y, robot.vx, robot.vy);
        outcome.cost = geometry.cost(robot.x);
        outcome.terminal = false;
        outcome.truncated = steps >= horizon;
    }

    private void writeObservation(double[] observation) {
        robot.writeObservation(observation, 0);
        observation[TIME] = 2.0 * steps / MAX_HORIZON - 1.0;
        observation[HEADING_COS] = Math.cos(robot.theta);
        observation[HEADING_COS + 1] = Math.sin(robot.theta);
    }
}
