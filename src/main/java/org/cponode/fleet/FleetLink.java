package org.cponode.fleet;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The robot's MQTT link to the fleet: retained status with an offline Last Will, rate-limited telemetry,
 * events, and checked operator commands (topics and payloads: docs/FLEET.md).
 *
 * <p><b>Threads.</b> The caller's threads only serialize (jackson-core, a few microseconds) into bounded queues
 * and return: {@link #publishTelemetry}, {@link #publishEvent} and {@link #publishStatus} never wait for the
 * broker, for the link thread or for room, and take a queue's lock for a few pointer updates at most. They are
 * for the node's telemetry and event threads, not the control loop: a message allocates its bytes and the
 * generator's small state. A link thread owns
 * the connection: it connects, waits with exponential backoff (with jitter) after a failure or loss,
 * re-subscribes to the command topics after every connection (the session starts clean, so the broker
 * forgets subscriptions), republishes the status and drains the buffers. Commands are checked and passed to
 * the {@link FleetCommandHandler} on Paho's callback thread. A broker outage therefore changes nothing for
 * the robot except the telemetry backlog: while disconnected the newest {@link FleetConfig#offlineBufferCapacity()}
 * telemetry messages are kept, older ones dropped and counted.
 *
 * <p>Own reconnect loop rather than Paho's automatic reconnect: Paho does not retry a first connection that
 * fails (a robot booting before the broker), and subscriptions must be re-established anyway.
 */
public final class FleetLink implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(FleetLink.class.getName());

    /** Version of every payload schema written by this class. */
    public static final int SCHEMA_VERSION = 1;
    /** Events kept while disconnected; events are rare, so this covers long outages. */
    static final int EVENT_BUFFER = 256;
    /** Event kinds the link itself publishes; {@link #publishEvent} refuses them. */
    public static final String EVENT_CMD_ACK = "cmd_ack";
    /** See {@link #EVENT_CMD_ACK}. */
    public static final String EVENT_CMD_REJECTED = "cmd_rejected";

    /** Idle poll period of the link thread; bounds telemetry latency without waking it per message. */
    private static final long IDLE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** Bound on each wait for the broker (connect, subscribe, final status). */
    private static final int MQTT_TIMEOUT_SECONDS = 5;
    private static final long CLOSE_JOIN_MILLIS = 3000;
    private static final long NEVER = Long.MIN_VALUE;
    private static final TelemetryStream[] STREAMS = TelemetryStream.values();

    private final FleetConfig config;
    private final FleetCommandHandler handler;
    private final Clock clock;
    private final LongSupplier monotonicNanos;
    private final CommandGate gate;
    private final MqttAsyncClient client;
    private final MqttConnectionOptions connectionOptions;
    private final String commandFilter;

    private final Payloads payloads;
    private final DropOldestQueue<Outgoing> telemetry;
    private final String[] telemetryTopics = new String[STREAMS.length];
    private final AtomicLongArray lastTelemetryNanos = new AtomicLongArray(STREAMS.length);
    private final long telemetryIntervalNanos;
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong telemetrySent = new AtomicLong();

    private final DropOldestQueue<Outgoing> events = new DropOldestQueue<>(EVENT_BUFFER);

    private final AtomicReference<FleetStatus> status;
    private volatile boolean statusDirty;

    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong commandsAccepted = new AtomicLong();
    private final AtomicLong commandsRejected = new AtomicLong();
    private volatile boolean commandsSubscribed;
    private volatile String lastConnectionError;

    private final Thread linkThread;
    private volatile boolean running;
    private boolean started;
    private volatile boolean closed;

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
        this.commandFilter = config.commandTopicPrefix() + "+";
        this.payloads = new Payloads(config.robotId(), clock);
        this.telemetry = new DropOldestQueue<>(config.offlineBufferCapacity());
        this.telemetryIntervalNanos = Math.round(1e9 / config.telemetryRateHz());
        for (TelemetryStream stream : STREAMS) {
            telemetryTopics[stream.ordinal()] = config.telemetryTopic(stream.topicLevel());
            lastTelemetryNanos.set(stream.ordinal(), NEVER);
        }
        this.connectionOptions = connectionOptions(config, payloads.lastWill());
        try {
            // Client id = robot id: one session per robot; a second process with the same id takes over.
            this.client = new MqttAsyncClient(config.brokerUri().toString(), config.robotId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("cannot create an MQTT client for " + config.brokerUri() + ": " + e, e);
        }
        client.setCallback(new Callback());
        this.linkThread = new Thread(this::runLink, "fleet-link-" + config.robotId());
        linkThread.setDaemon(true);
    }

    /**
     * Starts the link thread, which connects in the background; returns at once.
     *
     * @throws IllegalStateException if already started or closed.
     */
    public synchronized void start() {
        if (started || closed) {
            throw new IllegalStateException(closed ? "fleet link is closed" : "fleet link already started");
        }
        started = true;
        running = true;
        // Commands move a robot: say so when they can cross a network in clear text or come from anyone.
        config.exposureWarnings().forEach(w -> LOG.log(Level.WARNING, "fleet link: " + w));
        linkThread.start();
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
        LockSupport.unpark(linkThread);
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
        if (closed) {
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
        return !closed && (last == NEVER || monotonicNanos.getAsLong() - last >= telemetryIntervalNanos);
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
        return client.isConnected() && commandsSubscribed;
    }

    /** @return successful connections so far (1 after the first connect, +1 per reconnect). */
    public long connectionCount() {
        return connections.get();
    }

    /** @return why the last connection attempt failed or was lost, or null if none has. */
    public String lastConnectionError() {
        return lastConnectionError;
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
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = false;
        }
        LockSupport.unpark(linkThread);
        try {
            if (started) {
                linkThread.join(CLOSE_JOIN_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (client.isConnected()) {
                client.publish(config.statusTopic(), statusPayload("offline", "shutdown"), 1, true)
                        .waitForCompletion(TimeUnit.SECONDS.toMillis(MQTT_TIMEOUT_SECONDS));
                client.disconnect(TimeUnit.SECONDS.toMillis(1))
                        .waitForCompletion(TimeUnit.SECONDS.toMillis(MQTT_TIMEOUT_SECONDS));
            }
        } catch (MqttException e) {
            LOG.log(Level.WARNING, "fleet link: clean shutdown incomplete, the broker will report the Last Will: " + e);
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.log(Level.WARNING, "fleet link: closing the MQTT client failed: " + e);
        }
    }

    // ---- link thread ---------------------------------------------------------------------------------

    private void runLink() {
        long minBackoff = config.reconnectBackoffMin().toNanos();
        long maxBackoff = config.reconnectBackoffMax().toNanos();
        long backoff = minBackoff;
        boolean firstAttempt = true;
        long connectedAt = NEVER;
        while (running) {
            if (!client.isConnected()) {
                if (!firstAttempt) {
                    // A connection that stayed up longer than the longest backoff was healthy: start over.
                    if (connectedAt != NEVER && System.nanoTime() - connectedAt > maxBackoff) {
                        backoff = minBackoff;
                    }
                    connectedAt = NEVER;
                    sleepWhileRunning(jittered(backoff));
                    backoff = Math.min(2 * backoff, maxBackoff);
                    if (!running) {
                        break;
                    }
                }
                firstAttempt = false;
                if (connect()) {
                    connectedAt = System.nanoTime();
                }
                continue;
            }
            if (!drain()) {
                LockSupport.parkNanos(IDLE_WAIT_NANOS);
            }
        }
    }

    /** One connection attempt: connect, subscribe to commands, publish the online status. */
    private boolean connect() {
        try {
            client.connect(connectionOptions).waitForCompletion(TimeUnit.SECONDS.toMillis(MQTT_TIMEOUT_SECONDS + 1));
            IMqttToken subscribed = client.subscribe(commandSubscription());
            subscribed.waitForCompletion(TimeUnit.SECONDS.toMillis(MQTT_TIMEOUT_SECONDS));
            int[] codes = subscribed.getReasonCodes();
            commandsSubscribed = codes != null && codes.length == 1 && codes[0] < 0x80;
            if (!commandsSubscribed) {
                String reason = "broker refused the command subscription " + commandFilter + " (reason code "
                        + (codes == null || codes.length == 0 ? "none" : "0x" + Integer.toHexString(codes[0]))
                        + "); check the ACL";
                lastConnectionError = reason;
                LOG.log(Level.ERROR, "fleet link: " + reason);
            }
            statusDirty = true;
            connections.incrementAndGet();
            LOG.log(Level.INFO, "fleet link: connected to " + config.brokerUri() + " as " + config.robotId());
            return true;
        } catch (MqttException | RuntimeException e) {
            String reason = "connection to " + config.brokerUri() + " failed: " + e;
            if (!reason.equals(lastConnectionError)) {
                LOG.log(Level.WARNING, "fleet link: " + reason); // report transitions, not every retry
            }
            lastConnectionError = reason;
            forceDisconnect();
            return false;
        }
    }

    /**
     * QoS 1 on this robot's command topics, with Retain As Published: a broker otherwise clears the retain flag
     * on live delivery and sets it only when replaying at subscribe time, so a command published retained while
     * the robot is connected would pass as an ordinary one and replay on every later reconnect.
     */
    private MqttSubscription commandSubscription() {
        MqttSubscription subscription = new MqttSubscription(commandFilter, 1);
        subscription.setRetainAsPublished(true);
        return subscription;
    }

    /** Publishes pending status, events and telemetry. @return true if anything was sent. */
    private boolean drain() {
        boolean sent = false;
        if (statusDirty) {
            statusDirty = false;
            try {
                client.publish(config.statusTopic(), statusPayload("online", null), 1, true);
                sent = true;
            } catch (MqttException e) {
                statusDirty = true;
                return sent;
            }
        }
        Outgoing event;
        while ((event = events.poll()) != null) {
            try {
                client.publish(event.topic(), event.payload(), 1, false);
                sent = true;
            } catch (MqttException e) {
                events.putBack(event); // disconnected or too many in flight: keep it for the next round
                return sent;
            }
        }
        Outgoing sample;
        while ((sample = telemetry.poll()) != null) {
            try {
                client.publish(sample.topic(), sample.payload(), 0, false);
                telemetrySent.incrementAndGet();
                sent = true;
            } catch (MqttException e) {
                telemetry.countDropped(); // QoS 0: lost with the connection, like any QoS 0 message
                return sent;
            }
        }
        return sent;
    }

    private void sleepWhileRunning(long nanos) {
        long deadline = System.nanoTime() + nanos;
        long left;
        while (running && (left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    /** Spreads reconnects of many robots after a broker restart: ±20 %. */
    private static long jittered(long nanos) {
        return (long) (nanos * ThreadLocalRandom.current().nextDouble(0.8, 1.2));
    }

    private void forceDisconnect() {
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(0, TimeUnit.SECONDS.toMillis(1), false);
            }
        } catch (MqttException e) {
            LOG.log(Level.DEBUG, "fleet link: forced disconnect: " + e);
        }
    }

    // ---- payloads -----------------------------------------------------------------------------------

    private static MqttConnectionOptions connectionOptions(FleetConfig config, byte[] lastWill) {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval((int) config.keepAlive().toSeconds());
        options.setConnectionTimeout(MQTT_TIMEOUT_SECONDS);
        options.setHttpsHostnameVerificationEnabled(true);
        if (config.username() != null) {
            options.setUserName(config.username());
        }
        if (config.password() != null) {
            options.setPassword(config.password().getBytes(StandardCharsets.UTF_8));
        }
        if ("ssl".equals(config.brokerUri().getScheme())) {
            options.setSocketFactory(TlsContexts.socketFactory(config));
        }
        MqttMessage will = new MqttMessage(lastWill);
        will.setQos(1);
        will.setRetained(true);
        options.setWill(config.statusTopic(), will);
        options.setWillMessageProperties(new MqttProperties());
        return options;
    }

    private byte[] statusPayload(String state, String reason) {
        return payloads.status(state, reason, status.get());
    }

    private void enqueueEvent(String kind, byte[] payload) {
        events.add(new Outgoing(config.eventTopic(kind), payload));
        LockSupport.unpark(linkThread);
    }

    // ---- commands (Paho callback thread) ------------------------------------------------------------

    private void onCommand(String topic, MqttMessage message) {
        switch (gate.check(topic, message.getPayload(), message.isRetained(), clock.millis())) {
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
                case SET_COST_LIMIT -> handler.setCostLimit(valid.costLimit());
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

    private final class Callback implements MqttCallback {

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            commandsSubscribed = false;
            lastConnectionError = "connection lost: " + response;
            LOG.log(Level.WARNING, "fleet link: " + lastConnectionError);
            LockSupport.unpark(linkThread);
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.log(Level.WARNING, "fleet link: MQTT error: " + exception);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // An exception escaping to Paho would drop the connection: contain every failure here.
            try {
                onCommand(topic, message);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "fleet link: failed to process a message on " + topic, e);
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // QoS 1 completion needs no action: lost in-flight events are not retried across connections.
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // The link thread subscribes and publishes status itself right after connect() returns.
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // No enhanced authentication: user name and password (and TLS) only.
        }
    }
}
