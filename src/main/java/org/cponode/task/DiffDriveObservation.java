package org.cponode.task;

/**
 * The {@code diffdrive-circle} observation, computed only from what a real robot's odometry gives: pose
 * (x, y, yaw) relative to the task origin and the measured body velocity (v, omega). The simulator and the ROS
 * node both call {@link #write}, so a policy trained in simulation sees identically built inputs on the robot.
 *
 * <p>Layout ({@link #SIZE} = 10), every entry dimensionless and of order 1 in the task's working range:
 * <pre>
 *   0  X_OVER_RADIUS       x / d
 *   1  Y_OVER_RADIUS       y / d
 *   2  RADIAL_ERROR        r / d - 1                       0 on the target circle
 *   3  CORRIDOR_MARGIN     |x| / x_lim - 1                 > 0 exactly when the step costs 1
 *   4  COS_YAW             cos(yaw)
 *   5  SIN_YAW             sin(yaw)
 *   6  TANGENTIAL_HEADING  heading . (-y, x) / r           1 when driving counter-clockwise along the circle
 *   7  RADIAL_HEADING      heading . (x, y) / r            1 when driving straight away from the origin
 *   8  LINEAR_VELOCITY     v / v_max
 *   9  ANGULAR_VELOCITY    omega / omega_max
 * </pre>
 * with r = ||(x, y)||, d = the geometry's target radius, x_lim its corridor half-width, heading =
 * (cos yaw, sin yaw), and v_max, omega_max the model's limits. Yaw enters only through cos and sin, so
 * odometry's wrap-around convention does not matter. At the origin (r below 1e-9 m) the two heading
 * projections are 0, the value their average over directions would have.
 */
public final class DiffDriveObservation {

    /** Observation length. */
    public static final int SIZE = 10;

    /** Identifier of this layout, stored with trained policies; bump it whenever the layout changes. */
    public static final String LAYOUT = "diffdrive-circle/v1";
    /** Index of x / d. */
    public static final int X_OVER_RADIUS = 0;
    /** Index of y / d. */
    public static final int Y_OVER_RADIUS = 1;
    /** Index of r / d - 1. */
    public static final int RADIAL_ERROR = 2;
    /** Index of |x| / x_lim - 1. */
    public static final int CORRIDOR_MARGIN = 3;
    /** Index of cos(yaw). */
    public static final int COS_YAW = 4;
    /** Index of sin(yaw). */
    public static final int SIN_YAW = 5;
    /** Index of the heading's component along the counter-clockwise tangent. */
    public static final int TANGENTIAL_HEADING = 6;
    /** Index of the heading's component along the outward radius. */
    public static final int RADIAL_HEADING = 7;
    /** Index of v / v_max. */
    public static final int LINEAR_VELOCITY = 8;
    /** Index of omega / omega_max. */
    public static final int ANGULAR_VELOCITY = 9;

    private static final double MIN_RADIUS = 1e-9;

    private DiffDriveObservation() {}

    /**
     * Writes the observation for one odometry sample; allocates nothing.
     *
     * @param geometry the task's circle and corridor. Not modified.
     * @param model the robot whose limits scale the velocities. Not modified.
     * @param x position relative to the task origin, m
     * @param y position relative to the task origin, m
     * @param yaw heading relative to the task origin's x axis, rad
     * @param v measured forward speed, m/s
     * @param omega measured yaw rate, rad/s
     * @param out receives {@link #SIZE} values at {@code out[offset..offset+SIZE-1]}. Modified.
     * @param offset first index written
     * @throws IllegalArgumentException if an input is NaN or infinite, or {@code out} is too short
     */
    public static void write(CircleGeometry geometry, DiffDriveModel model, double x, double y, double yaw,
            double v, double omega, double[] out, int offset) {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(yaw) || !Double.isFinite(v)
                || !Double.isFinite(omega)) {
            throw new IllegalArgumentException("odometry must be finite, got x=" + x + " y=" + y + " yaw=" + yaw
                    + " v=" + v + " omega=" + omega);
        }
        if (offset < 0 || out.length - offset < SIZE) {
            throw new IllegalArgumentException("observation needs " + SIZE + " entries from offset " + offset
                    + ", buffer has " + out.length);
        }
        double d = geometry.targetRadius();
        double r = Math.sqrt(x * x + y * y);
        double cos = Math.cos(yaw);
        double sin = Math.sin(yaw);
        out[offset + X_OVER_RADIUS] = x / d;
        out[offset + Y_OVER_RADIUS] = y / d;
        out[offset + RADIAL_ERROR] = r / d - 1.0;
        out[offset + CORRIDOR_MARGIN] = Math.abs(x) / geometry.xLimit() - 1.0;
        out[offset + COS_YAW] = cos;
        out[offset + SIN_YAW] = sin;
        if (r < MIN_RADIUS) {
            out[offset + TANGENTIAL_HEADING] = 0.0;
            out[offset + RADIAL_HEADING] = 0.0;
        } else {
            out[offset + TANGENTIAL_HEADING] = (-y * cos + x * sin) / r;
            out[offset + RADIAL_HEADING] = (x * cos + y * sin) / r;
        }
        out[offset + LINEAR_VELOCITY] = v / model.maxLinearVelocity();
        out[offset + ANGULAR_VELOCITY] = omega / model.maxAngularVelocity();
    }
}
