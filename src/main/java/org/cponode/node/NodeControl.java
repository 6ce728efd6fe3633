package org.cponode.node;


/**
 * The node's operations for a remote supervisor (the fleet link): learning pause/resume, e-stop and its
 * explicit release, each constraint's cost limit, and switching to a checkpointed policy version. Thread-safe; each call takes
 * effect at the next control step.
 */
public interface NodeControl {

    /** Stops collecting and updating; the current policy keeps driving (its mean action). */
    void pauseLearning();

    /** Resumes collecting and updating (no-op when the node runs without learning). */
    void resumeLearning();

    /** Latches the fleet e-stop: zero velocity until {@link #releaseEstop}. */
    void estop();

    /** Releases the fleet e-stop (the e-stop topic's latch is released by a false message on that topic). */
    void releaseEstop();

    /**
     * Sets one constraint's per-window cost budget of the supervisor and CPO's limit from the next update on.
     *
     * @param constraint the constraint's name; null names the only one of a one-constraint task
     * @throws IllegalArgumentException if the task has no such constraint (or null with several), or the limit is
     *     negative or not finite
     */
    void setCostLimit(String constraint, double limit);

    /**
     * Drives with policy version {@code version} from the checkpoint directory ({@code policy-v<version>.bin}).
     *
     * @throws IllegalArgumentException if there is no such checkpoint or it is for another observation layout
     */
    void loadPolicyVersion(long version);

    /** The node's state now. */
    NodeSnapshot snapshot();

    /**
     * Runs one operation for a remote caller and says why the node refused it, or null if it took it: a refusal is
     * the {@link IllegalArgumentException} or {@link IllegalStateException} the operation threw, and its message
     * the reason. Every remote interface (fleet commands, ROS services) answers with this, so they refuse alike.
     */
    static String refusal(Runnable operation) {
        try {
            operation.run();
            return null;
        } catch (IllegalArgumentException | IllegalStateException e) {
            return e.getMessage() == null ? e.toString() : e.getMessage();
        }
    }
}
