package org.cponode.fleet;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
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
 * The robot's MQTT session with the broker (Eclipse Paho): one link thread connects, waits with exponential
 * backoff (with jitter) after a failure or loss, subscribes to this robot's command topics after every
 * connection (the session starts clean, so the broker forgets subscriptions) and, while connected, lets the
 * {@link Session} publish what is pending. The offline Last Will is registered with every connection. Incoming
 * messages go to the session on Paho's callback thread.
 *
 * <p>Own reconnect loop rather than Paho's automatic reconnect: Paho does not retry a first connection that
 * fails (a robot booting before the broker), and subscriptions must be re-established anyway.
 */
final class FleetConnection {

    private static final System.Logger LOG = System.getLogger(FleetConnection.class.getName());

    /** Idle poll period of the link thread; bounds telemetry latency without waking it per message. */
    private static final long IDLE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** Bound on each wait for the broker (connect, subscribe, final status). */
    private static final int MQTT_TIMEOUT_SECONDS = 5;
    private static final long CLOSE_JOIN_MILLIS = 3000;
    private static final long NEVER = Long.MIN_VALUE;

    /** What the connection serves; called on the threads named. */
    interface Session {

        /** Link thread, after each connection and subscription: whatever the broker must be told again. */
        void connected();

        /**
         * Link thread, while connected: publishes what is pending through {@link FleetConnection#publish}.
         *
         * @return true if anything was sent, false to let the thread idle.
         */
        boolean drain();

        /** Paho's callback thread: one message on the command topics. An exception is logged and contained. */
        void messageArrived(String topic, byte[] payload, boolean retained);
    }

    private final FleetConfig config;
    private final Session session;
    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final String commandFilter;
    private final Thread linkThread;

    private final AtomicLong connections = new AtomicLong();
    private volatile boolean commandsSubscribed;
    private volatile String lastConnectionError;
    private volatile boolean running;
    private boolean started;
    private volatile boolean closed;

    /**
     * Creates the connection; nothing is sent before {@link #start()}.
     *
     * @param config checked configuration.
     * @param lastWill the retained status the broker publishes if the robot vanishes.
     * @param session what the connection serves.
     * @throws IllegalArgumentException if the TLS files cannot be loaded or the broker URI is refused by Paho.
     */
    FleetConnection(FleetConfig config, byte[] lastWill, Session session) {
        this.config = config;
        this.session = session;
        this.commandFilter = config.commandTopicPrefix() + "+";
        this.options = options(config, lastWill);
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
    synchronized void start() {
        if (started || closed) {
            throw new IllegalStateException(closed ? "fleet link is closed" : "fleet link already started");
        }
        started = true;
        running = true;
        // Commands move a robot: say so when they can cross a network in clear text or come from anyone.
        config.exposureWarnings().forEach(w -> LOG.log(Level.WARNING, "fleet link: " + w));
        linkThread.start();
    }

    /** Wakes the link thread to publish what was just queued. */
    void wake() {
        LockSupport.unpark(linkThread);
    }

    /**
     * Hands one message to the MQTT client (link thread).
     *
     * @return false if the client refused it: disconnected, or too many messages in flight.
     */
    boolean publish(String topic, byte[] payload, int qos, boolean retained) {
        try {
            client.publish(topic, payload, qos, retained);
            return true;
        } catch (MqttException e) {
            return false;
        }
    }

    /** @return true while connected to the broker with the command subscription in place. */
    boolean isConnected() {
        return client.isConnected() && commandsSubscribed;
    }

    /** @return true once {@link #close} was called. */
    boolean isClosed() {
        return closed;
    }

    /** @return successful connections so far (1 after the first connect, +1 per reconnect). */
    long connectionCount() {
        return connections.get();
    }

    /** @return why the last connection attempt failed or was lost, or null if none has. */
    String lastConnectionError() {
        return lastConnectionError;
    }

    /**
     * Stops the link thread and, if connected, publishes {@code finalStatus} (retained, QoS 1) and disconnects
     * cleanly, so the broker does not send the Last Will. Bounded: a few seconds at most. Idempotent.
     *
     * @param finalStatus the status to leave retained; built only if it can be sent.
     */
    void close(Supplier<byte[]> finalStatus) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = false;
        }
        wake();
        try {
            if (started) {
                linkThread.join(CLOSE_JOIN_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (client.isConnected()) {
                client.publish(config.statusTopic(), finalStatus.get(), 1, true)
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
            if (!session.drain()) {
                LockSupport.parkNanos(IDLE_WAIT_NANOS);
            }
        }
    }

    /** One connection attempt: connect, subscribe to commands, tell the session. */
    private boolean connect() {
        try {
            client.connect(options).waitForCompletion(TimeUnit.SECONDS.toMillis(MQTT_TIMEOUT_SECONDS + 1));
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
            session.connected();
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

    private static MqttConnectionOptions options(FleetConfig config, byte[] lastWill) {
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

    private final class Callback implements MqttCallback {

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            commandsSubscribed = false;
            lastConnectionError = "connection lost: " + response;
            LOG.log(Level.WARNING, "fleet link: " + lastConnectionError);
            wake();
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.log(Level.WARNING, "fleet link: MQTT error: " + exception);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // An exception escaping to Paho would drop the connection: contain every failure here.
            try {
                session.messageArrived(topic, message.getPayload(), message.isRetained());
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "fleet link: failed to process a message on " + Printable.of(topic), e);
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // QoS 1 completion needs no action: lost in-flight events are not retried across connections.
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // The link thread subscribes and tells the session itself right after connect() returns.
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // No enhanced authentication: user name and password (and TLS) only.
        }
    }
}
