package org.cponode.fleet;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import java.util.function.Function;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The robot's messages as UTF-8 JSON (schemas: docs/FLEET.md), written with jackson-core's generator. Each
 * starts with the common header ({@code schema}, {@code version}, {@code robot_id}, {@code seq}, {@code ts});
 * {@code seq} counts per topic family (status, events, each telemetry stream). A non-finite number is written
 * as {@code null}, since JSON has no NaN. Each constraint's values are an object under its name in the message's
 * {@code constraints} object, in the task's order. Thread-safe: every message has its own generator and buffer.
 */
final class Payloads {

    private static final JsonFactory JSON = new JsonFactory();
    private static final String STATUS = "cponode.fleet.status";
    private static final String EVENT = "cponode.fleet.event";

    private final String robotId;
    private final Clock clock;
    private final AtomicLong statusSeq = new AtomicLong();
    private final AtomicLong eventSeq = new AtomicLong();
    private final AtomicLongArray telemetrySeq = new AtomicLongArray(TelemetryStream.values().length);

    /**
     * @param robotId the {@code robot_id} of every message.
     * @param clock wall clock for the {@code ts} fields.
     */
    Payloads(String robotId, Clock clock) {
        this.robotId = robotId;
        this.clock = clock;
    }

    /** The Last Will: no {@code seq} or {@code ts}, as the broker sends it at a time unknown when it is registered. */
    byte[] lastWill() {
        return object(g -> {
            g.writeStringProperty("schema", STATUS);
            g.writeNumberProperty("version", FleetLink.SCHEMA_VERSION);
            g.writeStringProperty("robot_id", robotId);
            g.writeStringProperty("state", "offline");
            g.writeStringProperty("reason", "connection_lost");
        });
    }

    /**
     * @param state {@code online} or {@code offline}.
     * @param reason null while online, else why offline.
     * @param status what the robot reports.
     */
    byte[] status(String state, String reason, FleetStatus status) {
        return object(g -> {
            header(g, STATUS, statusSeq.getAndIncrement());
            g.writeStringProperty("state", state);
            g.writeStringProperty("reason", reason);
            g.writeStringProperty("learner", status.learner().jsonName());
            g.writeNumberProperty("policy_version", status.policyVersion());
            g.writeBooleanProperty("estop", status.estopLatched());
            constraints(g, status.constraints(), FleetStatus.Constraint::name,
                    c -> number(g, "cost_limit", c.costLimit()));
        });
    }

    /**
     * @param record the sample.
     * @param dropped telemetry messages dropped so far, for the {@code dropped} field.
     */
    byte[] telemetry(TelemetryRecord record, long dropped) {
        TelemetryStream stream = record.stream();
        return object(g -> {
            header(g, stream.schema(), telemetrySeq.getAndIncrement(stream.ordinal()));
            g.writeNumberProperty("dropped", dropped);
            switch (record) {
                case LearningStats s -> {
                    g.writeNumberProperty("iteration", s.iteration());
                    g.writeNumberProperty("policy_version", s.policyVersion());
                    number(g, "ep_return", s.episodeReturn());
                    constraints(g, s.constraints(), LearningStats.Constraint::name, c -> {
                        number(g, "ep_cost", c.episodeCost());
                        number(g, "cost_limit", c.costLimit());
                    });
                    number(g, "kl", s.kl());
                    g.writeNumberProperty("backtrack_iters", s.backtrackIterations());
                    g.writeBooleanProperty("update_accepted", s.updateAccepted());
                }
                case CostRate r -> {
                    number(g, "episode_time_s", r.episodeTime());
                    constraints(g, r.constraints(), CostRate.Constraint::name, c -> {
                        number(g, "episode_cost", c.episodeCost());
                        number(g, "cost_limit", c.costLimit());
                        number(g, "cost_rate", c.costRate());
                    });
                }
                case LoopHealth l -> {
                    number(g, "period_target_s", l.targetPeriod());
                    number(g, "period_mean_s", l.meanPeriod());
                    number(g, "period_max_s", l.maxPeriod());
                    g.writeNumberProperty("overruns", l.overruns());
                    number(g, "inference_time_s", l.inferenceTime());
                    number(g, "input_age_max_s", l.maxInputAge());
                    g.writeName("dropped_samples");
                    g.writeStartObject();
                    for (Map.Entry<String, Map<String, Long>> topic : l.droppedSamples().entrySet()) {
                        g.writeName(topic.getKey());
                        g.writeStartObject();
                        for (Map.Entry<String, Long> reason : topic.getValue().entrySet()) {
                            g.writeNumberProperty(reason.getKey(), reason.getValue());
                        }
                        g.writeEndObject();
                    }
                    g.writeEndObject();
                }
            }
        });
    }

