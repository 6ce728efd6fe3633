package org.cponode.control;

import org.cponode.task.DiffDriveModel;
import org.cponode.task.DiffDriveTask;

/**
 * The "return" fallback as a command source: {@link SafeAreaReturn} at the node's speed limits and rate, with
 * the direction it committed to in this window. Control thread only; allocation-free but for
 * {@link #setSpeedLimits}.
 */
final class WayBack {

    private final ControlSettings settings;
    private SafeAreaReturn returner;
    private final double[] action = new double[DiffDriveTask.ACTION_SIZE];
    /** The direction the way back drives in, 0 before its first command in the window. */
    private int direction;
    private final double xLimit;
    /**
     * Metres added to the odometry's x: the least drift that explains a cost measured at a pose odometry read as
     * inside the corridor; 0 at the start of every window.
     */
    private double odometryShift;

    /**
     * With a {@code speed} constraint the way back drives at most this fraction of the speed it charges: it is
     * called in when that constraint's budget is spent as well, and must not keep paying it; the margin covers a
     * robot that overshoots its command and odometry noise on the measured speed.
     */
    static final double SPEED_CONSTRAINT_MARGIN = 0.9;

    WayBack(ControlSettings s) {
        this.settings = s;
        this.xLimit = s.geometry().xLimit();
        setSpeedLimits(s.maxLinearVelocity(), s.maxAngularVelocity());
    }

    /**
     * Drives, and estimates the way back, within these speed limits (and the trained model's) from now on; the
     * window's direction and odometry shift stay. Allocates: call when the limits change, not every step.
     */
    void setSpeedLimits(double maxLinearVelocity, double maxAngularVelocity) {
        DiffDriveModel trained = DiffDriveTask.MODEL;
        double linear = Math.min(trained.maxLinearVelocity(), maxLinearVelocity);
        if (settings.constraintNames().contains(ConstraintCosts.SPEED)) {
            linear = Math.min(linear, SPEED_CONSTRAINT_MARGIN * DiffDriveTask.EDGE_SPEED_LIMIT);
        }
        returner = new SafeAreaReturn(trained.withLimits(linear,
                Math.min(trained.maxAngularVelocity(), maxAngularVelocity),
                settings.maxLinearAcceleration(), settings.maxAngularAcceleration(), settings.controlRate()),
                settings.returnMarginSteps(), settings.returnInset());
    }

    /**
     * The corridor x the way back works from: odometry's, shifted by the drift a measured cost has revealed. A
     * step that cost something ended outside, whatever odometry says; when odometry reads inside after one, the
     * odometry has drifted at least to the nearer edge (the likelier side), for the rest of the window. With the
     * cost computed from odometry the two never disagree and the shift stays 0.
     */
    double correctedX(double x, double stepCost) {
        double corrected = x + odometryShift;
        if (stepCost > 0 && Math.abs(corrected) < xLimit) {
            double edge = corrected < 0 ? -xLimit : xLimit;
            odometryShift += edge - corrected;
            corrected = edge;
        }
        return corrected;
    }

    SafeAreaReturn returner() {
        return returner;
    }

    /** A new window: the next way back chooses its direction afresh. */
    void reset() {
        direction = 0;
        odometryShift = 0;
    }

    /**
     * One step of the way back.
     *
     * @param command receives forward speed (m/s) and yaw rate (rad/s). Modified.
     */
    void command(double outside, double cosYaw, double sinYaw, double ux, double uy, double angular,
            double[] command) {
        direction = returner.command(outside, cosYaw, sinYaw, ux, uy, angular, direction, action);
        command[0] = DiffDriveTask.linearCommand(returner.model(), action[0]);
        command[1] = DiffDriveTask.angularCommand(returner.model(), action[1]);
    }
}
