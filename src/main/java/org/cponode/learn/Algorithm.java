package org.cponode.learn;

import java.util.Locale;

/** The policy-update rules cpo-node offers, selected with {@code --algo}. */
public enum Algorithm {
    /** Constrained Policy Optimization: trust region plus a linearised cost constraint. */
    CPO,
    /** Trust Region Policy Optimization: ignores the cost (the unconstrained baseline). */
    TRPO,
    /** Primal-dual optimisation: TRPO on a Lagrangian whose multiplier follows the cost. */
    PDO,
    /** TRPO on a Lagrangian whose multiplier a PID controller of the cost sets (OmniSafe's TRPOPID). */
    PID;

    /** Parses {@code cpo}, {@code trpo}, {@code pdo} or {@code pid} (any case) with a clear error otherwise. */
    public static Algorithm parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown algorithm '" + name + "' (expected cpo, trpo, pdo or pid)");
        }
    }

    /** Lower-case name as used on the command line and in files. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
