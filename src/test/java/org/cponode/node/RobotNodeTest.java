package org.cponode.node;

import org.cponode.control.ControlLoop;
import org.cponode.control.FakeTransport;
import org.cponode.control.Mode;
import org.cponode.control.NodeStatus;
import org.cponode.simrobot.InMemoryLink;
import org.cponode.simrobot.SimRobot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cponode.learn.Checkpoint;
import org.cponode.learn.OnlineLearner;
import org.cponode.learn.TrainedPolicy;
import org.cponode.task.DiffDriveObservation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The whole node in-process against the simulated robot: learning from scratch, checkpoints, resume, control. */
class RobotNodeTest {

    static NodeConfiguration config(String... parameters) {
        List<String> args = new ArrayList<>(List.of("--ros-args"));
        for (String p : parameters) {
            args.add("-p");
            args.add(p);
        }
        return NodeConfiguration.resolve(RosArguments.parse(args));
    }

    static void await(String what, java.util.function.BooleanSupplier condition, long timeoutMillis)
            throws InterruptedException {
        long end = System.nanoTime() + timeoutMillis * 1_000_000;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "timed out waiting for " + what);
            Thread.sleep(20);
        }
    }

    @Test
    @Timeout(120)
    void learnsFromScratchOnSimTimeCheckpointsAndResumes(@TempDir Path dir) throws Exception {
        InMemoryLink link = new InMemoryLink();
        // 1 s windows, 2 windows per update, sim time 4x faster than real time: an update every 0.5 s of wall time.
        NodeConfiguration cfg = config("use_sim_time:=true", "learning:=true", "episode_window:=1.0",
                "batch_windows:=2", "checkpoint_dir:=" + dir, "cost_limits.outside:=5.0");
        RobotNode node = RobotNode.start(cfg, link.nodeSide);
        SimRobot robot = new SimRobot(new SimRobot.Settings(true, 4.0, 0.5, 3), link.robotSide);
        robot.start();
        try {
            await("two online updates", () -> node.learner().updates() >= 2, 90_000);
            ControlLoop.Timing timing = node.loop().timing();
            assertEquals(0.0, timing.jitterP50(), 1e-3, "on sim time steps are one simulated period apart: " + timing);
            assertTrue(timing.rate() <= 20.0 + 1e-6, "a late step is never followed by a double step: " + timing);
            assertTrue(node.activePolicy().version() >= 2);
            assertTrue(Files.exists(dir.resolve(OnlineLearner.LATEST)));
            Checkpoint v0 = Checkpoint.read(dir.resolve("policy-v000000.bin"));
            assertTrue(Double.isFinite(Double.parseDouble(v0.require("measured_cost"))), "v0 has its measured cost");
            TrainedPolicy loaded = TrainedPolicy.fromCheckpoint(v0, DiffDriveObservation.LAYOUT);
            assertEquals(0, loaded.version());
            assertTrue(robot.commands() > 0 && link.commands > 0);
            await("the new policy drives", () -> node.core().actingVersion() >= 1
                    || node.core().mode() != Mode.RUNNING, 10_000);
        } finally {
            robot.close();
            node.close();
        }
        assertEquals(0.0, link.lastLinear, "zero velocity at shutdown");

        // Resume from the newest checkpoint: the version continues.
        Checkpoint latest = Checkpoint.read(dir.resolve(OnlineLearner.LATEST));
        long saved = Long.parseLong(latest.require("policy_version"));
        InMemoryLink link2 = new InMemoryLink();
        RobotNode resumed = RobotNode.start(config("learning:=true", "policy:=" + dir.resolve(OnlineLearner.LATEST),
                "checkpoint_dir:=" + dir), link2.nodeSide);
        try {
            assertEquals(saved, resumed.activePolicy().version());
        } finally {
            resumed.close();
        }
    }

    @Test
    @Timeout(60)
    void runsAtItsRateWithoutLearningAndReportsDiagnostics(@TempDir Path dir) throws Exception {
        InMemoryLink link = new InMemoryLink();
        // its own checkpoint_dir: the fleet e-stop below is recorded there, never in the user's home
        RobotNode node = RobotNode.start(config("diagnostics_rate:=2.0", "checkpoint_dir:=" + dir), link.nodeSide);
        SimRobot robot = new SimRobot(new SimRobot.Settings(false, 1.0, 0.5, 3), link.robotSide);
        robot.start();
        try {
            await("diagnostics", () -> link.diagnostics.size() >= 3, 10_000);
            await("running", () -> node.core().mode() == Mode.RUNNING, 10_000);
            NodeStatus s = node.snapshot().diagnostics();
            assertEquals("cpo_node: control", s.name());
            assertEquals(NodeStatus.OK, s.level(), s.toString());
            assertEquals("off", s.values().get("learner"));
            double rate = Double.parseDouble(s.values().get("control_rate_hz"));
            // What the loop measured: a busy machine slows it (the benchmark measures it), a wrong rate computation
            // (per ms, per step, or the target echoed) lands far outside this.
            assertTrue(rate > 5.0 && rate < 21.0, "control rate " + rate);
            assertNotNull(s.values().get("odom_age_s"));
            await("odometry rate", () -> !link.diagnostics.get(link.diagnostics.size() - 1).values()
                    .get("odom_rate_hz").equals("n/a"), 5_000);
            double odomRate = Double.parseDouble(node.snapshot().diagnostics().values().get("odom_rate_hz"));
            assertTrue(odomRate > 5.0 && odomRate < 25.0, "sim-robot's 20 Hz odometry over the last diagnostics"
                    + " period (500 ms: about 10 messages): " + odomRate);
            node.estop();
            await("fleet e-stop", () -> node.core().mode() == Mode.ESTOP && link.lastLinear == 0.0, 1_000);
            node.releaseEstop();
            await("released", () -> node.core().mode() == Mode.RUNNING, 1_000);
        } finally {
            robot.close();
            node.close();
        }
    }

    /** A fleet e-stop survives a restart of the node until the fleet releases it. */
    @Test
    @Timeout(30)
    void aFleetEstopOutlivesARestartUntilReleased(@TempDir Path dir) {
        NodeConfiguration cfg = config("checkpoint_dir:=" + dir);
        RobotNode first = RobotNode.start(cfg, new FakeTransport());
        first.estop();
        first.close();
        assertTrue(java.nio.file.Files.exists(dir.resolve(RobotNode.FLEET_ESTOP_FILE)));

        RobotNode restarted = RobotNode.start(cfg, new FakeTransport());
        try {
            assertTrue(restarted.core().fleetEstop(), "a restart must not release the fleet e-stop");
            restarted.releaseEstop();
            assertTrue(!restarted.core().fleetEstop());
        } finally {
            restarted.close();
        }
        RobotNode third = RobotNode.start(cfg, new FakeTransport());
        try {
            assertTrue(!third.core().fleetEstop(), "released stays released");
        } finally {
            third.close();
        }
    }

    /** A fleet e-stop whose record cannot be removed is not released, and the fleet is told why. */
    @Test
    @Timeout(30)
    void aFleetEstopThatCannotBeUnrecordedStaysLatched(@TempDir Path dir) throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve(RobotNode.FLEET_ESTOP_FILE).resolve("blocker"));
        RobotNode node = RobotNode.start(config("checkpoint_dir:=" + dir), new FakeTransport());
        try {
            assertTrue(node.core().fleetEstop(), "a record there means latched");
            IllegalStateException e = assertThrows(IllegalStateException.class, node::releaseEstop);
            assertTrue(e.getMessage().contains("not released"), e.getMessage());
            assertTrue(node.core().fleetEstop());
        } finally {
            node.close();
        }
    }

    /** A zero that fails to publish on shutdown costs neither the other zeros nor closing the transport. */
    @Test
    @Timeout(30)
    void shutdownPublishesTheOtherZerosWhenOneFails() {
        FakeTransport transport = new FakeTransport();
        RobotNode node = RobotNode.start(config(), transport);
        transport.linear = 0.3; // as if the base were moving on the last command
        transport.failures = 1;
        node.close();
        assertEquals(0, transport.failures);
        assertEquals(0.0, transport.linear, "a later zero went out");
        assertEquals(null, transport.sink, "the transport was closed");
    }

    /**
     * The node's phases: configured, it publishes nothing and listens to nothing; activated, it drives;
     * deactivated, the last command on the wire is zero and nothing more goes out; activated again, it drives.
     */
    @Test
    @Timeout(60)
    void configurePublishesNothingAndDeactivateIsTheInverseOfActivate(@TempDir Path dir) throws Exception {
        FakeTransport transport = new FakeTransport();
        Path policy = TestPolicies.constant(dir.resolve("forward.bin"), 0.5, 0.5);
        RobotNode node = RobotNode.configure(config("policy:=" + policy, "checkpoint_dir:=" + dir), transport);
        try {
            Thread.sleep(200);
            assertTrue(Double.isNaN(transport.linear), "configured: nothing published");
            assertEquals(null, transport.sink, "configured: the inputs are not started");
            for (int round = 0; round < 2; round++) {
                node.activate();
                long end = System.nanoTime() + 10_000_000_000L;
                while (!(transport.linear > 0)) {
                    assertTrue(System.nanoTime() < end, "activation " + round + ": no motion");
                    odometryNow(node, transport);
                    Thread.sleep(10);
                }
                assertEquals(ControlLoop.STOP_ZEROS, node.deactivate(), "deactivation sends the zeros");
                assertEquals(0.0, transport.linear, "deactivated: zero on the wire");
                transport.linear = Double.NaN;
                for (int i = 0; i < 20; i++) {
                    odometryNow(node, transport);
                    Thread.sleep(10);
                }
                assertTrue(Double.isNaN(transport.linear), "inactive: nothing published");
                assertEquals(0, node.deactivate(), "deactivating twice is a no-op");
            }
        } finally {
            node.close();
        }
        assertEquals(null, transport.sink, "closed: the transport is released");
    }

    private static void odometryNow(RobotNode node, FakeTransport transport) {
        transport.sink.odometry(System.currentTimeMillis() / 1e3, 0, 0, 0, 0, 0, 1, 0, 0);
    }

    /** A node that cannot be configured says why and has published nothing. */
    @Test
    void aFailedConfigurationPublishesNothing(@TempDir Path dir) {
        FakeTransport transport = new FakeTransport();
        assertThrows(IllegalArgumentException.class, () -> RobotNode.configure(config("policy:="
                + dir.resolve("none.bin")), transport));
        assertTrue(Double.isNaN(transport.linear));
        assertEquals(null, transport.sink);
    }

    @Test
    void refusesAnotherTasksCheckpoint(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("other.bin");
        Checkpoint ck = Checkpoint.read(writeCheckpoint(dir));
        java.util.Map<String, String> meta = new java.util.LinkedHashMap<>(ck.metadata());
        meta.put("observation_layout", "point-circle/v3");
        meta.put("task", "point-circle");
        new Checkpoint(meta, ck.arrays()).write(file);
        for (String learning : List.of("false", "true")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RobotNode.start(
                    config("policy:=" + file, "learning:=" + learning, "checkpoint_dir:=" + dir), new FakeTransport()));
            assertTrue(e.getMessage().contains("observation layout 'point-circle/v3'"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RobotNode.start(config("policy:=" + dir.resolve("none.bin")), new FakeTransport()));
        assertTrue(e.getMessage().contains("no checkpoint at"), e.getMessage());
    }

    @Test
    @Timeout(120)
    void startsFromATrainCheckpointWithAndWithoutLearning(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        assertEquals(0, org.cponode.cli.Main.run("train", "--task", "diffdrive-circle", "--iterations", "1",
                "--batch-size", "800", "--threads", "1", "--quiet", "--out", run.toString()));
        Path ck = run.resolve("checkpoint.bin");
        TrainedPolicy trained = TrainedPolicy.fromCheckpoint(Checkpoint.read(ck), DiffDriveObservation.LAYOUT);
        for (String learning : List.of("false", "true")) {
            RobotNode node = RobotNode.start(config("policy:=" + ck, "learning:=" + learning,
                    "checkpoint_dir:=" + dir.resolve("online")), new FakeTransport());
            try {
                double[] expected = trained.params().clone();
                // With learning, exploration_std (default 1.0) raises what a train checkpoint explores, as a new
                // version; the mean stays.
                boolean raised = learning.equals("true") && node.activePolicy().policy().raiseStd(expected, 1.0);
                assertEquals(raised ? 2 : 1, node.activePolicy().version(), "learning " + learning);
                assertTrue(java.util.Arrays.equals(expected, node.activePolicy().params()),
                        "the trained parameters drive (learning " + learning + ")");
            } finally {
                node.close();
            }
        }
    }

    /** A checkpoint as the online learner writes it, without running the node. */
    static Path writeCheckpoint(Path dir) throws Exception {
        FakeTransport t = new FakeTransport();
        RobotNode node = RobotNode.start(config("learning:=true", "checkpoint_dir:=" + dir, "episode_window:=0.1",
                "batch_windows:=1", "startup_grace:=0.0"), t);
        try {
            for (int i = 0; i < 3000 && !Files.exists(dir.resolve("policy-v000000.bin")); i++) {
                t.sink.odometry(i * 0.01, 0.1, 0.2, 0, 0, 0, 1, 0, 0);
                Thread.sleep(10);
            }
        } finally {
            node.close();
        }
        return dir.resolve("policy-v000000.bin");
    }

    @Test
    @Timeout(60)
    void fleetOperations(@TempDir Path dir) throws Exception {
        Path v0 = writeCheckpoint(dir);
        FakeTransport t = new FakeTransport();
        RobotNode node = RobotNode.start(config("checkpoint_dir:=" + dir), t);
        try {
            node.loadPolicyVersion(0);
            assertEquals(0, node.activePolicy().version());
            assertEquals(Checkpoint.read(v0).require("policy_version"), "0");
            assertThrows(IllegalArgumentException.class, () -> node.loadPolicyVersion(99));
            node.setCostLimit(null, 3.0);
            assertArrayEquals(new double[] {3.0}, node.core().costLimits());
            node.setCostLimit("outside", 4.0);
            assertArrayEquals(new double[] {4.0}, node.core().costLimits());
            assertThrows(IllegalArgumentException.class, () -> node.setCostLimit(null, -1));
            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                    () -> node.setCostLimit("speed", 1));
            assertEquals("task diffdrive-circle has no constraint 'speed'; its constraints: outside",
                    unknown.getMessage());
            assertArrayEquals(new double[] {4.0}, node.core().costLimits());
            node.pauseLearning(); // no learner: nothing to pause, must not fail
            node.resumeLearning();
        } finally {
            node.close();
        }
    }

    /**
     * With two constraints a limit names its constraint: the supervisor's budget and the learner's limit change
     * for that one only, and a limit naming none is refused with the constraints listed, changing nothing.
     */
    @Test
    @Timeout(60)
    void aTwoConstraintNodeSetsEachLimitByName(@TempDir Path dir) throws Exception {
        RobotNode node = RobotNode.start(config("task:=diffdrive-circle-2c", "learning:=true",
                "checkpoint_dir:=" + dir), new FakeTransport());
        try {
            assertArrayEquals(new double[] {20.0, 10.0}, node.core().costLimits(), "the task's defaults");
            node.setCostLimit("speed", 3.0);
            assertArrayEquals(new double[] {20.0, 3.0}, node.core().costLimits());
            assertArrayEquals(new double[] {20.0, 3.0}, node.learner().costLimits(), "CPO's limits too");
            IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                    () -> node.setCostLimit(null, 5.0));
            assertEquals("name the constraint; its constraints: outside, speed", none.getMessage());
            assertArrayEquals(new double[] {20.0, 3.0}, node.core().costLimits());
            assertEquals(List.of("outside", "speed"),
                    node.snapshot().constraints().stream().map(NodeSnapshot.Constraint::name).toList());
            assertEquals(3.0, node.snapshot().constraints().get(1).limit());
        } finally {
            node.close();
        }
    }

    /** Learning refuses to start when its policies could not be saved, rather than losing them at the next restart. */
    @Test
    void learningNeedsACheckpointDirectory(@TempDir Path dir) throws Exception {
        Path nested = dir.resolve("a/b");
        RobotNode.requireCheckpointDirectory(nested);
        assertTrue(Files.isDirectory(nested));
        Path file = Files.writeString(dir.resolve("plain"), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RobotNode.requireCheckpointDirectory(file));
        assertTrue(e.getMessage().contains("'checkpoint_dir'") && e.getMessage().contains("is a file"), e.getMessage());
        IllegalArgumentException under = assertThrows(IllegalArgumentException.class,
                () -> RobotNode.requireCheckpointDirectory(file.resolve("sub")));
        assertTrue(under.getMessage().contains("cannot be created"), under.getMessage());
    }

    /** Like eval and transfer, the node takes a run directory for its policy. */
    @Test
    void thePolicyParameterTakesARunDirectory(@TempDir Path dir) throws Exception {
        Path trainRun = Files.createDirectories(dir.resolve("train"));
        Files.writeString(trainRun.resolve("checkpoint.bin"), "x");
        assertEquals(trainRun.resolve("checkpoint.bin"), RobotNode.policyFile(trainRun));
        Path trial = Files.createDirectories(dir.resolve("trial"));
        Files.writeString(trial.resolve("policy.bin"), "x");
        assertEquals(trial.resolve("policy.bin"), RobotNode.policyFile(trial));
        Path file = trial.resolve("policy.bin");
        assertEquals(file, RobotNode.policyFile(file));
        Path empty = Files.createDirectories(dir.resolve("empty"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RobotNode.policyFile(empty));
        assertTrue(e.getMessage().contains("without checkpoint.bin"), e.getMessage());
    }
}
