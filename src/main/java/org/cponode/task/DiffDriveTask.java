package org.cponode.task;

/**
 * The robot task {@code diffdrive-circle} as the simulator, the node and the transfer trial all define it: the
 * robot a policy's actions are scaled to, the circle and corridor, the episode window, the reward and cost of
 * one control step, and how an action becomes a velocity command.
 *
 * <p>Reward and cost per step, from the post-step pose and the body speed held over the step:
 * {@code R = v (cos yaw, sin yaw) . [-y, x] / (1 + |r - d|)} with the world velocity in m/s,
 * {@code C = 1[|x| > x_lim]}. Actions are fractions of the model's velocity limits in [-1, 1], so that a
 * policy's unit-scale Gaussian explores the whole range on both channels.
 *
 * <p>Task {@code diffdrive-circle-2c} is the same task with two constraints: {@code outside}, the corridor
 * cost above, and {@code speed}, {@link #speedCost}: 1 per step at more than {@link #EDGE_SPEED_LIMIT} m/s
 * within {@link #EDGE_BAND} m of the corridor's edge or beyond it, so that the robot may run fast in the
 * corridor's middle but must slow down where an overshoot leaves it.
 */
public final class DiffDriveTask {

    /** The robot the task's policies are trained for and its actions are scaled to. */
    public static final DiffDriveModel MODEL = DiffDriveModel.BURGER;
    /** The task's circle and corridor. */
    public static final CircleGeometry GEOMETRY = CircleGeometry.ROOM;
    /** Episode length in control steps: 20 s at 20 Hz. */
    public static final int HORIZON = 400;
    /** Action components: forward speed and yaw rate. */
    public static final int ACTION_SIZE = 2;

    /** Width of the band inside the corridor's edge in which {@link #speedCost} charges fast driving, m. */
    public static final double EDGE_BAND = 0.2;
    /** Forward speed above which a step in the edge band costs, m/s (the Burger's limit is 0.22 m/s). */
    public static final double EDGE_SPEED_LIMIT = 0.15;

    private DiffDriveTask() {}

    /**
     * Circle reward of one control step.
     *
     * @param geometry the task's circle. Not modified.
     * @param x post-step position relative to the task origin, m
     * @param y post-step position relative to the task origin, m
     * @param yaw post-step heading, rad
     * @param v forward speed over the step, m/s
     */
    public static double reward(CircleGeometry geometry, double x, double y, double yaw, double v) {
        return geometry.reward(x, y, v * Math.cos(yaw), v * Math.sin(yaw));
    }

    /** Cost of one control step: 1 when the post-step x (m, relative to the task origin) leaves the corridor. */
    public static double cost(CircleGeometry geometry, double x) {
        return geometry.cost(x);
    }

    /**
     * Cost of one control step of {@code diffdrive-circle-2c}'s {@code speed} constraint: 1 when the post-step x
     * lies within {@link #EDGE_BAND} of the corridor's edge or beyond it ({@code |x| > x_lim - EDGE_BAND}) and
     * the speed held over the step exceeds {@link #EDGE_SPEED_LIMIT}. The speed counts in either direction, as
     * the circle reward pays driving backwards as well, and a reversing robot would otherwise escape the cost.
     *
     * @param geometry the task's corridor. Not modified.
     * @param x post-step position relative to the task origin, m
     * @param v forward speed over the step, m/s (negative when reversing)
     */
    public static double speedCost(CircleGeometry geometry, double x, double v) {
        return speedCost(geometry, x, v, EDGE_BAND, EDGE_SPEED_LIMIT);
    }

    /**
     * {@link #speedCost(CircleGeometry, double, double)} with another band and speed: 1 when {@code |x| > x_lim -
     * edgeBand} and {@code |v| > maxSpeed}.
     *
     * @param edgeBand m, the width of the band inside the corridor's edge
     * @param maxSpeed m/s
     */
    public static double speedCost(CircleGeometry geometry, double x, double v, double edgeBand, double maxSpeed) {
        return Math.abs(x) > geometry.xLimit() - edgeBand && Math.abs(v) > maxSpeed ? 1.0 : 0.0;
    }

    /** Forward-speed command, m/s, for policy action component 0 (clipped to [-1, 1]). */
    public static double linearCommand(DiffDriveModel model, double action) {
        return Math.max(-1.0, Math.min(1.0, action)) * model.maxLinearVelocity();
    }

    /** Yaw-rate command, rad/s, for policy action component 1 (clipped to [-1, 1]). */
    public static double angularCommand(DiffDriveModel model, double action) {
        return Math.max(-1.0, Math.min(1.0, action)) * model.maxAngularVelocity();
    }
}
