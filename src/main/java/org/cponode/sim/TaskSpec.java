package org.cponode.sim;

import java.util.HashSet;
import java.util.List;

/**
 * A task's training defaults, as the paper ran it (Achiam et al. 2017, App. 10.3) or, for the
 * tasks the paper did not have, as chosen and justified in {@link Tasks}. The trainer reads these unless the
 * user overrides them.
 *
 * @param name the task's registry name, e.g. {@code point-circle}
 * @param description one line on what the robot must do and what costs
 * @param constraints the task's constraints in its environments' order ({@link Environment#constraintNames()}),
 *     each with its default limit; at least one, at most {@link StepOutcome#MAX_CONSTRAINTS}
 * @param maxEpisodeLength the longest episode in steps (a sampler's buffer bound per path)
 * @param batchSize environment steps collected per policy update
 * @param gamma reward (and cost) discount
 * @param gaeLambda GAE lambda for reward advantages
 * @param costGaeLambda GAE lambda for cost advantages
 * @param observationLayout identifier of the observation definition, stored with trained policies so that a
 *     policy is never run on observations of another layout; bump its version when the layout changes
 */
public record TaskSpec(
        String name,
        String description,
        List<Constraint> constraints,
        int maxEpisodeLength,
        int batchSize,
        double gamma,
        double gaeLambda,
        double costGaeLambda,
        String observationLayout) {

    /**
     * One constraint of a task.
     *
     * @param name its name, as the task's environments call it and progress.csv's columns name it
     * @param limit the default limit d on its expected undiscounted cost return per episode
     */
    public record Constraint(String name, double limit) {
        public Constraint {
            if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
                throw new IllegalArgumentException("a constraint name is lower-case letters, digits and _, got '"
                        + name + "'");
            }
            if (!(limit >= 0) || !Double.isFinite(limit)) {
                throw new IllegalArgumentException(name + ": cost limit must be finite and >= 0, got " + limit);
            }
        }
    }

    public TaskSpec {
        if (name == null || name.isBlank() || description == null || observationLayout == null
                || observationLayout.isBlank()) {
            throw new IllegalArgumentException("task spec needs a name, a description and an observation layout");
        }
        if (constraints == null || constraints.isEmpty() || constraints.size() > StepOutcome.MAX_CONSTRAINTS) {
            throw new IllegalArgumentException(name + ": needs 1 to " + StepOutcome.MAX_CONSTRAINTS
                    + " constraints, got " + (constraints == null ? 0 : constraints.size()));
        }
        constraints = List.copyOf(constraints);
        if (new HashSet<>(constraintNames(constraints)).size() != constraints.size()) {
            throw new IllegalArgumentException(name + ": constraint names must differ, got "
                    + constraintNames(constraints));
        }
        if (maxEpisodeLength < 1 || batchSize < maxEpisodeLength) {
            throw new IllegalArgumentException(name + ": need 1 <= maxEpisodeLength <= batchSize, got "
                    + maxEpisodeLength + " and " + batchSize);
        }
        if (!(gamma > 0 && gamma <= 1) || !(gaeLambda >= 0 && gaeLambda <= 1)
                || !(costGaeLambda >= 0 && costGaeLambda <= 1)) {
            throw new IllegalArgumentException(name + ": need gamma in (0, 1] and lambdas in [0, 1], got "
                    + gamma + ", " + gaeLambda + ", " + costGaeLambda);
        }
    }

    /** The constraints' names, in order. */
    public List<String> constraintNames() {
        return constraintNames(constraints);
    }

    /** Every constraint's default limit, in order. */
    public double[] costLimits() {
        return constraints.stream().mapToDouble(Constraint::limit).toArray();
    }

    /** The first constraint's default limit (a one-constraint task's only one). */
    public double costLimit() {
        return constraints.getFirst().limit();
    }

    private static List<String> constraintNames(List<Constraint> constraints) {
        return constraints.stream().map(Constraint::name).toList();
    }
}
