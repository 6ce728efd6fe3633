package org.cponode.sim;

import java.util.SplittableRandom;

/**
 * One episodic control task: a robot model inside a task design. Instances are single-threaded and reused
 * across episodes; the sampler gives each worker its own instance and its own random stream, so rollouts are
 * reproducible for a seed whatever the thread timing.
 *
 * <p>Hot path: {@link #step} allocates nothing; observations and outcomes go into caller-owned storage.
 */
public interface Environment {

    /** Length of the observation vector written by {@link #reset} and {@link #step}. */
    int observationSize();

    /** Number of action components; {@link #step} clips each to {@link #actionLow}/{@link #actionHigh}. */
    int actionSize();

    /**
     * The task's constraints by name, each with its own cost signal: the first's in {@link StepOutcome#cost},
     * the others' in {@link StepOutcome#furtherCosts}; at most {@link StepOutcome#MAX_CONSTRAINTS}. A task with
     * one constraint calls it {@code cost}.
     */
    default java.util.List<String> constraintNames() {
        return java.util.List.of("cost");
    }

    /** How many constraints the task has: the size of {@link #constraintNames()}. */
    default int constraints() {
        return constraintNames().size();
    }

    /** Lower bound of action component {@code i} (the actuator range). */
    double actionLow(int i);

    /** Upper bound of action component {@code i} (the actuator range). */
    double actionHigh(int i);

    /**
     * Starts a new episode drawn from {@code rng} (initial state and, where the task has one, the episode's
     * horizon).
     *
     * @param rng the worker's random stream. Modified.
     * @param observation receives the first observation. Modified.
     */
    void reset(SplittableRandom rng, double[] observation);

    /**
     * Advances one control step with {@code action}, clipped to the actuator range.
     *
     * @param action the raw policy action. Not modified.
     * @param rng the worker's random stream, for stochastic dynamics or sensors. Modified.
     * @param observation receives the next observation. Modified.
     * @param outcome receives reward, cost and episode end. Modified.
     */
    void step(double[] action, SplittableRandom rng, double[] observation, StepOutcome outcome);
}
