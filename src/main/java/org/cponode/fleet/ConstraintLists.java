package org.cponode.fleet;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The per-constraint lists of the status and telemetry records: one entry per constraint of the robot's task, in
 * the task's order, each written under its name in the message's {@code constraints} object.
 */
final class ConstraintLists {

    private ConstraintLists() {
    }

    /**
     * Checks a record's constraints: at least one, and names that are distinct and not blank, as a JSON object's
     * keys must be.
     *
     * @param constraints the entries, in the task's order.
     * @param name an entry's constraint name.
     * @return an unmodifiable copy.
     */
    static <T> List<T> copyOf(List<T> constraints, Function<? super T, String> name) {
        if (constraints == null || constraints.isEmpty()) {
            throw new IllegalArgumentException("at least one constraint is required");
        }
        List<T> copy = List.copyOf(constraints);
        Set<String> seen = new HashSet<>();
        for (T constraint : copy) {
            String n = name.apply(constraint);
            if (n == null || n.isBlank() || !seen.add(n)) {
                throw new IllegalArgumentException("constraint names must be distinct and not blank, got "
                        + copy.stream().map(name).toList());
            }
        }
        return copy;
    }
}
