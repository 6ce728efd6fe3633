package org.cponode.sim;

/**
 * What one {@link Environment#step} produced. Mutable and caller-owned so the rollout loop allocates nothing.
 */
public final class StepOutcome {
    /** Task reward for this step. */
    public double reward;
    /** Constraint cost for this step (for the paper's tasks 0 or 1). */
    public double cost;
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
        terminal = false;
        truncated = false;
    }
}
