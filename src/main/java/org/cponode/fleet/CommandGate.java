package org.cponode.fleet;

import java.util.Locale;
import java.util.Map;

/**
 * Decides whether an incoming command message may reach the {@link FleetCommandHandler}: right topic (this
 * robot's {@code cmd/<verb>}), not retained, bounded size, strict JSON with exactly the allowed fields,
 * values of the right type and range, and (for every command but {@code estop}, which is always let through)
 * a timestamp within the staleness window and a {@code seq} above the last accepted one. The broker's ACL is the
 * first line of defence; this is the robot's own.
 *
 * <p>Used by the MQTT callback thread only (commands are processed one at a time), so it is not
 * thread-safe.
 */
final class CommandGate {

    /** Largest accepted payload; real commands are well under 200 bytes. */
    static final int MAX_PAYLOAD_BYTES = 4096;
    /** Longest accepted e-stop reason, in characters. */
    static final int MAX_REASON_CHARS = 256;
    /** Reason passed to the handler when an {@code estop} command gives none. */
    static final String DEFAULT_ESTOP_REASON = "operator e-stop (no reason given)";

    /** A checked command, ready for the handler. */
    record Valid(FleetCommand command, long seq, String estopReason, double costLimit, int policyVersion) {}

    /**
     * A refused command.
     *
     * @param command the verb if the topic named a known one, else null.
     * @param seq the command's seq if it could be read, else -1.
     * @param reason why, for the operator.
     */
    record Rejected(FleetCommand command, long seq, String reason) {}

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
    Object check(String topic, byte[] payload, boolean retained, long nowMillis) {
        if (!topic.startsWith(commandTopicPrefix)) {
            return new Rejected(null, -1, "topic " + topic + " is not a command topic of robot " + config.robotId());
        }
        FleetCommand command = FleetCommand.fromVerb(topic.substring(commandTopicPrefix.length()));
        if (command == null) {
            return new Rejected(null, -1, "unknown command topic " + topic);
        }
        if (retained) {
            // A retained command would replay on every reconnect: never act on one.
            return new Rejected(command, -1, "retained commands are refused");
        }
        if (payload.length > MAX_PAYLOAD_BYTES) {
            return new Rejected(command, -1, "payload of " + payload.length + " bytes exceeds " + MAX_PAYLOAD_BYTES);
        }
        Map<String, Object> fields;
        try {
            fields = JsonReader.parseObject(payload);
        } catch (MalformedJsonException e) {
            return new Rejected(command, -1, "malformed JSON: " + e.getMessage());
        }
        long seq = fields.get("seq") instanceof Long s && s >= 0 ? s : -1;
        if (seq < 0) {
            return new Rejected(command, -1, "seq must be a non-negative integer, got " + describe(fields.get("seq")));
        }
        for (String key : fields.keySet()) {
            if (!key.equals("seq") && !key.equals("ts") && !command.argumentFields().contains(key)) {
                return new Rejected(command, seq, "unknown field \"" + key + "\" for " + command.verb()
                        + " (allowed: seq, ts" + (command.argumentFields().isEmpty() ? "" : ", "
                        + String.join(", ", command.argumentFields().stream().sorted().toList())) + ")");
            }
        }
        if (!(fields.get("ts") instanceof Long ts) || ts <= 0) {
            return new Rejected(command, seq, "ts must be a positive integer (Unix time in ms), got "
                    + describe(fields.get("ts")));
        }
        String estopReason = DEFAULT_ESTOP_REASON;
        double costLimit = Double.NaN;
        int policyVersion = -1;
        switch (command) {
            case ESTOP -> {
                Object reason = fields.get("reason");
                if (reason != null) {
                    if (!(reason instanceof String r) || r.isBlank() || r.length() > MAX_REASON_CHARS
                            || r.chars().anyMatch(Character::isISOControl)) {
                        // Control characters would let a reason forge lines in the node's log and events.
                        return new Rejected(command, seq, "reason must be a non-blank string of at most "
                                + MAX_REASON_CHARS + " characters without control characters, got " + describe(reason));
                    }
                    estopReason = r;
                }
            }
            case SET_COST_LIMIT -> {
                if (!(fields.get("limit") instanceof Number n)) {
                    return new Rejected(command, seq, "limit must be a number, got " + describe(fields.get("limit")));
                }
                costLimit = n.doubleValue();
                if (costLimit < config.costLimitMin() || costLimit > config.costLimitMax()) {
                    return new Rejected(command, seq, "limit " + costLimit + " is outside the allowed range ["
                            + config.costLimitMin() + ", " + config.costLimitMax() + "]");
                }
            }
            case LOAD_POLICY -> {
                if (!(fields.get("version") instanceof Long v) || v < 0 || v > Integer.MAX_VALUE) {
                    return new Rejected(command, seq, "version must be an integer in [0, " + Integer.MAX_VALUE
                            + "], got " + describe(fields.get("version")));
                }
                policyVersion = (int) (long) v;
            }
            case PAUSE_LEARNING, RESUME_LEARNING, RELEASE_ESTOP -> {
                // no arguments
            }
        }
        if (command == FleetCommand.ESTOP) {
            // Stopping is the safe direction: an operator's skewed clock, or a console whose seq restarted, must
            // not keep a robot moving. A replayed e-stop can only stop it again.
            return new Valid(command, seq, estopReason, costLimit, policyVersion);
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
        return new Valid(command, seq, estopReason, costLimit, policyVersion);
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

    private static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        return value instanceof String s ? "\"" + printable(s) + "\"" : value + " (" + jsonType(value) + ")";
    }

    /** {@code s} with control characters written as {@code \\uXXXX}: a rejected value is echoed to logs and events. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
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
