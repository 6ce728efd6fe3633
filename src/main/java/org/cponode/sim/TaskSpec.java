package org.cponode.sim;

/**
 * A task's training defaults, as the paper ran it (Achiam et al. 2017, App. 10.3) or, for the
 * tasks the paper did not have, as chosen and justified in {@link Tasks}. The trainer reads these unless the
 * user overrides them.
 *
 * @param name the task's registry name, e.g. {@code point-circle}
 * @param description one line on what the robot must do and what costs
 * @param costLimit the constraint limit d on the expected undiscounted cost return per episode
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
        double costLimit,
        int maxEpisodeLength,
        int batchSize,
        double gamma,
        double gaeLambda,
        double costGaeLambda,
        String observationLayout) {

    public TaskSpec {
        if (name == null || name.isBlank() || description == null || observationLayout == null
                || observationLayout.isBlank()) {
            throw new IllegalArgumentException("task spec needs a name, a description and an observation layout");
        }
        if (!(costLimit >= 0) || !Double.isFinite(costLimit)) {
            throw new IllegalArgumentException(name + ": cost limit must be finite and >= 0, got " + costLimit);
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
}
