package org.cponode.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides whether an incoming command message may reach the {@link FleetCommandHandler}: right topic (this
 * robot's {@code cmd/<verb>}), not retained, bounded size, strict JSON with exactly the allowed fields,
 * values of the right type and range, a timestamp within the staleness window and a {@code seq} above the
 * last accepted one. The broker's ACL is the first line of defence; this is the robot's own.
 *
 * <p>{@code estop} is the exception: any message on this robot's e-stop topic passes, whatever is wrong with
 * it, listing what was. Its publisher passed the broker's authentication and ACL like any other's, and a stop
 * request that a typo, a long reason or an unknown field could turn into "keep driving" is not fail-safe.
 *
 * <p>Used by the MQTT callback thread only (commands are processed one at a time), so it is not
 * thread-safe.
 */
final class CommandGate {

    /** Largest accepted payload; real commands are well under 200 bytes. */
    static final int MAX_PAYLOAD_BYTES = 4096;
    /** Longest accepted e-stop reason, in characters. */
    static final int MAX_REASON_CHARS = 256;
    /** Reason passed to the handler when an {@code estop} command gives none, or none that may be used. */
    static final String DEFAULT_ESTOP_REASON = "operator e-stop (no valid reason given)";
    /** What is wrong with a retained command: the broker would deliver it again on every reconnect. */
    static final String RETAINED = "retained: the broker would replay it on every reconnect"
            + " (clear it with an empty retained message)";

    /** A verdict on one command message. */
    sealed interface Verdict permits Valid, Rejected {}

    /**
     * A command for the handler.
     *
     * @param command the verb.
     * @param seq the command's seq, or -1 for an e-stop whose seq could not be read.
     * @param estopReason for an e-stop, the reason for the handler; else {@link #DEFAULT_ESTOP_REASON}.
     * @param constraint for {@code set_cost_limit}, the constraint it names, or null if it names none; else null.
     * @param costLimit for {@code set_cost_limit}, the new limit; else NaN.
     * @param policyVersion for {@code load_policy}, the version; else -1.
     * @param problems what was wrong with an e-stop that passes all the same, in the order checked; empty for
     *     every other command.
     */
    record Valid(FleetCommand command, long seq, String estopReason, String constraint, double costLimit,
            int policyVersion, List<String> problems) implements Verdict {

        Valid {
            problems = List.copyOf(problems);
        }
    }

    /**
     * A refused command.
     *
     * @param command the verb if the topic named a known one, else null.
     * @param seq the command's seq if it could be read, else -1.
     * @param reason why, for the operator.
     */
    record Rejected(FleetCommand command, long seq, String reason) implements Verdict {}

    private final FleetConfig config;
    private final String commandTopicPrefix;
    private long lastAcceptedSeq = -1;

    CommandGate(FleetConfig config) {
        this.config = config;
        this.commandTopicPrefix = config.commandTopicPrefix();
    }

    /**
     * Checks one command message.
     *
     * @param topic the topic it arrived on.
     * @param payload its payload. Not modified.
     * @param retained its retain flag.
     * @param nowMillis current wall-clock time, Unix milliseconds.
     * @return a {@link Valid} or a {@link Rejected}.
     */
    Verdict check(String topic, byte[] payload, boolean retained, long nowMillis) {
        if (!topic.startsWith(commandTopicPrefix)) {
            return new Rejected(null, -1, "topic " + Printable.of(topic) + " is not a command topic of robot "
                    + config.robotId());
        }
        FleetCommand command = FleetCommand.fromVerb(topic.substring(commandTopicPrefix.length()));
        if (command == null) {
            return new Rejected(null, -1, "unknown command topic " + Printable.of(topic));
        }
        // Every problem is collected, not only the first: an e-stop passes with all of them listed.
        List<String> problems = new ArrayList<>();
        if (retained) {
            problems.add(RETAINED);
        }
        long seq = -1;
        long ts = -1;
        String estopReason = DEFAULT_ESTOP_REASON;
        String constraint = null;
        double costLimit = Double.NaN;
        int policyVersion = -1;
        Map<String, Object> fields = parse(payload, problems);
        if (fields != null) {
            seq = fields.get("seq") instanceof Long s && s >= 0 ? s : -1;
            if (seq < 0) {
                problems.add("seq must be a non-negative integer, got " + describe(fields.get("seq")));
            }
            for (String key : fields.keySet()) {
                if (!key.equals("seq") && !key.equals("ts") && !command.argumentFields().contains(key)) {
                    problems.add("unknown field \"" + Printable.of(key) + "\" for " + command.verb()
                            + " (allowed: seq, ts"
                            + (command.argumentFields().isEmpty() ? "" : ", "
                            + String.join(", ", command.argumentFields().stream().sorted().toList())) + ")");
                }
            }
            ts = fields.get("ts") instanceof Long t && t > 0 ? t : -1;
            if (ts < 0) {
                problems.add("ts must be a positive integer (Unix time in ms), got " + describe(fields.get("ts")));
            }
            switch (command) {
                case ESTOP -> {
                    Object reason = fields.get("reason");
                    if (reason != null) {
                        if (!(reason instanceof String r) || r.isBlank() || r.length() > MAX_REASON_CHARS
                                || r.chars().anyMatch(Character::isISOControl)) {
                            // Control characters would let a reason forge lines in the node's log and events.
                            problems.add("reason must be a non-blank string of at most " + MAX_REASON_CHARS
                                    + " characters without control characters, got " + describe(reason));
                        } else {
                            estopReason = r;
                        }
                    }
                }
                case SET_COST_LIMIT -> {
                    Object name = fields.get("constraint");
                    if (name != null) {
                        // The node's refusal of an unknown name echoes it, in its log and in the rejection.
                        if (!(name instanceof String s) || s.isBlank() || !Printable.isPrintable(s)) {
                            problems.add("constraint must be a constraint's name (a non-blank string of printable"
                                    + " characters), got " + describe(name));
                        } else {
                            constraint = s;
                        }
                    }
                    if (!(fields.get("limit") instanceof Number n)) {
                        problems.add("limit must be a number, got " + describe(fields.get("limit")));
                    } else {
                        costLimit = n.doubleValue();
                        if (costLimit < config.costLimitMin() || costLimit > config.costLimitMax()) {
                            problems.add("limit " + costLimit + " is outside the allowed range ["
                                    + config.costLimitMin() + ", " + config.costLimitMax() + "]");
                        }
                    }
                }
                case LOAD_POLICY -> {
                    if (!(fields.get("version") instanceof Long v) || v < 0 || v > Integer.MAX_VALUE) {
                        problems.add("version must be an integer in [0, " + Integer.MAX_VALUE + "], got "
                                + describe(fields.get("version")));
                    } else {
                        policyVersion = (int) (long) v;
                    }
                }
                case PAUSE_LEARNING, RESUME_LEARNING, RELEASE_ESTOP -> {
                    // no arguments
                }
            }
        }
        if (command == FleetCommand.ESTOP) {
            // Stopping is the safe direction: neither a malformed message nor an operator's skewed clock, or a
            // console whose seq restarted, may keep a robot moving. A replayed e-stop can only stop it again.
            return new Valid(command, seq, estopReason, constraint, costLimit, policyVersion, problems);
        }
        if (!problems.isEmpty()) {
            return new Rejected(command, seq, problems.getFirst());
        }
        long ageMillis = nowMillis - ts;
        long maxAgeMillis = config.commandMaxAge().toMillis();
        if (ageMillis > maxAgeMillis) {
            return new Rejected(command, seq, String.format(Locale.ROOT, "stale: issued %.3f s ago, limit %.3f s",
                    ageMillis / 1e3, maxAgeMillis / 1e3));
        }
        if (-ageMillis > maxAgeMillis) {
            return new Rejected(command, seq, String.format(Locale.ROOT,
                    "ts is %.3f s in the future (clock skew above %.3f s)", -ageMillis / 1e3, maxAgeMillis / 1e3));
        }
        if (seq <= lastAcceptedSeq) {
            return new Rejected(command, seq, "duplicate or out-of-order seq " + seq + " (last accepted "
                    + lastAcceptedSeq + ")");
        }
        return new Valid(command, seq, estopReason, constraint, costLimit, policyVersion, problems);
    }

    /** The payload's fields, or null with the reason they cannot be read added to {@code problems}. */
    private static Map<String, Object> parse(byte[] payload, List<String> problems) {
        if (payload.length > MAX_PAYLOAD_BYTES) {
            problems.add("payload of " + payload.length + " bytes exceeds " + MAX_PAYLOAD_BYTES);
            return null;
        }
        try {
            return StrictJson.parseObject(payload);
        } catch (MalformedJsonException e) {
            problems.add("malformed JSON: " + e.getMessage());
            return null;
        }
    }

    /**
     * Records that the handler accepted {@code command}: later commands need a higher {@code seq}. An e-stop
     * passes whatever its seq, so it does not move the window either: one with the largest seq would otherwise
     * refuse every later command, a release among them, until the robot restarts.
     */
    void accepted(Valid command) {
        if (command.command() != FleetCommand.ESTOP) {
            lastAcceptedSeq = Math.max(lastAcceptedSeq, command.seq());
        }
    }

    /** A received value as a reason echoes it, escaped: an object or array prints the strings it holds. */
    private static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        return value instanceof String s ? "\"" + Printable.of(s) + "\""
                : Printable.of(value.toString()) + " (" + jsonType(value) + ")";
    }

    private static String jsonType(Object value) {
        return switch (value) {
            case Long l -> "integer";
            case Double d -> "number";
            case Boolean b -> "boolean";
            case Map<?, ?> m -> "object";
            default -> "array";
        };
    }
}
