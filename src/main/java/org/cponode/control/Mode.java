package org.cponode.control;

/** What drives the robot at a control step. */
public enum Mode {
    /** The current policy acts (sampled actions while learning, the mean otherwise). */
    RUNNING,
    /**
     * Zero velocity for the rest of the window: its cost budget is spent and the fallback is "stop" (or no safe
     * version exists), or the "return" fallback has brought the robot back into the safe area.
     */
    FALLBACK_STOP,
    /** The window's cost budget is spent: the last policy version measured within the limit acts (its mean). */
    FALLBACK_LAST_SAFE,
    /**
     * The window's cost budget is nearly spent and the fallback is "return": the robot drives back into the safe
     * area the short way ({@link org.cponode.control.SafeAreaReturn}), then stops for the rest of the window.
     */
    FALLBACK_RETURN,
    /** An obstacle inside the range sensor's stop zone in the direction of travel: zero velocity this step. */
    ZONE_STOP,
    /** A supervisor fault: zero velocity until the data is healthy. */
    FAULT,
    /** E-stop latched: zero velocity until an explicit release. */
    ESTOP,
    /** The node is shutting down: zero velocity. */
    STOPPED
}
