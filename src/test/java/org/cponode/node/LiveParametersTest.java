package org.cponode.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cponode.control.FakeTransport;
import org.cponode.control.LiveLimits;
import org.cponode.learn.OnlineLearner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Sets of the node's parameters while it runs: validated whole, refused without a trace, applied to core and learner. */
class LiveParametersTest {

    private static String refusal(LiveParameters p, Map<String, ?> changes) {
        return assertThrows(IllegalArgumentException.class, () -> p.set(changes)).getMessage();
    }

    private static List<Double> limits(NodeSnapshot s) {
        return s.constraints().stream().map(NodeSnapshot.Constraint::limit).toList();
    }

    @Test
    @Timeout(60)
    void aRefusedSetChangesNothingAndAnAcceptedOneReachesCoreAndLearner(@TempDir Path dir) throws Exception {
        RobotNode node = RobotNode.start(RobotNodeTest.config("checkpoint_dir:=" + dir, "learning:=true"),
                new FakeTransport());
        try {
            LiveParameters p = node.parameters();
            List<List<String>> heard = new ArrayList<>();
            p.addListener((names, now) -> heard.add(names));
            NodeParameters before = p.current();
            LiveLimits coreBefore = node.core().requestedLimits();

            assertEquals("parameter 'control_rate' cannot be set because it is read-only",
                    refusal(p, Map.of("control_rate", 10.0)));
            assertEquals("parameter 'bogus' cannot be set because it was not declared", refusal(p, Map.of("bogus", 1L)));
            assertEquals("parameter 'cost_limits.speed' cannot be set because it was not declared",
                    refusal(p, Map.of("cost_limits.speed", 1.0)), "the task has no speed constraint");
            assertEquals("parameter 'fleet.telemetry_rate' cannot be set because it is read-only",
                    refusal(p, Map.of("fleet.telemetry_rate", 5.0)));
            assertEquals("parameter 'learning' must be a bool, got string 'no'", refusal(p, Map.of("learning", "no")));
            assertTrue(refusal(p, Map.of("diagnostics_rate", 50.0)).contains("must not exceed control_rate"));
            Map<String, Object> tooFast = new LinkedHashMap<>();
            tooFast.put("cost_limits.outside", 5.0);
            tooFast.put("max_linear_velocity", 0.3);
            assertEquals("parameter 'max_linear_velocity' (0.3 m/s) must not exceed 0.22 m/s, the robot's maximum the"
                    + " node started with", refusal(p, tooFast), "refused whole: the cost limit is not set either");

            assertSame(before, p.current(), "values");
            assertSame(coreBefore, node.core().requestedLimits(), "core");
            assertEquals(List.of(20.0), limits(node.snapshot()), "snapshot");
            assertArrayEquals(new double[] {20}, node.learner().costLimits(), "learner");
            assertTrue(heard.isEmpty(), "no event for a refused set");

            Map<String, Object> set = new LinkedHashMap<>();
            set.put("cost_limits.outside", 7.0);
            set.put("max_linear_velocity", 0.1);
            set.put("max_angular_velocity", 1);
            set.put("learning", false);
            set.put("diagnostics_rate", 2.0);
            p.set(set);
            assertEquals(List.of(List.of("cost_limits.outside", "max_linear_velocity", "max_angular_velocity",
                    "learning", "diagnostics_rate")), heard);
            NodeParameters now = p.current();
            assertEquals(7.0, now.constraints().getFirst().limit());
            assertEquals(1.0, now.maxAngularVelocity(), "an integer for a double, as with -p");
            assertEquals(false, now.learning());
            assertEquals(2.0, now.diagnosticsRate());
            LiveLimits core = node.core().requestedLimits();
            assertArrayEquals(new double[] {7}, core.costLimits());
            assertEquals(0.1, core.maxLinearVelocity());
            assertEquals(1.0, core.maxAngularVelocity());
            assertArrayEquals(new double[] {7}, node.learner().costLimits());
            assertTrue(node.learner().paused());
            RobotNodeTest.await("paused", () -> node.snapshot().learner().state() == OnlineLearner.State.PAUSED, 10_000);
            assertEquals(List.of(7.0), limits(node.snapshot()));

            p.set(Map.of("max_linear_velocity", 0.22));
            assertEquals(0.22, node.core().requestedLimits().maxLinearVelocity(), "back up to the started maximum");

            // the fleet's and ~/set_learning's operations are parameter sets too
            node.setCostLimit(null, 3.0);
            node.resumeLearning();
            assertEquals(3.0, p.current().constraints().getFirst().limit());
            assertEquals(true, p.current().learning());
            assertEquals(List.of("cost_limits.outside"), heard.get(heard.size() - 2));
            assertEquals(List.of("learning"), heard.getLast());
            assertTrue(!node.learner().paused());
        } finally {
            node.close();
        }
    }

    @Test
    @Timeout(60)
    void learningCannotBeTurnedOnInANodeThatStartedWithoutIt(@TempDir Path dir) {
        RobotNode node = RobotNode.start(RobotNodeTest.config("checkpoint_dir:=" + dir), new FakeTransport());
        try {
            assertEquals("parameter 'learning' cannot turn learning on: the node started without it (restart it with"
                    + " learning:=true)", refusal(node.parameters(), Map.of("learning", true)));
            node.parameters().set(Map.of("exploration_std", 0.5, "learning", false));
            assertEquals(0.5, node.parameters().current().explorationStd(), "accepted, with no learner to raise");
        } finally {
            node.close();
        }
    }
}
