package org.cponode.sim;

/**
 * What one {@link Environment#step} produced. Mutable and caller-owned so the rollout loop allocates nothing.
 */
public final class StepOutcome {
    /** Task reward for this step. */
    public double reward;
    /** The most constraints a task may declare (the learner's multi-constraint step enumerates 2^m faces). */
    public static final int MAX_CONSTRAINTS = 12;

    /** Cost of the task's first constraint for this step (for the paper's tasks 0 or 1). */
    public double cost;
    /**
     * Costs of the task's further constraints for this step, constraint {@code k + 1} at index k; entries past
     * the task's {@link Environment#constraints()} stay 0. Sized for the largest task, so that every caller's
     * outcome fits every task.
     */
    public final double[] furtherCosts = new double[MAX_CONSTRAINTS - 1];
    /** The episode reached a true terminal state: the value of the next state is 0. */
    public boolean terminal;
    /** The episode was cut by its horizon: the next state's value is bootstrapped. */
    public boolean truncated;

    /** True when the episode ended for either reason. */
    public boolean done() {
        return terminal || truncated;
    }

    /** Clears every field before a step writes it. */
    public void clear() {
        reward = 0;
        cost = 0;
        java.util.Arrays.fill(furtherCosts, 0.0);
        terminal = false;
        truncated = false;
    }
}
