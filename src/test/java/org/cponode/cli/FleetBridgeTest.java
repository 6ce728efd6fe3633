package org.cponode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cponode.fleet.FleetConfig;
import org.cponode.fleet.MosquittoBroker;
import org.cponode.fleet.Operator;
import org.cponode.node.NodeControl;
import org.cponode.fleet.CostRate;
import org.cponode.fleet.FleetStatus;
import org.cponode.fleet.LearnerState;
import org.cponode.fleet.LearningStats;
import org.cponode.fleet.LoopHealth;
import org.cponode.node.NodeSnapshot;
import org.cponode.node.NodeSnapshots;
import org.cponode.param.ParameterValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node side of the fleet link, against a real mosquitto: commands reach the node, status follows it. */
class FleetBridgeTest {

    @TempDir
    Path dir;

    /**
     * A node stand-in for a task with the constraints {@code outside} and {@code speed}: it records calls, reports
     * the state they set, and refuses a cost limit that names neither constraint.
     */
    static final class FakeNode implements NodeControl {
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile boolean estop;
        volatile double outsideLimit = 20;
        volatile double speedLimit = 0.5;

        @Override
        public void pauseLearning() {
            calls.add("pause");
        }

        @Override
        public void resumeLearning() {
            calls.add("resume");
        }

        @Override
        public void estop() {
            calls.add("estop");
            estop = true;
        }

        @Override
        public void releaseEstop() {
            calls.add("release");
            estop = false;
        }

        @Override
        public void setCostLimit(String constraint, double l) {
            switch (constraint) {
                case "outside" -> outsideLimit = l;
                case "speed" -> speedLimit = l;
                case null, default -> throw new IllegalArgumentException("name the constraint; its constraints:"
                        + " outside, speed");
            }
            calls.add("limit " + constraint + " " + l);
        }

        @Override
        public void loadPolicyVersion(long version) {
            throw new IllegalArgumentException("no checkpoint policy-v" + version + ".bin");
        }

        @Override
        public NodeSnapshot snapshot() {
            return NodeSnapshots.sampleTwoConstraints(estop ? NodeSnapshot.Estop.FLEET : NodeSnapshot.Estop.RELEASED,
                    outsideLimit, speedLimit);
        }
    }

    /**
     * Every telemetry field is the snapshot's field it names, in the unit docs/FLEET.md gives, and every constraint
     * is reported under its name, in the task's order.
     */
    @Test
    void telemetryMapsTheSnapshotFieldByField() {
        NodeSnapshot s = NodeSnapshots.sampleTwoConstraints(NodeSnapshot.Estop.TOPIC, 18.0, 0.6);
        LoopHealth loop = FleetBridge.loop(s);
        assertEquals(0.05, loop.targetPeriod(), 1e-15);
        assertEquals(0.051, loop.meanPeriod(), 1e-15, "the measured mean period, not 1 / rate");
        assertEquals(0.062, loop.maxPeriod(), 1e-15, "the longest period measured, not target + p99 jitter");
        assertEquals(7, loop.overruns(), "the loop's overrun count");
        assertEquals(0.0012, loop.inferenceTime(), 1e-15, "the mean step compute time, not its p99");
        assertEquals(0.04, loop.maxInputAge(), 1e-15, "the stalest input used (the IMU here)");
        assertEquals(Map.of("/odom", Map.of("invalid_utf8", 12_345L, "undeserialisable", 6L), "/scan",
                Map.of("sequence_too_long", 2L)), loop.droppedSamples(), "every topic's drops by reason");
        assertEquals(List.of("/odom", "/scan"), List.copyOf(loop.droppedSamples().keySet()), "in the snapshot's order");
        CostRate cost = FleetBridge.cost(s);
        assertEquals(2.0, cost.episodeTime(), "the time the window has run");
        assertEquals(List.of(new CostRate.Constraint("outside", 4.0, 18.0, 2.0),
                new CostRate.Constraint("speed", 1.0, 0.6, 0.5)), cost.constraints(),
                "each window cost against its budget in force, and in cost units per second: 4 and 1 in 2 s");
        LearningStats learning = FleetBridge.learning(s);
        assertEquals(new LearningStats(7, 3, 12.5, List.of(new LearningStats.Constraint("outside", 3.0, 20.0),
                new LearningStats.Constraint("speed", 0.25, 0.75)), 0.0123, 9, false), learning,
                "the last update's batch, each cost against the limit it was measured against, KL, line search"
                        + " and verdict");
        FleetStatus status = FleetBridge.status(s);
        assertEquals(new FleetStatus(LearnerState.LEARNING, 3, true, List.of(new FleetStatus.Constraint("outside",
                18.0), new FleetStatus.Constraint("speed", 0.6))), status, "every limit in force, by name");
    }

