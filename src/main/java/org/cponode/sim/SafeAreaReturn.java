package org.cponode.sim;

/**
 * Drives a differential-drive robot back into its safe area the short way, and says how many control steps
 * that takes. The supervisor's budget fallback: a robot stopped outside the safe area keeps paying cost every
 * step until the window ends, so once the window's cost plus the steps needed to get back would reach the
 * budget, the robot is brought back instead, and stopped inside.
 *
 * <p>The way back is the straight line along {@code u}, the unit direction from the robot to the nearest point
 * of the safe area. The robot drives forward when it faces along {@code u} and in reverse when it faces away
 * from it, so a robot that has just left the area backs straight in instead of turning round:
 * <pre>
 *   s       = sign(heading . u)                         forward (+1) or reverse (-1)
 *   e       = angle from heading to s u                 |e| <= pi/2
 *   omega   = clamp(K e / omega_max, -1, 1)             normalised, K = {@link #HEADING_GAIN}
 *   v       = s cos(e) (only while |e| < pi/2)          normalised, full speed when aligned
 * </pre>
 * Estimated steps to get back to where it parks ({@code inset} inside the boundary, see below), one phase
 * after the other (they overlap in practice, so this errs long), each within the model's speed and acceleration
 * limits:
 * <pre>
 *   brake = max(|v| / a_max, |omega| / alpha_max)             stop the current motion
 *   T(s, w, b) = s >= w^2 / b ? s / w + w / b : 2 sqrt(s / b)  cover s from rest to rest, top speed w, accel b
 *   steps = margin + ceil((brake + T(|e|, omega_max, alpha_max) + T(distance, v_max, a_max)) / dt)
 * </pre>
 * where {@code margin} covers reaction and actuation delay; a weaker or delayed robot needs more, so the caller
 * chooses it.
 *
 * <p>Where to stop: {@code inset} metres inside the boundary, not on it. Odometry is noisy, and a robot stopped
 * where its estimate first reads "inside" is often still outside, paying for every remaining step of the window.
 * Once parked it stays parked until its estimate reads outside again ({@link #parked}). Stateless and
 * allocation-free.
 */
public final class SafeAreaReturn {

    /** Heading gain K, rad/s of turn per rad of heading error (saturates at the model's limit). */
    public static final double HEADING_GAIN = 4.0;

    private final DiffDriveModel model;
    private final int marginSteps;
    private final double inset;

    /**
     * @param model the robot's speed limits and control period
     * @param marginSteps extra steps added to every estimate, >= 0
     * @param inset how far inside the boundary the robot stops, m, >= 0
     */
    public SafeAreaReturn(DiffDriveModel model, int marginSteps, double inset) {
        if (marginSteps < 0) {
            throw new IllegalArgumentException("return margin must be >= 0 steps, got " + marginSteps);
        }
        if (!(inset >= 0) || !Double.isFinite(inset)) {
            throw new IllegalArgumentException("return inset must be finite and >= 0 m, got " + inset);
        }
        this.model = model;
        this.marginSteps = marginSteps;
        this.inset = inset;
    }

    /**
     * Whether the returning robot should stand still: it parks once it is {@code inset} inside the boundary and
     * drives again only if it reads outside again (hysteresis against odometry noise).
     *
     * @param wasParked whether it was parked at the previous step
     * @param signedDistance metres outside the area (negative inside)
     */
    public boolean parked(boolean wasParked, double signedDistance) {
        return wasParked ? signedDistance <= 0 : signedDistance <= -inset;
    }

    /**
     * Control steps needed to get back to the parking line {@code inset} inside the safe area; 0 when already
     * past it. Counted from the estimate the robot has of its position: with odometry that drifts, a robot that
     * reads "just inside" may be outside, which is why a robot within the inset of the boundary counts too.
     *
     * @param distance signed metres outside the safe area (negative inside)
     * @param cosYaw heading x component
     * @param sinYaw heading y component
     * @param ux unit direction into the area, x
     * @param uy unit direction into the area, y
     * @param linear the current body velocity, m/s
     * @param angular the current turn rate, rad/s
     */
    public int stepsToReturn(double distance, double cosYaw, double sinYaw, double ux, double uy, double linear,
            double angular) {
        double toPark = distance + inset;
        if (!(toPark > 0)) {
            return 0;
        }
        double brake = Math.max(Math.abs(linear) / model.maxLinearAcceleration(),
                Math.abs(angular) / model.maxAngularAcceleration());
        double turn = travelTime(Math.abs(headingError(cosYaw, sinYaw, ux, uy)), model.maxAngularVelocity(),
                model.maxAngularAcceleration());
        double drive = travelTime(toPark, model.maxLinearVelocity(), model.maxLinearAcceleration());
        return marginSteps + (int) Math.ceil((brake + turn + drive) / model.controlPeriod());
    }

    /**
     * Whether the supervisor must take over now: some of the window's budget is spent, and its cost plus the
     * way back ({@link #stepsToReturn}) would reach the budget.
     */
    public boolean mustReturn(double windowCost, double budget, double distance, double cosYaw, double sinYaw,
            double ux, double uy, double linear, double angular) {
        return windowCost > 0
                && windowCost + stepsToReturn(distance, cosYaw, sinYaw, ux, uy, linear, angular) >= budget;
    }

    /** The model whose limits the estimates and the normalised commands refer to. */
    public DiffDriveModel model() {
        return model;
    }

    /** How far inside the boundary the robot parks, m. */
    public double inset() {
        return inset;
    }

    /** Time to cover s from rest to rest with top speed w and acceleration b (trapezoid or triangle profile). */
    private static double travelTime(double s, double w, double b) {
        return s >= w * w / b ? s / w + w / b : 2 * Math.sqrt(s / b);
    }

    /**
     * The normalised command (linear, angular in [-1, 1], as the diffdrive actions) that drives along {@code u}.
     *
     * @param action receives {linear, angular}. Modified.
     */
    public void command(double cosYaw, double sinYaw, double ux, double uy, double[] action) {
        double e = headingError(cosYaw, sinYaw, ux, uy);
        double forward = cosYaw * ux + sinYaw * uy >= 0 ? 1.0 : -1.0;
        action[0] = forward * Math.cos(e); // |e| <= pi/2, so never against the chosen direction
        action[1] = Math.max(-1.0, Math.min(1.0, HEADING_GAIN * e / model.maxAngularVelocity()));
    }

    /** Angle from the heading to {@code s u}, where s picks forward or reverse: in [-pi/2, pi/2]. */
    private static double headingError(double cosYaw, double sinYaw, double ux, double uy) {
        double dot = cosYaw * ux + sinYaw * uy;
        double cross = cosYaw * uy - sinYaw * ux;
        if (dot < 0) {
            dot = -dot;
            cross = -cross;
        }
        return Math.atan2(cross, dot);
    }

    /** For the circle task's corridor {@code |x| <= x_lim}: signed metres outside it at x (negative inside). */
    public static double corridorDistance(CircleGeometry geometry, double x) {
        return Math.abs(x) - geometry.xLimit();
    }

    /** For the corridor: the x component of the direction into (deeper into) it at x (the y component is 0). */
    public static double corridorDirection(double x) {
        return x > 0 ? -1.0 : 1.0;
    }
}
