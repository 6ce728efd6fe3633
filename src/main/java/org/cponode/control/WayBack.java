package org.cponode.control;

import org.cponode.task.DiffDriveModel;
import org.cponode.task.DiffDriveTask;

/**
 * The "return" fallback as a command source: {@link SafeAreaReturn} at the node's speed limits and rate, with
 * the direction it committed to in this window. Control thread only; allocation-free.
 */
final class WayBack {

    private final SafeAreaReturn returner;
    private final double[] action = new double[DiffDriveTask.ACTION_SIZE];
    /** The direction the way back drives in, 0 before its first command in the window. */
    private int direction;

    WayBack(ControlSettings s) {
        DiffDriveModel trained = DiffDriveTask.MODEL;
        this.returner = new SafeAreaReturn(trained.withLimits(
                Math.min(trained.maxLinearVelocity(), s.maxLinearVelocity()),
                Math.min(trained.maxAngularVelocity(), s.maxAngularVelocity()),
                s.maxLinearAcceleration(), s.maxAngularAcceleration(), s.controlRate()),
                s.returnMarginSteps(), s.returnInset());
    }

    SafeAreaReturn returner() {
        return returner;
    }

    /** A new window: the next way back chooses its direction afresh. */
    void reset() {
        direction = 0;
    }

    /** Drives one step of the way back through {@code actuator}. */
    void drive(Actuator actuator, double now, double outside, double cosYaw, double sinYaw, double ux, double uy,
            double angular) {
        direction = returner.command(outside, cosYaw, sinYaw, ux, uy, angular, direction, action);
        actuator.drive(now, DiffDriveTask.linearCommand(returner.model(), action[0]),
                DiffDriveTask.angularCommand(returner.model(), action[1]));
    }
}
