package org.cponode.fleet;

/**
 * What the robot reports in its retained status message besides online/offline. The link adds
 * {@code state}, {@code robot_id} and {@code ts}; see docs/FLEET.md for the JSON.
 *
 * @param learner learner state.
 * @param policyVersion version of the policy the robot is running, ≥ 0.
 * @param estopLatched true while an emergency stop is latched.
 * @param costLimit the CPO cost limit in force (finite).
 */
public record FleetStatus(LearnerState learner, int policyVersion, boolean estopLatched, double costLimit) {

    /** Checks the fields. */
    public FleetStatus {
        if (learner == null) {
            throw new IllegalArgumentException("learner state is required");
        }
        if (policyVersion < 0) {
            throw new IllegalArgumentException("policy version must be >= 0, got " + policyVersion);
        }
        if (!Double.isFinite(costLimit)) {
            throw new IllegalArgumentException("cost limit must be finite, got " + costLimit);
        }
    }
}
