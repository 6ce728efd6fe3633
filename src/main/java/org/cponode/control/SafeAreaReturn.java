package org.cponode.control;

import org.cponode.task.DiffDriveModel;

/**
 * Drives a differential-drive robot back into its safe area the short way, and says how many control steps
 * that takes. The supervisor's budget fallback: a robot stopped outside the safe area keeps paying cost every
 * step until the window ends, so once the window's cost plus the steps needed to get back would reach the
 * budget, the robot is brought back instead, and stopped inside.
 *
 * <p>The way back keeps the robot's own track and bends it inwards, as a pursuit controller would: the robot
 * aims at a point {@link #LOOKAHEAD} ahead along the boundary, in the direction it is travelling, and
 * {@code depth} in from the boundary ({@code u} is the unit direction from the robot to the nearest point of
 * the safe area; {@code t}, u turned by 90 degrees, the boundary's direction there). It drives forward or in
 * reverse, whichever needs the smaller turn, so a robot that has just left the area backs straight in instead
 * of turning round:
 * <pre>
 *   depth   = max(distance + inset, 0) + APPROACH           aim past the parking line, to cross it at an angle
 *   a_s     = LOOKAHEAD ((s h) . t) t + depth u             s = +1 (forward) or -1 (reverse), h the heading
 *   e       = angle from s h to a_s, for the s whose turn, net of the current spin, is smaller (kept once
 *             chosen, see command)
 *   omega   = clamp(K e / omega_max, -1, 1)                 normalised, K = {@link #HEADING_GAIN}
 *   v       = s max(cos(e), 0)                              normalised, full speed when aligned
 * </pre>
 * Why not straight along {@code u}: a robot that leaves while running along the boundary, the usual way out,
 * would first turn on the spot, all of it outside, while bending its track in brings it back sooner (5 mm out,
 * parallel to the edge, on a robot 30 % weaker than the model and 2 steps late: 12 steps instead of 17). A
 * robot facing the boundary squarely has no along-track component and backs or drives straight in.
 *
 * <p>Estimated steps to get back to where it parks ({@code inset} inside the boundary, see below), one phase
 * after the other (they overlap in practice, so this errs long), each within the model's speed and acceleration
 * limits:
 * <pre>
 *   brake = max(|v| / a_max, |omega| / alpha_max)             stop the current motion
 *   T(s, w, b) = s >= w^2 / b ? s / w + w / b : 2 sqrt(s / b)  cover s from rest to rest, top speed w, accel b
 *   path  = (distance + inset) |a_s| / depth                   along the aim to the parking line
 *   steps = margin + ceil((brake + T(|e|, omega_max, alpha_max) + T(path, v_max, a_max)) / dt)
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

    /** How far ahead along its track the returning robot aims, m: sets how sharply it bends its track in. */
    public static final double LOOKAHEAD = 0.3;

    /**
     * How far past the parking line the returning robot aims, m, so that it crosses the line at an angle
     * instead of closing in on it ever more slowly.
     */
    public static final double APPROACH = 0.2;

    /**
     * Default reaction steps added to every estimate, for the node and the transfer trial alike: the value the
     * trial's defaults were measured with (its robot 30 % weaker and 2 steps late; with 8, six of six fine-tuning
     * trials ended under the limit, with 5 five; docs/SIM_TO_REAL.md), since a real robot's delay is not known in
     * advance.
     */
    public static final int DEFAULT_MARGIN_STEPS = 8;

    /** How much smaller, rad, the other direction's turn must be before a way back changes direction. */
    public static final double DIRECTION_SWITCH = Math.PI / 4;

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
        double forward = aimError(1, distance, cosYaw, sinYaw, ux, uy);
        double reverse = aimError(-1, distance, cosYaw, sinYaw, ux, uy);
        double turn = travelTime(Math.min(Math.abs(forward), Math.abs(reverse)), model.maxAngularVelocity(),
                model.maxAngularAcceleration());
        double depth = aimDepth(distance);
        double along = LOOKAHEAD * alongBoundary(cosYaw, sinYaw, ux, uy); // forward or in reverse, the same size
        double path = toPark * Math.sqrt(along * along + depth * depth) / depth;
        double drive = travelTime(path, model.maxLinearVelocity(), model.maxLinearAcceleration());
        return marginSteps + (int) Math.ceil((brake + turn + drive) / model.controlPeriod());
    }

    /**
     * Whether the supervisor must take over now: the window's cost plus the way back ({@link #stepsToReturn})
     * would reach the budget, counted from where the robot is or, when it is heading out, from where it will be
     * once it has reacted and stopped ({@link #predictedDistance}). The prediction lets the supervisor act
     * before the robot leaves, when leaving would already cost more than the budget has left; without it, the
     * earliest take-over is the first step outside, from where a slow robot may need more than the budget to
     * get back. A robot that stays inside and has cost nothing is left to the policy, however near the edge.
     */
    public boolean mustReturn(double windowCost, double budget, double distance, double cosYaw, double sinYaw,
            double ux, double uy, double linear, double angular) {
        double ahead = predictedDistance(distance, cosYaw, sinYaw, ux, uy, linear); // never short of distance
        if (!(ahead > 0) && !(windowCost > 0)) {
            return false;
        }
        return windowCost + stepsToReturn(ahead, cosYaw, sinYaw, ux, uy, linear, angular) >= budget;
    }

    /**
     * Signed distance outside the area (negative inside) where the robot will be if it keeps its velocity for the
     * margin's reaction steps and then brakes at the model's limit: its current distance when it is not moving
     * outwards.
     *
     * @param linear the current body velocity, m/s (negative in reverse)
     */
    public double predictedDistance(double distance, double cosYaw, double sinYaw, double ux, double uy,
            double linear) {
        double outward = -linear * (cosYaw * ux + sinYaw * uy); // m/s away from the area
        if (!(outward > 0)) {
            return distance;
        }
        double react = marginSteps * model.controlPeriod();
        return distance + outward * (react + Math.abs(linear) / (2 * model.maxLinearAcceleration()));
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
     * The normalised command (linear, angular in [-1, 1], as the diffdrive actions) that bends the robot's track
     * back into the area. Turns are counted from the heading the robot will have once its current turn has run
     * on through the reaction steps ({@code marginSteps}) and been braked: a robot already spinning one way swings
     * further before it can turn the other. The first command of a way back picks forward or reverse, whichever
     * then needs the smaller turn; later ones keep that direction until it would need more than a quarter turn
     * and more than the other, or {@link #DIRECTION_SWITCH} more than the other. Choosing afresh every step, a robot running along the edge,
     * where the two turns are nearly equal, had its command flip with its heading noise and stayed where it was,
     * outside, for 20 steps of a trial; measuring the kept direction from the heading now, without the swing, a
     * robot spinning the right way gave up its direction after one step and fought its own spin for 25.
     *
     * @param distance signed metres outside the safe area (negative inside)
     * @param angular the current turn rate, rad/s (counter-clockwise positive)
     * @param direction the direction this way back drives in: 0 for its first command, else what the previous
     *     command returned
     * @param action receives {linear, angular}. Modified.
     * @return the direction driven: +1 forward, -1 reverse
     */
    public int command(double distance, double cosYaw, double sinYaw, double ux, double uy, double angular,
            int direction, double[] action) {
        double forward = aimError(1, distance, cosYaw, sinYaw, ux, uy);
        double reverse = aimError(-1, distance, cosYaw, sinYaw, ux, uy);
        // The errors are measured from the heading now; the turn goes on through the reaction steps and then
        // brakes, which swings the heading by `swing` before any new command tells: both choices compare the
        // turns left from there.
        double swing = angular * (marginSteps * model.controlPeriod()
                + Math.abs(angular) / (2 * model.maxAngularAcceleration()));
        double forwardTurn = Math.abs(Math.IEEEremainder(forward - swing, 2 * Math.PI));
        double reverseTurn = Math.abs(Math.IEEEremainder(reverse - swing, 2 * Math.PI));
        int s;
        if (direction == 0) {
            s = forwardTurn <= reverseTurn ? 1 : -1;
        } else {
            int previous = Integer.signum(direction);
            double kept = previous > 0 ? forwardTurn : reverseTurn;
            double other = previous > 0 ? reverseTurn : forwardTurn;
            // Switch only to a smaller turn: both can exceed a quarter turn while the robot spins fast.
            s = (kept >= Math.PI / 2 && other < kept) || kept - other > DIRECTION_SWITCH ? -previous : previous;
        }
        double e = s > 0 ? forward : reverse;
        // Turning the last of a swing-assisted turn on the spot rather than driving against the chosen direction.
        action[0] = s * Math.max(0.0, Math.cos(e));
        action[1] = Math.max(-1.0, Math.min(1.0, HEADING_GAIN * e / model.maxAngularVelocity()));
        return s;
    }

    /** Angle from the direction of travel {@code s h} to its aim {@code a_s}, in (-pi, pi]. */
    private double aimError(int s, double distance, double cosYaw, double sinYaw, double ux, double uy) {
        double hx = s * cosYaw;
        double hy = s * sinYaw;
        double along = LOOKAHEAD * alongBoundary(hx, hy, ux, uy);
        double depth = aimDepth(distance);
        double ax = -uy * along + ux * depth;
        double ay = ux * along + uy * depth;
        return Math.atan2(hx * ay - hy * ax, hx * ax + hy * ay);
    }

    /** How far in from the boundary the aim lies, m: past the parking line, however deep the robot is. */
    private double aimDepth(double distance) {
        return Math.max(distance + inset, 0.0) + APPROACH;
    }

    /** Component of the direction (hx, hy) along the boundary direction t = (-uy, ux). */
    private static double alongBoundary(double hx, double hy, double ux, double uy) {
        return -hx * uy + hy * ux;
    }
}
