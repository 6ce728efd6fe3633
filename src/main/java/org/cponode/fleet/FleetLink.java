package org.cponode.fleet;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.cponode.queue.DropOldestQueue;

/**
 * The robot's MQTT link to the fleet: retained status with an offline Last Will, rate-limited telemetry,
 * events, and checked operator commands (topics and payloads: docs/FLEET.md).
 *
 * <p><b>Threads.</b> The caller's threads only serialize (jackson-core, a few microseconds) into bounded queues
 * and return: {@link #publishTelemetry}, {@link #publishEvent} and {@link #publishStatus} never wait for the
 * broker, for the link thread or for room, and take a queue's lock for a few pointer updates at most. They are
 * for the node's telemetry and event threads, not the control loop: a message allocates its bytes and the
 * generator's small state. The link thread of a {@link FleetConnection} owns the connection (reconnects with
 * backoff, re-subscribes, keeps the Last Will registered) and, while connected, republishes the status after
 * every connection and drains the queues. Commands are checked ({@link CommandGate}) and passed to the
 * {@link FleetCommandHandler} on Paho's callback thread. A broker outage therefore changes nothing for the
 * robot except the telemetry backlog: while disconnected the newest {@link FleetConfig#offlineBufferCapacity()}
 * telemetry messages are kept, older ones dropped and counted.
 */
