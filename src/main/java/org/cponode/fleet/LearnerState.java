package org.cponode.fleet;

/** Learner state reported in the retained status message (JSON: the lower-case name). */
public enum LearnerState {
    /** Not learning yet (starting, or running a fixed policy). */
    IDLE,
    /** Collecting rollouts and updating the policy. */
    LEARNING,
    /** Policy updates paused by an operator; the current policy keeps running. */
    PAUSED,
    /** Stopped by a fault; needs operator attention. */
    FAULT;

    /** @return the JSON spelling, e.g. {@code "learning"}. */
    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
