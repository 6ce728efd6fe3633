package org.cponode.sim;

/**
 * Exact unicycle integration for a velocity held constant over one period (zero-order hold), the model of a
 * differential-drive robot whose wheel speeds change only at control ticks.
 *
 * <pre>
 *   yaw' = yaw + omega dt
 *   (x', y') = (x, y) + v dt sinc(omega dt / 2) (cos(yaw + omega dt / 2), sin(yaw + omega dt / 2))
 * </pre>
 *
 * The chord form {@code v dt sinc(h)} equals the arc's {@code (2 v / omega) sin(omega dt / 2)} and stays
 * accurate as {@code omega -> 0}, where the textbook {@code v / omega (sin(yaw') - sin(yaw))} cancels
 * catastrophically.
 */
public final class Unicycle {

    /** Index of x in a pose array {x, y, yaw}. */
    static final int X = 0;
    /** Index of y in a pose array. */
    static final int Y = 1;
    /** Index of the yaw angle in a pose array. */
    static final int YAW = 2;

    /** Below this |h| the sinc series (error O(h^6) < 1e-18) replaces sin(h)/h. */
    private static final double SERIES_LIMIT = 1e-3;

    private Unicycle() {}

    /**
     * Moves {@code pose} along the arc driven by (v, omega) for {@code dt}.
     *
     * @param pose {x, y, yaw}, m and rad. Modified.
     */
    public static void integrate(double[] pose, double v, double omega, double dt) {
        double halfTurn = 0.5 * omega * dt;
        double chord = v * dt * sinc(halfTurn);
        double chordHeading = pose[YAW] + halfTurn;
        pose[X] += chord * Math.cos(chordHeading);
        pose[Y] += chord * Math.sin(chordHeading);
        pose[YAW] += omega * dt;
    }

    /** sin(h) / h, with the limit 1 at h = 0. */
    static double sinc(double h) {
        if (Math.abs(h) < SERIES_LIMIT) {
            double h2 = h * h;
            return 1.0 - h2 / 6.0 * (1.0 - h2 / 20.0);
        }
        return Math.sin(h) / h;
    }
}
