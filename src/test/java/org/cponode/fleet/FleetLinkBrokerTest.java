package org.cponode.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.cponode.param.ParameterValues;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet link against a real mosquitto (started here on free loopback ports, with a password file, an
 * ACL and TLS listeners; see {@link MosquittoBroker}). Skipped only when mosquitto is not installed.
 */
@Timeout(90)
class FleetLinkBrokerTest {

    private static final String ROBOT = MosquittoBroker.ROBOT;
    private static final FleetStatus STATUS = new FleetStatus(LearnerState.LEARNING, 2, false,
            List.of(new FleetStatus.Constraint("outside", 25.0), new FleetStatus.Constraint("speed", 0.5)));

    @TempDir
    static Path dir;
    static MosquittoBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        if (MosquittoBroker.installed()) {
            broker = MosquittoBroker.start(dir);
        }
    }

    /** Per test rather than in {@code @BeforeAll}, so each skipped test is reported with the reason. */
    @BeforeEach
    void requireBroker() {
        MosquittoBroker.assumeInstalled();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    /** The robot's configuration as the node would build it from its parameters file. */
    private static FleetConfig robotConfig(String uri, Map<String, Object> extra) {
        Map<String, Object> params = new HashMap<>(Map.of(
                "fleet.enabled", true,
                "fleet.broker_uri", uri,
                "fleet.robot_id", ROBOT,
                "fleet.password_file", broker.passwordFile(ROBOT).toString(),
                "fleet.telemetry_rate", 50.0,
                "fleet.cost_limit_max", 100.0,
                "fleet.reconnect_min", 0.1,
                "fleet.reconnect_max", 0.8));
        params.putAll(extra);
        return FleetConfig.fromParameters(ParameterValues.of(FleetConfig.DECLARATIONS, params)).orElseThrow();
    }

    private static FleetLink startLink(FleetConfig config, FleetCommandHandler handler) throws InterruptedException {
        FleetLink link = new FleetLink(config, handler, STATUS);
        link.start();
        waitFor("link connected to " + config.brokerUri(), 15_000, link::isConnected, link);
        return link;
    }

    private static void waitFor(String what, long timeoutMs, BooleanSupplier condition, FleetLink link)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; last error: "
                        + (link == null ? "-" : link.lastConnectionError()) + "\nbroker log:\n" + broker.log());
            }
            Thread.sleep(10);
        }
    }

    private static String command(long seq, String args) {
        return "{\"seq\":" + seq + ",\"ts\":" + System.currentTimeMillis() + (args.isEmpty() ? "" : "," + args) + "}";
    }

    private static Predicate<Operator.Received> rejectionOf(String verb) {
        return r -> r.topic().endsWith("/events/cmd_rejected") && verb.equals(r.json().get("verb"));
    }

    private static final Set<String> HEADER = Set.of("schema", "version", "robot_id", "seq", "ts", "dropped");

    private static void assertFields(Map<String, Object> json, Set<String> streamFields) {
        Set<String> expected = new HashSet<>(HEADER);
        expected.addAll(streamFields);
        assertEquals(expected, json.keySet());
        assertEquals(2L, json.get("version"));
        assertEquals(ROBOT, json.get("robot_id"));
        assertTrue(Math.abs((Long) json.get("ts") - System.currentTimeMillis()) < 10_000, "ts is Unix ms");
    }

    @Test
    void telemetryStatusAndEventsArriveWithTheDocumentedSchema() throws Exception {
        // A slow rate (one sample per stream per 5 s), so the rate-limit check at the end is deterministic.
        try (Operator manager = Operator.manager(broker);
                FleetLink link = startLink(robotConfig(broker.plainUri(), Map.of("fleet.telemetry_rate", 0.2)),
                        new RecordingHandler())) {
            Map<String, Object> status = manager.await("online status", 10_000,
                    r -> r.topic().equals("fleet/robot-001/status") && "online".equals(r.json().get("state"))).json();
            assertEquals(Set.of("schema", "version", "robot_id", "seq", "ts", "state", "reason", "learner",
                    "policy_version", "estop", "constraints"), status.keySet());
            assertEquals("cponode.fleet.status", status.get("schema"));
            assertEquals("learning", status.get("learner"));
            assertEquals(2L, status.get("policy_version"));
            assertEquals(false, status.get("estop"));
            assertEquals(Map.of("outside", Map.of("cost_limit", 25.0), "speed", Map.of("cost_limit", 0.5)),
                    status.get("constraints"));
            assertEquals(List.of("outside", "speed"), List.copyOf(((Map<?, ?>) status.get("constraints")).keySet()),
                    "in the task's order");

            assertTrue(link.publishTelemetry(new LearningStats(7, 3, 12.5, List.of(
                    new LearningStats.Constraint("outside", 20.25, 25.0),
                    new LearningStats.Constraint("speed", Double.NaN, 0.5)), Double.NaN, 4, true)));
            assertTrue(link.publishTelemetry(new CostRate(5.0, List.of(
                    new CostRate.Constraint("outside", 3.5, 25.0, 0.7),
                    new CostRate.Constraint("speed", 0.25, 0.5, 0.05)))));
            assertTrue(link.publishTelemetry(new LoopHealth(0.05, 0.0501, 0.07, 2, 0.0012, 0.03)));

            Map<String, Object> learning = manager.await("learning telemetry", 10_000,
                    r -> r.topic().equals("fleet/robot-001/telemetry/learning")).json();
            assertFields(learning, Set.of("iteration", "policy_version", "ep_return", "constraints", "kl",
                    "backtrack_iters", "update_accepted"));
            assertEquals("cponode.fleet.telemetry.learning", learning.get("schema"));
            assertEquals(7L, learning.get("iteration"));
            assertEquals(12.5, learning.get("ep_return"));
            Map<String, Object> speedCost = new HashMap<>();
            speedCost.put("ep_cost", null);
            speedCost.put("cost_limit", 0.5);
            assertEquals(Map.of("outside", Map.of("ep_cost", 20.25, "cost_limit", 25.0), "speed", speedCost),
                    learning.get("constraints"), "each constraint's cost against its limit; NaN as null");
            assertTrue(learning.containsKey("kl") && learning.get("kl") == null, "NaN is sent as null");
            assertEquals(true, learning.get("update_accepted"));

            Map<String, Object> cost = manager.await("cost telemetry", 10_000,
                    r -> r.topic().equals("fleet/robot-001/telemetry/cost")).json();
            assertFields(cost, Set.of("episode_time_s", "constraints"));
            assertEquals(5.0, cost.get("episode_time_s"));
            assertEquals(Map.of("outside", Map.of("episode_cost", 3.5, "cost_limit", 25.0, "cost_rate", 0.7),
                    "speed", Map.of("episode_cost", 0.25, "cost_limit", 0.5, "cost_rate", 0.05)),
                    cost.get("constraints"));

            Map<String, Object> loop = manager.await("loop telemetry", 10_000,
                    r -> r.topic().equals("fleet/robot-001/telemetry/loop")).json();
            assertFields(loop, Set.of("period_target_s", "period_mean_s", "period_max_s", "overruns",
                    "inference_time_s", "input_age_max_s", "dropped_samples"));
            assertEquals(2L, loop.get("overruns"));
            assertEquals(Map.of(), loop.get("dropped_samples"), "no input dropped: an empty object");
            assertEquals(0L, loop.get("dropped"));

            // Second sample of the same stream within 1/rate is refused by the rate limit.
            assertFalse(link.publishTelemetry(new CostRate(5.02, List.of(new CostRate.Constraint("outside", 3.6, 25.0,
                    0.7)))));
            assertEquals(1, link.rateLimitedTelemetry());

            link.publishStatus(new FleetStatus(LearnerState.PAUSED, 3, true, List.of(
                    new FleetStatus.Constraint("outside", 25.0), new FleetStatus.Constraint("speed", 0.75))));
            Map<String, Object> updated = manager.await("updated status", 10_000,
                    r -> r.topic().equals("fleet/robot-001/status") && "paused".equals(r.json().get("learner"))).json();
            assertEquals(3L, updated.get("policy_version"));
            assertEquals(true, updated.get("estop"));
            assertEquals(Map.of("cost_limit", 0.75), ((Map<?, ?>) updated.get("constraints")).get("speed"));
            assertEquals("online", updated.get("state"));

            link.publishEvent("policy_swap", "policy 2 -> 3", Map.of("from", 2, "to", 3L, "kl", 0.004, "ok", true));
            Map<String, Object> event = manager.await("node event", 10_000,
                    r -> r.topic().equals("fleet/robot-001/events/policy_swap")).json();
            assertEquals(Set.of("schema", "version", "robot_id", "seq", "ts", "kind", "message", "details"),
                    event.keySet());
            assertEquals("policy_swap", event.get("kind"));
            assertEquals(Map.of("from", 2L, "to", 3L, "kl", 0.004, "ok", true), event.get("details"));
        }
    }

    @Test
    void acceptedCommandsReachTheHandlerAndAreAcknowledged() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        try (Operator manager = Operator.manager(broker);
                FleetLink link = startLink(robotConfig(broker.plainUri(), Map.of()), handler)) {
            manager.command(ROBOT, "pause_learning", command(1, ""));
            Map<String, Object> ack = manager.awaitCommandEvent(ROBOT, "cmd_ack", 1);
            assertEquals("pause_learning", ack.get("verb"));
            assertEquals("cponode.fleet.event", ack.get("schema"));
            manager.command(ROBOT, "set_cost_limit", command(2, "\"constraint\":\"speed\",\"limit\":12.5"));
            manager.awaitCommandEvent(ROBOT, "cmd_ack", 2);
            manager.command(ROBOT, "estop", command(3, "\"reason\":\"person in cell\""));
            manager.awaitCommandEvent(ROBOT, "cmd_ack", 3);
            manager.command(ROBOT, "release_estop", command(4, ""));
            manager.awaitCommandEvent(ROBOT, "cmd_ack", 4);
            manager.command(ROBOT, "load_policy", command(5, "\"version\":3"));
            manager.awaitCommandEvent(ROBOT, "cmd_ack", 5);
            manager.command(ROBOT, "resume_learning", command(6, ""));
            manager.awaitCommandEvent(ROBOT, "cmd_ack", 6);
            assertEquals(List.of("pause_learning", "set_cost_limit:speed=12.5", "estop:person in cell",
                    "release_estop", "load_policy:3", "resume_learning"), handler.calls);
            assertEquals(6, link.commandsAccepted());
            assertEquals(0, link.commandsRejected());
        }
    }

    @Test
    void malformedOutOfRangeStaleAndDuplicateCommandsAreRejectedWithAReason() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        try (Operator manager = Operator.manager(broker);
                FleetLink link = startLink(robotConfig(broker.plainUri(), Map.of("fleet.command_max_age", 2.0)),
                        handler)) {
            manager.command(ROBOT, "set_cost_limit", "{\"seq\":1,\"ts\":" + System.currentTimeMillis() + ",\"limit\":");
            Map<String, Object> malformed = manager.await("rejection of malformed JSON", 10_000,
                    r -> r.topic().endsWith("/events/cmd_rejected")).json();
            assertTrue(((String) malformed.get("reason")).startsWith("malformed JSON"), malformed.toString());
            assertEquals("set_cost_limit", malformed.get("verb"));
            assertNull(malformed.get("cmd_seq"));

            manager.command(ROBOT, "set_cost_limit", command(2, "\"limit\":5000"));
            Map<String, Object> outOfRange = manager.awaitCommandEvent(ROBOT, "cmd_rejected", 2);
            assertEquals("limit 5000.0 is outside the allowed range [0.0, 100.0]", outOfRange.get("reason"));

            manager.command(ROBOT, "load_policy", command(3, "\"version\":-1"));
            assertTrue(((String) manager.awaitCommandEvent(ROBOT, "cmd_rejected", 3).get("reason"))
                    .startsWith("version must be an integer"));

            manager.command(ROBOT, "load_policy", command(4, "\"version\":9"));
            assertEquals("no checkpoint for policy version 9",
                    manager.awaitCommandEvent(ROBOT, "cmd_rejected", 4).get("reason"), "the node's own refusal");

            manager.command(ROBOT, "set_cost_limit", command(5, "\"limit\":12.5"));
            assertEquals("name one of the task's constraints: outside, speed",
                    manager.awaitCommandEvent(ROBOT, "cmd_rejected", 5).get("reason"),
                    "the node's refusal of a limit that names none of its constraints");
            manager.command(ROBOT, "set_cost_limit", command(6, "\"constraint\":[\"speed\"],\"limit\":12.5"));
            assertEquals("constraint must be a constraint's name (a non-blank string of printable characters), got"
                    + " [speed] (array)", manager.awaitCommandEvent(ROBOT, "cmd_rejected", 6).get("reason"));

            manager.command(ROBOT, "pause_learning",
                    "{\"seq\":7,\"ts\":" + (System.currentTimeMillis() - 60_000) + "}");
            assertTrue(((String) manager.awaitCommandEvent(ROBOT, "cmd_rejected", 7).get("reason"))
                    .startsWith("stale"));

            manager.command(ROBOT, "pause_learning", command(8, ""));
            manager.awaitCommandEvent(ROBOT, "cmd_ack", 8);
            manager.command(ROBOT, "resume_learning", command(8, ""));
            assertEquals("duplicate or out-of-order seq 8 (last accepted 8)",
                    manager.awaitCommandEvent(ROBOT, "cmd_rejected", 8).get("reason"));
            manager.command(ROBOT, "resume_learning", command(7, ""));
            assertEquals("duplicate or out-of-order seq 7 (last accepted 8)",
                    manager.awaitCommandEvent(ROBOT, "cmd_rejected", 7).get("reason"));

            manager.command(ROBOT, "self_destruct", command(9, ""));
            Map<String, Object> unknown = manager.awaitAnyCommandEvent(ROBOT);
            assertEquals("unknown command topic fleet/robot-001/cmd/self_destruct", unknown.get("reason"));

            assertEquals(List.of("load_policy:9", "set_cost_limit:null=12.5", "pause_learning"), handler.calls);
            assertEquals(1, link.commandsAccepted());
            assertEquals(10, link.commandsRejected());
        }
    }

    /**
     * Each payload the strict parser refuses, sent through the broker, is rejected with a one-line reason that
     * names the problem (its echoes escaped), and nothing reaches the handler.
     */
    @Test
    void everyMalformedPayloadIsRejectedWithAOneLineReason() throws Exception {
        String head = "{\"seq\":1,\"ts\":" + System.currentTimeMillis();
        Map<String, byte[]> cases = new LinkedHashMap<>(); // reason prefix -> payload
        cases.put("malformed JSON: Document nesting depth (17) exceeds the maximum allowed (16",
                utf8(head + ",\"x\":" + "[".repeat(16) + "]".repeat(16) + "}"));
        cases.put("malformed JSON: integer out of range", utf8(head + ",\"x\":9223372036854775808}"));
        cases.put("malformed JSON: number out of range", utf8(head + ",\"x\":-1e999}"));
        cases.put("malformed JSON: Number value length (65) exceeds", utf8(head + ",\"x\":0." + "1".repeat(64) + "}"));
        cases.put("malformed JSON: Duplicate Object property \"seq\"", utf8(head + ",\"seq\":2}"));
        cases.put("malformed JSON: Duplicate Object property \"a\\u000aWARNING: forged\"",
                utf8(head + ",\"a\\nWARNING: forged\":1,\"a\\nWARNING: forged\":2}"));
        byte[] notUtf8 = utf8(head + ",\"x\":\"..\"}");
        notUtf8[notUtf8.length - 4] = (byte) 0xc3;
        cases.put("malformed JSON: Invalid UTF-8", notUtf8);
        cases.put("malformed JSON: unpaired surrogate in string", utf8(head + ",\"x\":\"\\ud800\"}"));
        cases.put("payload of 4097 bytes exceeds 4096", utf8(" ".repeat(4097)));
        RecordingHandler handler = new RecordingHandler();
        try (Operator manager = Operator.manager(broker);
                FleetLink link = startLink(robotConfig(broker.plainUri(), Map.of()), handler)) {
            for (byte[] payload : cases.values()) {
                manager.publish("fleet/robot-001/cmd/pause_learning", payload);
            }
            for (String expected : cases.keySet()) {
                String reason = (String) manager.await("rejection: " + expected, 10_000,
                        rejectionOf("pause_learning")).json().get("reason");
                assertTrue(reason.startsWith(expected), reason);
                assertTrue(reason.chars().noneMatch(c -> c == '\n' || c == '\r'), "one line: " + reason);
            }
            assertEquals(List.of(), handler.calls);
            assertEquals(cases.size(), link.commandsRejected());
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Any message on this robot's e-stop topic stops it, whatever else is wrong with it: its publisher passed the
     * broker's authentication and ACL, and stopping is the safe direction. The acknowledgement says what was wrong.
     */
    @Test
    void anEstopStopsTheRobotWhateverElseIsWrongWithIt() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        try (Operator manager = Operator.manager(broker)) {
            try (FleetLink link = startLink(robotConfig(broker.plainUri(), Map.of()), handler)) {
                manager.command(ROBOT, "estop", command(1, "\"reason\":\"" + "x".repeat(300) + "\""));
                assertTrue(problems(manager.awaitCommandEvent(ROBOT, "cmd_ack", 1)).getFirst()
                        .startsWith("reason must be a non-blank string of at most 256 characters"));
                manager.command(ROBOT, "estop", command(2, "\"reason\":\"person\\nin cell\""));
                assertTrue(problems(manager.awaitCommandEvent(ROBOT, "cmd_ack", 2)).getFirst().startsWith("reason"));
                manager.command(ROBOT, "estop", command(3, "\"speed\":0"));
                assertEquals(List.of("unknown field \"speed\" for estop (allowed: seq, ts, reason)"),
                        problems(manager.awaitCommandEvent(ROBOT, "cmd_ack", 3)));
                manager.command(ROBOT, "estop", "{\"ts\":" + System.currentTimeMillis() + "}");
                Map<String, Object> withoutSeq = manager.await("ack of the e-stop without a seq", 10_000,
                        r -> r.topic().endsWith("/events/cmd_ack")).json();
                assertTrue(withoutSeq.containsKey("cmd_seq") && withoutSeq.get("cmd_seq") == null, withoutSeq.toString());
                assertEquals(List.of("seq must be a non-negative integer, got nothing"), problems(withoutSeq));
                manager.publish("fleet/robot-001/cmd/estop", command(4, "\"reason\":\"cell open\""), true);
                assertEquals(List.of(CommandGate.RETAINED), problems(manager.awaitCommandEvent(ROBOT, "cmd_ack", 4)));
                manager.command(ROBOT, "estop", command(5, ""));
                assertEquals(List.of(), problems(manager.awaitCommandEvent(ROBOT, "cmd_ack", 5)));
                String unusable = "estop:" + CommandGate.DEFAULT_ESTOP_REASON;
                assertEquals(List.of(unusable, unusable, unusable, unusable, "estop:cell open", unusable), handler.calls);
                assertEquals(0, link.commandsRejected());
            } finally {
                manager.publish("fleet/robot-001/cmd/estop", "", true); // clear it for the other tests
            }
        }
    }

    private static List<String> problems(Map<String, Object> ack) {
        return ((List<?>) ack.get("problems")).stream().map(String.class::cast).toList();
    }

    /**
     * E-stops are let through whatever their seq, so they do not move the sequence window either: one with the
     * largest seq must not lock out every later command (a release above all) until the robot restarts.
     */
    @Test
    void anEstopDoesNotMoveTheSequenceWindow() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        try (Operator manager = Operator.manager(broker);
                FleetLink link = startLink(robotConfig(broker.plainUri(), Map.of()), handler)) {
            manager.command(ROBOT, "estop", command(Long.MAX_VALUE, ""));
            manager.awaitCommandEvent(ROBOT, "cmd_ack", Long.MAX_VALUE);
            manager.command(ROBOT, "release_estop", command(1, ""));
            manager.awaitCommandEvent(ROBOT, "cmd_ack", 1);
            manager.command(ROBOT, "resume_learning", command(1, ""));
            assertEquals("duplicate or out-of-order seq 1 (last accepted 1)",
                    manager.awaitCommandEvent(ROBOT, "cmd_rejected", 1).get("reason"), "the window still holds");
            assertEquals(List.of("estop:" + CommandGate.DEFAULT_ESTOP_REASON, "release_estop"), handler.calls);
            assertEquals(2, link.commandsAccepted());
        }
    }

    @Test
    void aFailingHandlerIsReportedAsARejectionAndTheLinkStaysUp() throws Exception {
        FleetCommandHandler failing = new RecordingHandler() {
            @Override
            public CommandOutcome estop(String reason) {
                throw new IllegalStateException("actuator bus down");
            }

            @Override
            public CommandOutcome releaseEstop() {
                return null;
            }
        };
        try (Operator manager = Operator.manager(broker); FleetLink link = startLink(robotConfig(broker.plainUri(),
                Map.of()), failing)) {
            manager.command(ROBOT, "estop", command(1, ""));
            assertEquals("the node failed to handle the command: java.lang.IllegalStateException: actuator bus down",
                    manager.awaitCommandEvent(ROBOT, "cmd_rejected", 1).get("reason"));
            manager.command(ROBOT, "release_estop", command(2, ""));
            assertEquals("the node returned no outcome", manager.awaitCommandEvent(ROBOT, "cmd_rejected", 2).get("reason"));
            manager.command(ROBOT, "pause_learning", command(1, ""));
            manager.awaitCommandEvent(ROBOT, "cmd_ack", 1); // refused commands do not consume their seq
            assertEquals(1, link.connectionCount());
        }
    }

    @Test
    void aRetainedCommandIsNeverExecuted() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        try (Operator manager = Operator.manager(broker)) {
            manager.publish("fleet/robot-001/cmd/release_estop", command(1, ""), true);
            try (FleetLink link = startLink(robotConfig(broker.plainUri(), Map.of()), handler)) {
                assertEquals(CommandGate.RETAINED, manager.await("rejection of the retained command", 10_000,
                        r -> r.topic().endsWith("/events/cmd_rejected")).json().get("reason"));
                assertEquals(List.of(), handler.calls);
                assertEquals(1, link.commandsRejected());
            } finally {
                manager.publish("fleet/robot-001/cmd/release_estop", "", true); // clear it for the other tests
            }
        }
    }

    /**
     * A command published with the retain flag while the robot is connected is refused too: brokers clear the
     * flag on live delivery unless the subscription asks to see it as published.
     */
    @Test
    void aCommandPublishedRetainedWhileTheRobotIsConnectedIsRefused() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        List<String> verbs = List.of("set_cost_limit", "pause_learning", "release_estop");
        try (Operator manager = Operator.manager(broker)) {
            try (FleetLink link = startLink(robotConfig(broker.plainUri(), Map.of()), handler)) {
                manager.publish("fleet/robot-001/cmd/set_cost_limit", command(1, "\"limit\":12.5"), true);
                manager.publish("fleet/robot-001/cmd/pause_learning", command(2, ""), true);
                manager.publish("fleet/robot-001/cmd/release_estop", command(3, ""), true);
                List<Operator.Received> rejections = manager.awaitAll("rejections of the retained commands", 10_000,
                        verbs.stream().map(FleetLinkBrokerTest::rejectionOf).toList());
                for (Operator.Received rejection : rejections) {
                    assertEquals(CommandGate.RETAINED, rejection.json().get("reason"));
                }
                assertEquals(List.of(), handler.calls);
                assertEquals(0, link.commandsAccepted());
            } finally {
                for (String verb : verbs) {
                    manager.publish("fleet/robot-001/cmd/" + verb, "", true); // clear them for the other tests
                }
            }
        }
    }

    @Test
    void neitherAnonymousClientsNorAnotherRobotCanCommandThisRobot() throws Exception {
        MqttException anonymous = assertThrows(MqttException.class,
                () -> new Operator(broker.plainUri(), null, null, false, null).close());
        assertTrue(anonymous.getReasonCode() == 134 || anonymous.getReasonCode() == 135,
                "bad user name or password / not authorised, got " + anonymous);
        MqttException wrongPassword = assertThrows(MqttException.class,
                () -> new Operator(broker.plainUri(), MosquittoBroker.MANAGER, "guess", false, null).close());
        assertTrue(wrongPassword.getReasonCode() == 134 || wrongPassword.getReasonCode() == 135, wrongPassword.toString());

        RecordingHandler handler = new RecordingHandler();
        try (Operator manager = Operator.manager(broker);
                FleetLink link = startLink(robotConfig(broker.plainUri(), Map.of()), handler);
                Operator intruder = new Operator(broker.plainUri(), MosquittoBroker.OTHER_ROBOT,
                        MosquittoBroker.password(MosquittoBroker.OTHER_ROBOT), false, null)) {
            try {
                intruder.command(ROBOT, "estop", command(100, ""));
                intruder.command(ROBOT, "set_cost_limit", command(101, "\"limit\":99"));
            } catch (MqttException refusedByBroker) {
                // MQTT v5 brokers may answer with "not authorized"; either way nothing must reach the robot
            }
            // The manager's command, sent after the intruder's were settled, is the only one the robot sees.
            manager.command(ROBOT, "pause_learning", command(1, ""));
            manager.awaitCommandEvent(ROBOT, "cmd_ack", 1);
            assertEquals(List.of("pause_learning"), handler.calls);
            assertEquals(1, link.commandsAccepted());
            assertEquals(0, link.commandsRejected(), "the intruder's commands never arrived");
        }
    }

    @Test
    void connectsOverTlsWithATestCaOptionalClientCertificateAndHostnameVerification() throws Exception {
        String tlsUri = "ssl://127.0.0.1:" + broker.tlsPort;
        try (Operator manager = Operator.manager(broker);
                FleetLink link = startLink(robotConfig(tlsUri, Map.of("fleet.tls.ca_file", broker.caFile().toString())),
                        new RecordingHandler())) {
            assertTrue(link.publishTelemetry(new CostRate(1, List.of(new CostRate.Constraint("outside", 1, 25, 0.1)))));
            manager.await("telemetry sent over TLS", 10_000, r -> r.topic().equals("fleet/robot-001/telemetry/cost"));
        }
        String mutualUri = "ssl://localhost:" + broker.mutualTlsPort;
        try (FleetLink link = startLink(robotConfig(mutualUri, Map.of(
                "fleet.tls.ca_file", broker.caFile().toString(),
                "fleet.tls.cert_file", broker.clientCertFile().toString(),
                "fleet.tls.key_file", broker.clientKeyFile().toString())), new RecordingHandler())) {
            assertTrue(link.isConnected());
        }
        String ca = broker.caFile().toString();
        try (FleetLink link = startLink(robotConfig("ssl://localhost:" + broker.localhostOnlyTlsPort,
                Map.of("fleet.tls.ca_file", ca)), new RecordingHandler())) {
            assertTrue(link.isConnected(), "the name in the certificate is accepted");
        }
        // Without the client certificate, without trusting the test CA, or with an address the server
        // certificate does not name (hostname verification), the handshake must fail.
        for (FleetConfig refused : List.of(
                robotConfig(mutualUri, Map.of("fleet.tls.ca_file", ca)),
                robotConfig(tlsUri, Map.of()),
                robotConfig("ssl://127.0.0.1:" + broker.localhostOnlyTlsPort, Map.of("fleet.tls.ca_file", ca)))) {
            try (FleetLink link = new FleetLink(refused, new RecordingHandler(), STATUS)) {
                link.start();
                waitFor("a failed TLS attempt", 15_000, () -> link.lastConnectionError() != null, link);
                assertFalse(link.isConnected());
                assertEquals(0, link.connectionCount(), link.lastConnectionError());
            }
        }
    }

    @Test
    void reconnectsAndResubscribesAfterABrokerRestart() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        try (FleetLink link = startLink(robotConfig(broker.plainUri(), Map.of()), handler)) {
            try (Operator manager = Operator.manager(broker)) {
                manager.command(ROBOT, "pause_learning", command(1, ""));
                manager.awaitCommandEvent(ROBOT, "cmd_ack", 1);
            }
            broker.restart();
            waitFor("reconnection", 20_000, () -> link.connectionCount() == 2 && link.isConnected(), link);
            try (Operator manager = Operator.manager(broker)) {
                // persistence is off, so this retained status was republished by the link after reconnecting
                manager.await("retained online status", 10_000, r -> r.topic().equals("fleet/robot-001/status")
                        && r.retained() && "online".equals(r.json().get("state")));
                manager.command(ROBOT, "resume_learning", command(2, ""));
                manager.awaitCommandEvent(ROBOT, "cmd_ack", 2);
            }
            assertEquals(List.of("pause_learning", "resume_learning"), handler.calls);
        }
    }

    @Test
    void telemetryBufferedDuringAnOutageKeepsTheNewestAndArrivesAfterReconnecting() throws Exception {
        try (TcpOutageProxy proxy = new TcpOutageProxy(broker.plainPort);
                Operator manager = Operator.manager(broker);
                FleetLink link = startLink(robotConfig("tcp://127.0.0.1:" + proxy.port(), Map.of(
                        "fleet.offline_buffer", 5, "fleet.telemetry_rate", 1000.0)), new RecordingHandler())) {
            proxy.cut();
            waitFor("the link to notice the outage", 10_000, () -> !link.isConnected(), link);
            for (int i = 0; i < 8; i++) {
                Thread.sleep(3); // beyond the 1 ms rate limit
                assertTrue(link.publishTelemetry(new LoopHealth(0.05, 0.05, 0.05, i, 0.001, 0.01)));
            }
            assertEquals(3, link.droppedTelemetry());
            assertEquals(5, link.bufferedTelemetry());
            proxy.restore();
            for (long overruns = 3; overruns < 8; overruns++) {
                long expected = overruns;
                Map<String, Object> loop = manager.await("buffered sample " + overruns, 15_000,
                        r -> r.topic().equals("fleet/robot-001/telemetry/loop")).json();
                assertEquals(expected, loop.get("overruns"), "oldest three dropped, the rest in order");
                assertEquals(expected, loop.get("seq"));
            }
            assertEquals(2, link.connectionCount());
        }
    }

    @Test
    void retainedStatusTurnsOfflineWhenTheRobotProcessIsKilled() throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process robot = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                FleetLinkChild.class.getName(), broker.plainUri(), ROBOT, broker.passwordFile(ROBOT).toString())
                .redirectErrorStream(true)
                .start();
        try (Operator manager = Operator.manager(broker)) {
            // The child exits by itself if it cannot connect within its own deadline, so this read ends.
            String line;
            var out = new BufferedReader(new InputStreamReader(robot.getInputStream()));
            StringBuilder transcript = new StringBuilder();
            while ((line = out.readLine()) != null && !line.equals(FleetLinkChild.READY)) {
                transcript.append(line).append('\n');
            }
            assertEquals(FleetLinkChild.READY, line, "child robot did not connect:\n" + transcript);
            manager.await("online status of the child robot", 10_000, r -> r.topic().equals("fleet/robot-001/status")
                    && "online".equals(r.json().get("state")));
            robot.destroyForcibly(); // SIGKILL: no shutdown hook, no clean disconnect
            assertTrue(robot.waitFor(10, TimeUnit.SECONDS));
            Map<String, Object> will = manager.await("the Last Will", 10_000,
                    r -> r.topic().equals("fleet/robot-001/status") && "offline".equals(r.json().get("state"))).json();
            assertEquals("connection_lost", will.get("reason"));
        } finally {
            robot.destroyForcibly();
        }
        try (Operator late = Operator.manager(broker)) {
            Operator.Received retained = late.await("retained status", 10_000,
                    r -> r.topic().equals("fleet/robot-001/status"));
            assertTrue(retained.retained());
            assertEquals("offline", retained.json().get("state"));
            assertEquals("connection_lost", retained.json().get("reason"));
        }
    }

    @Test
    void cleanShutdownPublishesOfflineWithReasonShutdown() throws Exception {
        try (Operator manager = Operator.manager(broker)) {
            FleetLink link = startLink(robotConfig(broker.plainUri(), Map.of()), new RecordingHandler());
            manager.await("online status", 10_000, r -> r.topic().equals("fleet/robot-001/status")
                    && "online".equals(r.json().get("state")));
            link.close();
            Map<String, Object> offline = manager.await("offline status", 10_000, r -> r.topic().equals(
                    "fleet/robot-001/status") && "offline".equals(r.json().get("state"))).json();
            assertEquals("shutdown", offline.get("reason"));
            assertEquals("learning", offline.get("learner"));
        }
    }

    @Test
    void configurationWithoutFleetEnabledStartsNothing() {
        assertTrue(FleetConfig.fromParameters(ParameterValues.of(FleetConfig.DECLARATIONS,
                Map.of("fleet.broker_uri", broker.plainUri()))).isEmpty());
        assertEquals(URI.create(broker.plainUri()), robotConfig(broker.plainUri(), Map.of()).brokerUri());
        assertEquals(Duration.ofMillis(100), robotConfig(broker.plainUri(), Map.of()).reconnectBackoffMin());
    }
}
