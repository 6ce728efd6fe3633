package org.cponode.fleet;

import java.util.Set;

/**
 * The command verbs, each on topic {@code <prefix>/<robot_id>/cmd/<verb>}, with the payload fields each one
 * allows besides {@code seq} and {@code ts}. Payload formats: docs/FLEET.md.
 */
public enum FleetCommand {
    /** {@link FleetCommandHandler#pauseLearning()}. */
    PAUSE_LEARNING("pause_learning", Set.of()),
    /** {@link FleetCommandHandler#resumeLearning()}. */
    RESUME_LEARNING("resume_learning", Set.of()),
    /** {@link FleetCommandHandler#estop(String)}; optional {@code reason} string. */
    ESTOP("estop", Set.of("reason")),
    /** {@link FleetCommandHandler#releaseEstop()}. */
    RELEASE_ESTOP("release_estop", Set.of()),
    /**
     * {@link FleetCommandHandler#setCostLimit(String, double)}; required number {@code limit}, and string
     * {@code constraint}, which only a robot whose task has one constraint lets an operator leave out.
     */
    SET_COST_LIMIT("set_cost_limit", Set.of("constraint", "limit")),
    /** {@link FleetCommandHandler#loadPolicy(int)}; required integer {@code version}. */
    LOAD_POLICY("load_policy", Set.of("version"));

    private final String verb;
    private final Set<String> argumentFields;

    FleetCommand(String verb, Set<String> argumentFields) {
        this.verb = verb;
        this.argumentFields = argumentFields;
    }

    /** @return the topic level and JSON spelling, e.g. {@code "set_cost_limit"}. */
    public String verb() {
        return verb;
    }

    /** @return payload fields this verb takes besides {@code seq} and {@code ts}. */
    public Set<String> argumentFields() {
        return argumentFields;
    }

    /**
     * @param verb a topic level.
     * @return the command with that verb, or null if there is none.
     */
    public static FleetCommand fromVerb(String verb) {
        for (FleetCommand command : values()) {
            if (command.verb.equals(verb)) {
                return command;
            }
        }
        return null;
    }
}