    private static String command(long seq, String args) {
        return "{\"seq\":" + seq + ",\"ts\":" + System.currentTimeMillis() + (args.isEmpty() ? "" : "," + args) + "}";
    }

    @Test
    void commandsReachTheNodeAndStatusAndTelemetryFollowIt() throws Exception {
        MosquittoBroker.assumeInstalled();
        try (MosquittoBroker broker = MosquittoBroker.start(dir); Operator manager = Operator.manager(broker)) {
            FakeNode node = new FakeNode();
            Map<String, Object> params = Map.of("fleet.enabled", true, "fleet.broker_uri", broker.plainUri(),
                    "fleet.robot_id", MosquittoBroker.ROBOT,
                    "fleet.password_file", broker.passwordFile(MosquittoBroker.ROBOT).toString(),
                    "fleet.telemetry_rate", 20.0, "fleet.cost_limit_max", 100.0);
            FleetConfig config = FleetConfig.fromParameters(ParameterValues.of(FleetConfig.DECLARATIONS, params))
                    .orElseThrow();
            try (FleetBridge bridge = FleetBridge.start(config, node)) {
                String robot = MosquittoBroker.ROBOT;
                Map<String, Object> online = manager.await("online status", 10_000, r -> r.topic().equals(
                        "fleet/" + robot + "/status") && "online".equals(r.json().get("state"))).json();
                assertEquals(3L, online.get("policy_version"));
                assertEquals(Map.of("outside", Map.of("cost_limit", 20.0), "speed", Map.of("cost_limit", 0.5)),
                        online.get("constraints"));
                Map<String, Object> cost = manager.await("cost telemetry", 10_000, r -> r.topic().equals(
                        "fleet/" + robot + "/telemetry/cost")).json();
                assertEquals(Map.of("episode_cost", 1.0, "cost_limit", 0.5, "cost_rate", 0.5),
                        ((Map<?, ?>) cost.get("constraints")).get("speed"));
                Map<String, Object> loop = manager.await("loop telemetry", 10_000, r -> r.topic().equals(
                        "fleet/" + robot + "/telemetry/loop")).json();
                assertEquals(Map.of("/odom", Map.of("invalid_utf8", 12_345L, "undeserialisable", 6L), "/scan",
                        Map.of("sequence_too_long", 2L)), loop.get("dropped_samples"));
                manager.await("learning telemetry", 10_000, r -> r.topic().equals("fleet/" + robot + "/telemetry/learning"));

                manager.command(robot, "estop", command(1, "\"reason\":\"person in cell\""));
                Map<String, Object> stopped = manager.awaitAll("estop ack and estop in status", 10_000, List.of(
                        r -> r.topic().equals("fleet/" + robot + "/events/cmd_ack")
                                && Long.valueOf(1).equals(r.json().get("cmd_seq")),
                        r -> r.topic().equals("fleet/" + robot + "/status")
                                && Boolean.TRUE.equals(r.json().get("estop")))).get(1).json();
                assertEquals("online", stopped.get("state"));

                manager.command(robot, "set_cost_limit", command(2, "\"constraint\":\"speed\",\"limit\":12.5"));
                Map<String, Object> limits = Map.of("outside", Map.of("cost_limit", 20.0), "speed",
                        Map.of("cost_limit", 12.5));
                manager.awaitAll("limit ack and the speed limit in status", 10_000, List.of(
                        r -> r.topic().equals("fleet/" + robot + "/events/cmd_ack")
                                && Long.valueOf(2).equals(r.json().get("cmd_seq")),
                        r -> r.topic().equals("fleet/" + robot + "/status")
                                && limits.equals(r.json().get("constraints"))));
                manager.command(robot, "set_cost_limit", command(3, "\"limit\":12.5"));
                assertEquals("name the constraint; its constraints: outside, speed",
                        manager.awaitCommandEvent(robot, "cmd_rejected", 3).get("reason"),
                        "the node's reason for a limit that names no constraint of its two");
                manager.command(robot, "load_policy", command(4, "\"version\":9"));
                Map<String, Object> rejected = manager.awaitCommandEvent(robot, "cmd_rejected", 4);
                assertTrue(String.valueOf(rejected).contains("policy-v9"), String.valueOf(rejected));
                manager.command(robot, "release_estop", command(5, ""));
                manager.awaitCommandEvent(robot, "cmd_ack", 5);
                assertEquals(List.of("estop", "limit speed 12.5", "release"), node.calls);
            }
            manager.await("offline after close", 10_000, r -> r.topic().equals("fleet/" + MosquittoBroker.ROBOT + "/status")
                    && "offline".equals(r.json().get("state")));
        }
    }
}
