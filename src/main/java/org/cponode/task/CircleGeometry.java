package org.cponode.task;

/**
 * The Circle task's geometry (Achiam et al. 2017, Sec. 8): the robot is rewarded for running along a circle of
 * radius {@code targetRadius} around the origin and pays cost 1 for every step its x coordinate leaves the
 * safe corridor {@code |x| <= xLimit}. Coordinates are relative to the task origin.
 *
 * <pre>
 *   R = v . [-y, x] / (1 + | ||(x, y)|| - d |)        C = 1[ |x| > x_lim ]
 * </pre>
 *
 * @param targetRadius d, the target circle's radius (world units; metres for the real-scale task)
 * @param xLimit x_lim, the half-width of the safe corridor
 */
public record CircleGeometry(double targetRadius, double xLimit) {

    /** The paper's Point-Circle constants: d = 15, x_lim = 2.5. */
    public static final CircleGeometry POINT = new CircleGeometry(15.0, 2.5);

    /** The room-sized circle of the {@code diffdrive-circle} task and of the Gazebo world: d = 1.5 m, x_lim = 0.5 m. */
    public static final CircleGeometry ROOM = new CircleGeometry(1.5, 0.5);

    /** The most one step can cost: the cost is an indicator. */
    public static final double MAX_STEP_COST = 1.0;

    public CircleGeometry {
        if (!(targetRadius > 0) || !(xLimit > 0) || !Double.isFinite(targetRadius) || !Double.isFinite(xLimit)) {
            throw new IllegalArgumentException(
                    "circle geometry needs finite targetRadius > 0 and xLimit > 0, got " + targetRadius + ", " + xLimit);
        }
    }

    /** Circle reward for velocity (vx, vy) at position (x, y): tangential progress, damped off the circle. */
    public double reward(double x, double y, double vx, double vy) {
        double r = Math.sqrt(x * x + y * y);
        return (-y * vx + x * vy) / (1.0 + Math.abs(r - targetRadius));
    }

    /** Safe-area cost: 1 outside the corridor {@code |x| <= xLimit}, else 0. */
    public double cost(double x) {
        return Math.abs(x) > xLimit ? MAX_STEP_COST : 0.0;
    }

    /** Signed metres outside the corridor {@code |x| <= x_lim} at x (negative inside). */
    public double corridorDistance(double x) {
        return Math.abs(x) - xLimit;
    }

    /** The x component of the direction into (deeper into) the corridor at x (the y component is 0). */
    public static double corridorDirection(double x) {
        return x > 0 ? -1.0 : 1.0;
    }
}
