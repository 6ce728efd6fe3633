package org.cponode.sim;

/** Checks of caller-owned buffers, so a wrong size fails with a message instead of deep inside a step. */
final class Buffers {

    private Buffers() {}

    /** @throws IllegalArgumentException if {@code action} has fewer than {@code actionSize} components */
    static void requireAction(double[] action, int actionSize) {
        if (action.length < actionSize) {
            throw new IllegalArgumentException("action needs " + actionSize + " components, got " + action.length);
        }
    }

    /** @throws IllegalArgumentException if {@code observation} has fewer than {@code observationSize} entries */
    static void requireObservation(double[] observation, int observationSize) {
        if (observation.length < observationSize) {
            throw new IllegalArgumentException(
                    "observation buffer needs " + observationSize + " entries, got " + observation.length);
        }
    }
}