    /**
     * A node event.
     *
     * @param kind the event kind (last topic level).
     * @param message human-readable summary.
     * @param details extra fields; values String, Number or Boolean.
     * @throws IllegalArgumentException for a detail of another type.
     */
    byte[] event(String kind, String message, Map<String, ?> details) {
        return object(g -> {
            eventHeader(g, kind);
            g.writeStringProperty("message", message);
            g.writeObjectPropertyStart("details");
            for (Map.Entry<String, ?> e : details.entrySet()) {
                switch (e.getValue()) {
                    case String s -> g.writeStringProperty(e.getKey(), s);
                    case Boolean b -> g.writeBooleanProperty(e.getKey(), b);
                    case Integer i -> g.writeNumberProperty(e.getKey(), i);
                    case Long l -> g.writeNumberProperty(e.getKey(), l);
                    case Number n -> number(g, e.getKey(), n.doubleValue());
                    case null, default -> throw new IllegalArgumentException("event detail " + e.getKey()
                            + " must be a String, Number or Boolean, got " + e.getValue());
                }
            }
            g.writeEndObject();
        });
    }

    /**
     * A {@code cmd_ack} event.
     *
     * @param command the verb acted on.
     * @param seq the command's seq, or -1 if unreadable.
     * @param problems what was wrong with an e-stop acted on all the same.
     */
    byte[] commandAck(FleetCommand command, long seq, List<String> problems) {
        return object(g -> {
            commandHeader(g, FleetLink.EVENT_CMD_ACK, command, seq);
            g.writeArrayPropertyStart("problems");
            for (String problem : problems) {
                g.writeString(problem);
            }
            g.writeEndArray();
        });
    }

    /**
     * A {@code cmd_rejected} event.
     *
     * @param command the verb, or null if the topic named none.
     * @param seq the command's seq, or -1 if unreadable.
     * @param reason why, for the operator.
     */
    byte[] commandRejected(FleetCommand command, long seq, String reason) {
        return object(g -> {
            commandHeader(g, FleetLink.EVENT_CMD_REJECTED, command, seq);
            g.writeStringProperty("reason", reason);
        });
    }

    private void header(JsonGenerator g, String schema, long seq) {
        g.writeStringProperty("schema", schema);
        g.writeNumberProperty("version", FleetLink.SCHEMA_VERSION);
        g.writeStringProperty("robot_id", robotId);
        g.writeNumberProperty("seq", seq);
        g.writeNumberProperty("ts", clock.millis());
    }

    private void eventHeader(JsonGenerator g, String kind) {
        header(g, EVENT, eventSeq.getAndIncrement());
        g.writeStringProperty("kind", kind);
    }

    /** An event about one command: the header, {@code verb} and {@code cmd_seq} (null when unknown or unreadable). */
    private void commandHeader(JsonGenerator g, String kind, FleetCommand command, long seq) {
        eventHeader(g, kind);
        g.writeStringProperty("verb", command == null ? null : command.verb());
        if (seq >= 0) {
            g.writeNumberProperty("cmd_seq", seq);
        } else {
            g.writeNullProperty("cmd_seq");
        }
    }

    /**
     * The {@code constraints} object: each constraint's members, which {@code members} writes, under its name, in
     * the list's order.
     */
    private static <T> void constraints(JsonGenerator g, List<T> constraints, Function<T, String> name,
            Consumer<T> members) {
        g.writeObjectPropertyStart("constraints");
        for (T constraint : constraints) {
            g.writeObjectPropertyStart(name.apply(constraint));
            members.accept(constraint);
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void number(JsonGenerator g, String name, double value) {
        if (Double.isFinite(value)) {
            g.writeNumberProperty(name, value);
        } else {
            g.writeNullProperty(name);
        }
    }

    /** One JSON object whose members {@code members} writes. */
    private static byte[] object(Consumer<JsonGenerator> members) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeStartObject();
            members.accept(g);
            g.writeEndObject();
        }
        return out.toByteArray();
    }
}
