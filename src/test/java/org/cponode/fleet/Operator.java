package org.cponode.fleet;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A fleet-manager (or intruder) test client: records everything under {@code fleet/#}, sends commands. */
public final class Operator implements AutoCloseable {

    /** One received message. */
    public record Received(String topic, String payload, boolean retained) {
        public Map<String, Object> json() {
            try {
                return StrictJson.parseObject(payload.getBytes(StandardCharsets.UTF_8));
            } catch (MalformedJsonException e) {
                throw new AssertionError("robot sent malformed JSON on " + topic + ": " + payload, e);
            }
        }
    }

    private final MqttClient client;
    private final LinkedBlockingQueue<Received> inbox = new LinkedBlockingQueue<>();

    /**
     * Connects (user may be null for anonymous) and, if {@code subscribe}, subscribes to {@code fleet/#}.
     *
     * @throws MqttException if the broker refuses the connection.
     */
    Operator(String uri, String user, String password, boolean subscribe, javax.net.SocketFactory tls)
            throws MqttException {
        client = new MqttClient(uri, "test-" + (user == null ? "anonymous" : user) + "-" + System.nanoTime(),
                new MemoryPersistence());
        client.setTimeToWait(5000);
        client.setCallback(new MqttCallback() {
            @Override public void disconnected(MqttDisconnectResponse r) { }
            @Override public void mqttErrorOccurred(MqttException e) { }
            @Override public void messageArrived(String topic, MqttMessage m) {
                inbox.add(new Received(topic, new String(m.getPayload(), StandardCharsets.UTF_8), m.isRetained()));
            }
            @Override public void deliveryComplete(IMqttToken t) { }
            @Override public void connectComplete(boolean reconnect, String uri) { }
            @Override public void authPacketArrived(int code, MqttProperties p) { }
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setConnectionTimeout(5);
        if (user != null) {
            options.setUserName(user);
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        if (tls != null) {
            options.setSocketFactory(tls);
        }
        client.connect(options);
        if (subscribe) {
            client.subscribe("fleet/#", 1);
        }
    }

    /** Manager on the plain listener, subscribed to everything. */
    public static Operator manager(MosquittoBroker broker) throws MqttException {
        return new Operator(broker.plainUri(), MosquittoBroker.MANAGER,
                MosquittoBroker.password(MosquittoBroker.MANAGER), true, null);
    }

    /** Publishes a command payload (QoS 1, not retained) on {@code fleet/<robot>/cmd/<verb>}. */
    public void command(String robot, String verb, String json) throws MqttException {
        client.publish("fleet/" + robot + "/cmd/" + verb, json.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    /** Publishes text on any topic. */
    void publish(String topic, String payload, boolean retained) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, retained);
    }

    /** Publishes raw bytes on any topic (QoS 1, not retained): a payload that need not be text at all. */
    void publish(String topic, byte[] payload) throws MqttException {
        client.publish(topic, payload, 1, false);
    }

    /**
     * Waits for the first message (received since the last await, in order) matching {@code match}.
     *
     * @return the message; throws AssertionError after {@code timeoutMs}.
     */
    public Received await(String what, long timeoutMs, Predicate<Received> match) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            long left = deadline - System.nanoTime();
            Received r = left > 0 ? inbox.poll(left, TimeUnit.NANOSECONDS) : null;
            if (r == null) {
                throw new AssertionError("timed out after " + timeoutMs + " ms waiting for " + what);
            }
            if (match.test(r)) {
                return r;
            }
        }
    }

    /**
     * Waits until each of {@code matches} has matched a message received since the last await, in whatever order
     * they arrive (a command's acknowledgement and the status it changes are published independently).
     *
     * @return for each predicate, the first message it matched; throws AssertionError after {@code timeoutMs}
     */
    public List<Received> awaitAll(String what, long timeoutMs, List<Predicate<Received>> matches)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        Received[] found = new Received[matches.size()];
        int missing = found.length;
        while (missing > 0) {
            long left = deadline - System.nanoTime();
            Received r = left > 0 ? inbox.poll(left, TimeUnit.NANOSECONDS) : null;
            if (r == null) {
                throw new AssertionError("timed out after " + timeoutMs + " ms waiting for " + what);
            }
            for (int i = 0; i < found.length; i++) {
                if (found[i] == null && matches.get(i).test(r)) {
                    found[i] = r;
                    missing--;
                }
            }
        }
        return List.of(found);
    }

    /** Waits for an event of {@code kind} from {@code robot} about command {@code seq}. */
    public Map<String, Object> awaitCommandEvent(String robot, String kind, long seq) throws InterruptedException {
        return await(kind + " for seq " + seq, 10_000, r -> r.topic().equals("fleet/" + robot + "/events/" + kind)
                && Long.valueOf(seq).equals(r.json().get("cmd_seq"))).json();
    }

    /** Waits for any command event (ack or rejection) from {@code robot}. */
    Map<String, Object> awaitAnyCommandEvent(String robot) throws InterruptedException {
        return await("a command event", 10_000, r -> r.topic().equals("fleet/" + robot + "/events/cmd_ack")
                || r.topic().equals("fleet/" + robot + "/events/cmd_rejected")).json();
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
            client.close(true);
        } catch (MqttException e) {
            // already gone with the broker
        }
    }
}
