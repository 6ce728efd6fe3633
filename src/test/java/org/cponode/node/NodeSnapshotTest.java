package org.cponode.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.cponode.control.NodeStatus;
import org.junit.jupiter.api.Test;

/** The diagnostics report maps the snapshot field by field. */
class NodeSnapshotTest {

    @Test
    void diagnosticsReportEverySnapshotField() {
        NodeStatus d = NodeSnapshots.sample(NodeSnapshot.Estop.FLEET, 20.0).diagnostics();
        assertEquals("cpo_node: control", d.name());
        assertEquals("/cpo_node", d.hardwareId());
        assertEquals(NodeStatus.OK, d.level());
        assertEquals("policy v3 driving", d.message());
        Map<String, String> v = d.values();
        assertEquals("running", v.get("mode"));
        assertEquals("none", v.get("faults"));
        assertEquals("19.60", v.get("control_rate_hz"));
        assertEquals("20.00", v.get("control_rate_target_hz"));
        assertEquals("51.00", v.get("period_mean_ms"));
        assertEquals("62.00", v.get("period_max_ms"));
        assertEquals("7", v.get("overruns"));
        assertEquals("0.5000", v.get("jitter_p99_ms"));
        assertEquals("1.200", v.get("step_compute_mean_ms"));
        assertEquals("3.000", v.get("step_compute_p99_ms"));
        assertEquals("0.02000", v.get("odom_age_s"));
        assertFalse(v.containsKey("scan_age_s"), "the scan is not used");
        assertEquals("0.04000", v.get("imu_age_s"));
        assertEquals("12353", v.get("dropped_samples"));
        assertEquals("12345", v.get("dropped_samples /odom invalid_utf8"));
        assertEquals("6", v.get("dropped_samples /odom undeserialisable"));
        assertEquals("2", v.get("dropped_samples /scan sequence_too_long"));
        assertEquals("fleet", v.get("estop"));
        assertEquals("4.000", v.get("window_cost.outside"));
        assertEquals("20.00", v.get("cost_limit.outside"));
        assertEquals("3.000", v.get("last_window_cost.outside"));
        assertEquals("12.50", v.get("last_window_reward"));
        assertEquals("return", v.get("fallback"));
        assertEquals("1", v.get("fallback_windows"));
        assertEquals("3", v.get("policy_version"));
        assertEquals("3", v.get("acting_version"));
        assertEquals("2", v.get("last_safe_version"));
        assertEquals("collecting", v.get("learner"));
        assertEquals("7", v.get("updates"));
        assertEquals("0", v.get("dropped_steps"));
        assertEquals("0.8000", v.get("obstacle_distance_m"));
        assertEquals("clear", v.get("zone"));
        assertEquals("4", v.get("zone_interventions"));
        assertEquals("0.1000", v.get("cmd_linear"));
        assertEquals("0.2000", v.get("cmd_angular"));
    }

    /** A learner that died is an ERROR whatever drives, with its one line as the message. */
    @Test
    void aFailedLearnerIsAnError() {
        NodeSnapshot ok = NodeSnapshots.sample(NodeSnapshot.Estop.RELEASED, 20.0);
        NodeSnapshot failed = new NodeSnapshot(ok.name(), ok.hardwareId(), ok.mode(), ok.faults(), ok.estop(),
                ok.constraints(), ok.windowElapsed(), ok.lastWindowReward(),
                ok.windowSeconds(), ok.fallback(), ok.fallbackWindows(), ok.policyVersion(), ok.actingVersion(),
                ok.lastSafeVersion(), ok.targetRate(), ok.timing(), ok.odomAge(), ok.odomRate(), ok.scanAge(),
                ok.imuAge(), new NodeSnapshot.Learning(org.cponode.learn.OnlineLearner.State.FAILED, 7, 0,
                        "online learner stopped: java.lang.OutOfMemoryError", null), ok.cmdLinear(), ok.cmdAngular(),
                ok.obstacleDistance(), ok.zoneFactor(), ok.zoneInterventions(), ok.sampleDrops());
        NodeStatus d = failed.diagnostics();
        assertEquals(NodeStatus.ERROR, d.level());
        assertEquals("online learner stopped: java.lang.OutOfMemoryError", d.message());
        assertEquals("failed", d.values().get("learner"));
    }
}
