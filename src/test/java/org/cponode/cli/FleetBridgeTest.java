package org.cponode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cponode.fleet.FleetConfig;
import org.cponode.fleet.MosquittoBroker;
import org.cponode.fleet.Operator;
import org.cponode.node.NodeControl;
import org.cponode.control.NodeStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node side of the fleet link, against a real mosquitto: commands reach the node, status follows it. */
class FleetBridgeTest {

    @TempDir
    Path dir;

    /** A node stand-in that records calls and reports the state they set. */
    static final class FakeNode implements NodeControl {
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile boolean estop;
        volatile double limit = 20;

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
        public void setCostLimit(double l) {
            calls.add("limit " + l);
            limit = l;
        }

        @Override
        public void loadPolicyVersion(long version) {
            throw new IllegalArgumentException("no checkpoint policy-v" + version + ".bin");
        }

        @Override
        public NodeStatus status() {
            Map<String, String> v = new HashMap<>();
            v.put("learner", "collecting");
            v.put("policy_version", "3");
            v.put("estop", estop ? "fleet" : "released");
            v.put("cost_limit", Double.toString(limit));
            v.put("window_cost", "4");
            v.put("control_rate_hz", "20");
            v.put("control_rate_target_hz", "20");
            v.put("jitter_p99_ms", "0.5");
            v.put("step_compute_p99_ms", "0.1");
            v.put("odom_age_s", "0.02");
            v.put("updates", "7");
            v.put("last_window_reward", "12.5");
            v.put("last_window_cost", "3");
            return new NodeStatus("cpo_node", "test", NodeStatus.OK, "ok", v);
        }
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
            try (FleetBridge bridge = FleetBridge.start(FleetConfig.fromParameters(params).orElseThrow(), node, 20.0)) {
                String robot = MosquittoBroker.ROBOT;
                Map<String, Object> online = manager.await("online status", 10_000, r -> r.topic().equals(
                        "fleet/" + robot + "/status") && "online".equals(r.json().get("state"))).json();
                assertEquals(3L, online.get("policy_version"));
                manager.await("cost telemetry", 10_000, r -> r.topic().equals("fleet/" + robot + "/telemetry/cost"));
                manager.await("learning telemetry", 10_000, r -> r.topic().equals("fleet/" + robot + "/telemetry/learning"));

                manager.command(robot, "estop", command(1, "\"reason\":\"person in cell\""));
                Map<String, Object> stopped = manager.awaitAll("estop ack and estop in status", 10_000, List.of(
                        r -> r.topic().equals("fleet/" + robot + "/events/cmd_ack")
                                && Long.valueOf(1).equals(r.json().get("cmd_seq")),
                        r -> r.topic().equals("fleet/" + robot + "/status")
                                && Boolean.TRUE.equals(r.json().get("estop")))).get(1).json();
                assertEquals("online", stopped.get("state"));

                manager.command(robot, "set_cost_limit", command(2, "\"limit\":12.5"));
                manager.awaitCommandEvent(robot, "cmd_ack", 2);
                manager.command(robot, "load_policy", command(3, "\"version\":9"));
                Map<String, Object> rejected = manager.awaitCommandEvent(robot, "cmd_rejected", 3);
                assertTrue(String.valueOf(rejected).contains("policy-v9"), String.valueOf(rejected));
                manager.command(robot, "release_estop", command(4, ""));
                manager.awaitCommandEvent(robot, "cmd_ack", 4);
                assertEquals(List.of("estop", "limit 12.5", "release"), node.calls);
            }
            manager.await("offline after close", 10_000, r -> r.topic().equals("fleet/" + MosquittoBroker.ROBOT + "/status")
                    && "offline".equals(r.json().get("state")));
        }
    }
}
