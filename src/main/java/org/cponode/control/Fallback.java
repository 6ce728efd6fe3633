package org.cponode.control;

/** What the supervisor runs for the rest of a window once its cost budget is spent. */
public enum Fallback {
    /** Zero velocity. */
    STOP("stop"),
    /**
     * The deterministic action of the last policy version whose charged cost (with {@link InterventionCharge#BOUND},
     * a supervised window counts the rest of the window) was within the limit.
     */
    LAST_SAFE("last_safe"),
    /**
     * Back into the safe area the short way, then zero velocity; starts early enough that the way back fits in
     * the budget (window cost + steps to get back >= budget, counted from where a robot heading out will be once
     * it has reacted, so it may start before the robot leaves), so the window ends near its budget.
     */
    RETURN("return");

    private final String id;

    Fallback(String id) {
        this.id = id;
    }

    /** The parameter value. */
    public String id() {
        return id;
    }

    /**
     * The fallback named {@code id}.
     *
     * @throws IllegalArgumentException for any other name, listing the valid ones (the caller names what it got)
     */
    public static Fallback parse(String id) {
        for (Fallback f : values()) {
            if (f.id.equals(id)) {
                return f;
            }
        }
        throw new IllegalArgumentException("must be \"stop\", \"last_safe\" or \"return\"");
    }

}