public final class FleetLink implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(FleetLink.class.getName());

    /** Version of every payload schema written by this class. */
    public static final int SCHEMA_VERSION = 2;
    /** Events kept while disconnected; events are rare, so this covers long outages. */
    static final int EVENT_BUFFER = 256;
    /** Event kinds the link itself publishes; {@link #publishEvent} refuses them. */
    public static final String EVENT_CMD_ACK = "cmd_ack";
    /** See {@link #EVENT_CMD_ACK}. */
    public static final String EVENT_CMD_REJECTED = "cmd_rejected";

    private static final long NEVER = Long.MIN_VALUE;
    private static final TelemetryStream[] STREAMS = TelemetryStream.values();

    private final FleetConfig config;
    private final FleetCommandHandler handler;
    private final Clock clock;
    private final LongSupplier monotonicNanos;
    private final CommandGate gate;
    private final Payloads payloads;
    private final FleetConnection connection;

    private final DropOldestQueue<Outgoing> telemetry;
    private final String[] telemetryTopics = new String[STREAMS.length];
    private final AtomicLongArray lastTelemetryNanos = new AtomicLongArray(STREAMS.length);
    private final long telemetryIntervalNanos;
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong telemetrySent = new AtomicLong();

    private final DropOldestQueue<Outgoing> events = new DropOldestQueue<>(EVENT_BUFFER);

    private final AtomicReference<FleetStatus> status;
    private volatile boolean statusDirty;

    private final AtomicLong commandsAccepted = new AtomicLong();
    private final AtomicLong commandsRejected = new AtomicLong();

    /** A message waiting for the link thread. */
    private record Outgoing(String topic, byte[] payload) {}

    /**
     * Creates the link (nothing is sent before {@link #start()}), with the system UTC clock.
     *
     * @param config checked configuration.
     * @param handler receives accepted commands (non-blocking, see {@link FleetCommandHandler}).
     * @param initialStatus status published when the first connection comes up.
     * @throws IllegalArgumentException if the TLS files cannot be loaded or the broker URI is refused by Paho.
     */
    public FleetLink(FleetConfig config, FleetCommandHandler handler, FleetStatus initialStatus) {
        this(config, handler, initialStatus, Clock.systemUTC());
    }

    /**
     * Creates the link with an injected wall clock (timestamps and command staleness).
     *
     * @param config checked configuration.
     * @param handler receives accepted commands.
     * @param initialStatus status published when the first connection comes up.
     * @param clock wall clock for {@code ts} fields and the staleness window.
     * @throws IllegalArgumentException if the TLS files cannot be loaded or the broker URI is refused by Paho.
     */
    public FleetLink(FleetConfig config, FleetCommandHandler handler, FleetStatus initialStatus, Clock clock) {
        this(config, handler, initialStatus, clock, System::nanoTime);
    }

    /** As the public constructors, with an injected monotonic time source (ns) for the telemetry rate limit. */
    FleetLink(FleetConfig config, FleetCommandHandler handler, FleetStatus initialStatus, Clock clock,
            LongSupplier monotonicNanos) {
        if (config == null || handler == null || initialStatus == null || clock == null || monotonicNanos == null) {
            throw new IllegalArgumentException("config, handler, initial status and clocks are required");
        }
        this.config = config;
        this.handler = handler;
        this.clock = clock;
        this.monotonicNanos = monotonicNanos;
        this.gate = new CommandGate(config);
        this.status = new AtomicReference<>(initialStatus);
        this.payloads = new Payloads(config.robotId(), clock);
        this.telemetry = new DropOldestQueue<>(config.offlineBufferCapacity());
        this.telemetryIntervalNanos = Math.round(1e9 / config.telemetryRateHz());
        for (TelemetryStream stream : STREAMS) {
            telemetryTopics[stream.ordinal()] = config.telemetryTopic(stream.topicLevel());
            lastTelemetryNanos.set(stream.ordinal(), NEVER);
        }
        this.connection = new FleetConnection(config, payloads.lastWill(), new Session());
    }

    /**
     * Starts the link thread, which connects in the background; returns at once.
     *
     * @throws IllegalStateException if already started or closed.
     */
    public void start() {
        connection.start();
    }

    /**
     * Replaces the reported status; the link thread publishes it (retained, QoS 1) as soon as connected.
     *
     * @param newStatus the robot's current status.
     */
    public void publishStatus(FleetStatus newStatus) {
        if (newStatus == null) {
            throw new IllegalArgumentException("status is required");
        }
        status.set(newStatus);
        statusDirty = true;
        connection.wake();
    }

    /**
     * Queues a telemetry sample (QoS 0) unless its stream published less than 1/{@code telemetry_rate} ago.
     * Never waits: the record is serialized on the caller's thread and queued; if the queue is full (broker
     * unreachable) the oldest message is dropped and counted.
     *
     * @param record the sample; not kept.
     * @return true if queued, false if rate-limited or the link is closed.
     */
    public boolean publishTelemetry(TelemetryRecord record) {
        if (connection.isClosed()) {
            return false;
        }
        int k = record.stream().ordinal();
        long now = monotonicNanos.getAsLong();
        long last = lastTelemetryNanos.get(k);
        if ((last != NEVER && now - last < telemetryIntervalNanos) || !lastTelemetryNanos.compareAndSet(k, last, now)) {
            rateLimited.incrementAndGet();
            return false;
        }
        telemetry.add(new Outgoing(telemetryTopics[k], payloads.telemetry(record, telemetry.dropped())));
        return true;
    }

    /**
     * Lets the control loop skip building a record that the rate limit would refuse.
     *
     * @param stream a telemetry stream.
     * @return true if a sample of {@code stream} published now would pass the rate limit.
     */
    public boolean telemetryDue(TelemetryStream stream) {
        long last = lastTelemetryNanos.get(stream.ordinal());
        return !connection.isClosed() && (last == NEVER || monotonicNanos.getAsLong() - last >= telemetryIntervalNanos);
    }

    /**
     * Queues an event (QoS 1, not retained) on {@code events/<kind>}. Bounded: while disconnected the newest
     * {@value #EVENT_BUFFER} events are kept, older ones dropped and counted.
     *
     * @param kind event kind, one topic level (e.g. {@code estop}, {@code policy_swap}, {@code fault}); not
     *     {@code cmd_ack} or {@code cmd_rejected}, which belong to the link.
     * @param message human-readable summary.
     * @param details extra fields; values must be String, Number or Boolean. Not modified.
     * @throws IllegalArgumentException for a bad kind or detail value.
     */
    public void publishEvent(String kind, String message, Map<String, ?> details) {
        if (message == null || details == null) {
            throw new IllegalArgumentException("event message and details are required (use Map.of() for none)");
        }
        if (!FleetConfig.isTopicLevel(kind) || kind.equals(EVENT_CMD_ACK) || kind.equals(EVENT_CMD_REJECTED)) {
            throw new IllegalArgumentException("event kind must be one topic level of A-Z a-z 0-9 _ . : - and not "
                    + EVENT_CMD_ACK + "/" + EVENT_CMD_REJECTED + ", got " + kind);
        }
        enqueueEvent(kind, payloads.event(kind, message, details));
    }

    /** @return true while connected to the broker with the command subscription in place. */
    public boolean isConnected() {
        return connection.isConnected();
    }

    /** @return successful connections so far (1 after the first connect, +1 per reconnect). */
    public long connectionCount() {
        return connection.connectionCount();
    }

    /** @return why the last connection attempt failed or was lost, or null if none has. */
    public String lastConnectionError() {
        return connection.lastConnectionError();
    }

    /** @return telemetry messages dropped so far (buffer overflow, oldest first, or lost with a connection). */
    public long droppedTelemetry() {
        return telemetry.dropped();
    }

    /** @return telemetry samples refused by the rate limit so far. */
    public long rateLimitedTelemetry() {
        return rateLimited.get();
    }

    /** @return telemetry messages handed to the MQTT client so far. */
    public long sentTelemetry() {
        return telemetrySent.get();
    }

    /** @return telemetry messages waiting in the offline buffer. */
    public int bufferedTelemetry() {
        return telemetry.size();
    }

    /** @return events dropped so far because the event buffer was full. */
    public long droppedEvents() {
        return events.dropped();
    }

    /** @return commands the handler accepted so far. */
    public long commandsAccepted() {
        return commandsAccepted.get();
    }

    /** @return commands rejected so far, by the link's checks or by the handler. */
    public long commandsRejected() {
        return commandsRejected.get();
    }

    /**
     * Publishes the retained status as {@code offline} (reason {@code shutdown}), disconnects cleanly (so the
     * broker does not send the Last Will) and stops the link thread. Bounded: a few seconds at most.
     */
    @Override
    public void close() {
        connection.close(() -> payloads.status("offline", "shutdown", status.get()));
    }

    private void enqueueEvent(String kind, byte[] payload) {
        events.add(new Outgoing(config.eventTopic(kind), payload));
        connection.wake();
    }

    // ---- commands (Paho callback thread) ------------------------------------------------------------

    private void onCommand(String topic, byte[] payload, boolean retained) {
        switch (gate.check(topic, payload, retained, clock.millis())) {
            case CommandGate.Rejected rejected -> reportRejection(rejected.command(), rejected.seq(), rejected.reason());
            case CommandGate.Valid valid -> execute(valid);
        }
    }

    private void execute(CommandGate.Valid valid) {
        if (!valid.problems().isEmpty()) {
            LOG.log(Level.WARNING, "fleet link: acting on an e-stop despite: " + String.join("; ", valid.problems()));
        }
        CommandOutcome outcome;
        try {
            outcome = switch (valid.command()) {
                case PAUSE_LEARNING -> handler.pauseLearning();
                case RESUME_LEARNING -> handler.resumeLearning();
                case ESTOP -> handler.estop(valid.estopReason());
                case RELEASE_ESTOP -> handler.releaseEstop();
                case SET_COST_LIMIT -> handler.setCostLimit(valid.constraint(), valid.costLimit());
                case LOAD_POLICY -> handler.loadPolicy(valid.policyVersion());
            };
            if (outcome == null) {
                outcome = CommandOutcome.reject("the node returned no outcome");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "fleet link: command handler failed on " + valid.command().verb(), e);
            outcome = CommandOutcome.reject("the node failed to handle the command: " + e);
        }
        if (!outcome.accepted()) {
            reportRejection(valid.command(), valid.seq(), outcome.reason());
            return;
        }
        gate.accepted(valid);
        commandsAccepted.incrementAndGet();
        enqueueEvent(EVENT_CMD_ACK, payloads.commandAck(valid.command(), valid.seq(), valid.problems()));
    }

    private void reportRejection(FleetCommand command, long seq, String reason) {
        commandsRejected.incrementAndGet();
        LOG.log(Level.WARNING, "fleet link: command rejected: " + reason);
        enqueueEvent(EVENT_CMD_REJECTED, payloads.commandRejected(command, seq, reason));
    }

    /** The link's side of the connection: status after each connection, the queues, the commands. */
    private final class Session implements FleetConnection.Session {

        @Override
        public void connected() {
            statusDirty = true;
        }

        @Override
        public boolean drain() {
            boolean sent = false;
            if (statusDirty) {
                statusDirty = false;
                if (!connection.publish(config.statusTopic(), payloads.status("online", null, status.get()), 1, true)) {
                    statusDirty = true;
                    return false;
                }
                sent = true;
            }
            Outgoing event;
            while ((event = events.poll()) != null) {
                if (!connection.publish(event.topic(), event.payload(), 1, false)) {
                    events.putBack(event); // disconnected or too many in flight: keep it for the next round
                    return sent;
                }
                sent = true;
            }
            Outgoing sample;
            while ((sample = telemetry.poll()) != null) {
                if (!connection.publish(sample.topic(), sample.payload(), 0, false)) {
                    telemetry.countDropped(); // QoS 0: lost with the connection, like any QoS 0 message
                    return sent;
                }
                telemetrySent.incrementAndGet();
                sent = true;
            }
            return sent;
        }

        @Override
        public void messageArrived(String topic, byte[] payload, boolean retained) {
            onCommand(topic, payload, retained);
        }
    }
}
