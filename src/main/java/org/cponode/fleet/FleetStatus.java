package org.cponode.fleet;

import java.util.List;

/**
 * What the robot reports in its retained status message besides online/offline. The link adds
 * {@code state}, {@code robot_id} and {@code ts}; see docs/FLEET.md for the JSON.
 *
 * @param learner learner state.
 * @param policyVersion version of the policy the robot is running, ≥ 0.
 * @param estopLatched true while an emergency stop is latched.
 * @param constraints every constraint of the robot's task with its limit, in the task's order ({@code constraints});
 *     copied.
 */
public record FleetStatus(LearnerState learner, int policyVersion, boolean estopLatched, List<Constraint> constraints) {

    /**
     * One constraint's entry, under its name in {@code constraints}.
     *
     * @param name the constraint's name, as {@code set_cost_limit} takes it.
     * @param costLimit its cost limit in force ({@code cost_limit}, cost units per window), finite.
     */
    public record Constraint(String name, double costLimit) {

        /** Checks the limit. */
        public Constraint {
            if (!Double.isFinite(costLimit)) {
                throw new IllegalArgumentException("cost limit of " + name + " must be finite, got " + costLimit);
            }
        }
    }

    /** Checks the fields. */
    public FleetStatus {
        if (learner == null) {
            throw new IllegalArgumentException("learner state is required");
        }
        if (policyVersion < 0) {
            throw new IllegalArgumentException("policy version must be >= 0, got " + policyVersion);
        }
        constraints = ConstraintLists.copyOf(constraints, Constraint::name);
    }
}
