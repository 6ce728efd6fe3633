package org.cponode.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.cponode.learn.Checkpoint;
import org.cponode.learn.TrainedPolicy;
import org.cponode.ros.Publisher;
import org.cponode.ros.QosProfile;
import org.cponode.ros.dds.CycloneConfig;
import org.cponode.ros.dds.DdsLibrary;
import org.cponode.ros.msg.Bool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node as users run it, over DDS on loopback (Cyclone confined to 127.0.0.1, a per-run domain): the node in
 * a child JVM, and in this JVM an independent ROS node that plays the robot's odometry and e-stop and checks
 * {@code cmd_vel} on the wire. Each supervisor reaction must put a zero command on the wire at the next control
 * step once it is due, counted in the commands that still moved the robot (at most the one being computed and
 * one in flight), not in milliseconds, so a busy machine cannot fail it; the delays are printed for the record
 * ({@code bench latency} and {@code bench control} measure them).
 */
class NodeOverDdsTest {

    static final int DOMAIN = 1 + ThreadLocalRandom.current().nextInt(101);
    static final String LOOPBACK = CycloneConfig.loopbackOnly("any");

    @BeforeAll
    static void needsCyclone() {
        org.junit.jupiter.api.Assumptions.assumeTrue(DdsLibrary.isAvailable(), "Cyclone DDS (libddsc) not installed");
    }

    static Map<String, String> env() {
        return Map.of("ROS_DOMAIN_ID", Integer.toString(DOMAIN), "CYCLONEDDS_URI", LOOPBACK);
    }

    /** The independent side on this test's domain. */
    static WireRobot robot() {
        return new WireRobot(DOMAIN, LOOPBACK);
    }

    static void await(String what, BooleanSupplier c, long millis, ChildProcess p) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (!c.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "timed out waiting for " + what + "; node output:\n" + p.output());
            Thread.sleep(2);
        }
    }

    /** Sends odometry every 20 ms until the robot moves on its command. */
    static void driveUntilMoving(WireRobot robot, ChildProcess node, double x) throws InterruptedException {
        long end = System.nanoTime() + 30_000_000_000L;
        while (!(robot.linear > 0)) {
            assertTrue(System.nanoTime() < end, "no motion command; node output:\n" + node.output());
            robot.sendOdom(x);
            Thread.sleep(20);
        }
    }

    @Test
    @Timeout(120)
    void supervisorPutsZeroOnTheWireWithinOnePeriod(@TempDir Path dir) throws Exception {
        Path policy = TestPolicies.constant(dir.resolve("forward.bin"), 0.5, 0.5);
        try (WireRobot robot = robot();
                ChildProcess node = new ChildProcess(dir.resolve("node.log"), env(), "node", "--ros-args",
                        "-p", "policy:=" + policy, "-p", "checkpoint_dir:=" + dir, "-p", "diagnostics_rate:=2.0")) {
            // 1. Stale odometry: the last message at t0, zero due at t0 + sensor_timeout (0.5 s) + one period.
            driveUntilMoving(robot, node, 0.0);
            robot.watchZero();
            robot.sendOdom(0.0);
            long t0 = System.nanoTime();
            await("zero after stale odometry", () -> robot.zeroAt != 0, 5_000, node);
            long staleDelay = robot.zeroAt - t0;
            assertTrue(staleDelay > 400_000_000L, "stopped before the timeout: " + ms(staleDelay));
            assertTrue(robot.movingBeforeZero <= 10 + 2, "at most the timeout's 10 steps (plus one computing and one"
                    + " in flight) moved the robot after the last odometry: " + robot.movingBeforeZero);

            // 2. NaN pose: zero due at the next step.
            driveUntilMoving(robot, node, 0.0);
            robot.watchZero();
            long t1 = System.nanoTime();
            robot.sendOdom(Double.NaN);
            await("zero after NaN pose", () -> robot.zeroAt != 0, 5_000, node);
            long nanDelay = robot.zeroAt - t1;
            assertTrue(robot.movingBeforeZero <= 2, "the next step stops: " + robot.movingBeforeZero);

            // 3. E-stop latched until an explicit release, while odometry stays healthy.
            driveUntilMoving(robot, node, 0.0);
            robot.watchZero();
            long t2 = System.nanoTime();
            robot.estop.publish(new Bool(true));
            await("zero after e-stop", () -> robot.zeroAt != 0, 5_000, node);
            long estopDelay = robot.zeroAt - t2;
            assertTrue(robot.movingBeforeZero <= 2, "the next step stops: " + robot.movingBeforeZero);
            for (int i = 0; i < 25; i++) {
                robot.sendOdom(0.0);
                Thread.sleep(20);
                assertEquals(0.0, robot.linear, "e-stop must hold until released");
            }
            await("diagnostics report the e-stop", () -> "topic".equals(robot.diagnostic("estop")), 5_000, node);
            robot.estop.publish(new Bool(false));
            driveUntilMoving(robot, node, 0.0);

            // 4. SIGTERM: zero on the wire before the JVM exits, within one period.
            robot.watchZero();
            for (int i = 0; i < 5; i++) {
                robot.sendOdom(0.0);
                Thread.sleep(10);
            }
            long t3 = System.nanoTime();
            int exit = node.terminate(5_000);
            await("zero after SIGTERM", () -> robot.zeroAt != 0, 2_000, node);
            long termDelay = robot.zeroAt - t3;
            assertTrue(robot.movingBeforeZero <= 2, "the stop goes out at once: " + robot.movingBeforeZero);
            assertEquals(143, exit, "exit after SIGTERM; output:\n" + node.output());
            assertTrue(node.output().contains("stopped, zero velocity sent"), node.output());
            System.out.printf(Locale.ROOT, "zero on the wire after: stale odometry %s (timeout 500 ms), NaN %s,"
                    + " e-stop %s, SIGTERM %s%n", ms(staleDelay), ms(nanDelay), ms(estopDelay), ms(termDelay));
        }
    }

    /** An e-stop a latched publisher set before the node started holds the node from its first step. */
    @Test
    @Timeout(120)
    void anEstopLatchedBeforeTheNodeStartsIsHonoured(@TempDir Path dir) throws Exception {
        Path policy = TestPolicies.constant(dir.resolve("forward.bin"), 0.5, 0.5);
        try (WireRobot robot = robot()) {
            Publisher<Bool> latched = robot.node.publisher("estop", Bool.TYPE, QosProfile.LATCHED);
            latched.publish(new Bool(true));
            try (ChildProcess node = new ChildProcess(dir.resolve("node.log"), env(), "node", "--ros-args",
                    "-p", "policy:=" + policy, "-p", "checkpoint_dir:=" + dir, "-p", "diagnostics_rate:=2.0")) {
                await("commands from the node", () -> {
                    robot.sendOdom(0.0);
                    return robot.commands > 20;
                }, 30_000, node);
                for (int i = 0; i < 50; i++) {
                    robot.sendOdom(0.0);
                    Thread.sleep(20);
                    assertEquals(0.0, robot.linear, "the latched e-stop must hold the node");
                }
                assertEquals(0, robot.movingCommands, "no motion from the first command on: the start-up grace lets"
                        + " the latched e-stop arrive first");
                await("diagnostics report the e-stop", () -> "topic".equals(robot.diagnostic("estop")), 5_000, node);
                latched.publish(new Bool(false));
                driveUntilMoving(robot, node, 0.0);
            }
        }
    }

    @Test
    @Timeout(180)
    void simRobotAndNodeLearnOnlineOverDds(@TempDir Path dir) throws Exception {
        try (WireRobot observer = robot();
                ChildProcess robot = new ChildProcess(dir.resolve("sim.log"), env(), "sim-robot", "--sim-time");
                ChildProcess node = new ChildProcess(dir.resolve("node.log"), env(), "node", "--ros-args",
                        "--params-file", "config/sim.yaml", "-p", "odom_topic:=odom", "-p", "learning:=true",
                        "-p", "task:=diffdrive-circle-2c", "-p", "cost_limits.speed:=8.0",
                        "-p", "episode_window:=2.0", "-p", "batch_windows:=2", "-p", "checkpoint_dir:=" + dir,
                        "-p", "diagnostics_rate:=2.0")) {
            await("an online update swapped in", () -> {
                String acting = observer.diagnostic("acting_version");
                return acting != null && Long.parseLong(acting) >= 1;
            }, 120_000, node);
            assertTrue(Long.parseLong(observer.diagnostic("updates")) >= 1);
            assertTrue(observer.commands > 0, "cmd_vel on the wire");
            assertTrue(dir.resolve("policy-v000000.bin").toFile().isFile(), "v0 checkpointed with its cost");
            double rate = Double.parseDouble(observer.diagnostic("control_rate_hz"));
            // In simulated time: a step missed under load lowers it, a double step (a real fault) would raise it.
            assertTrue(rate > 0 && rate <= 20.0 + 1e-6, "control loop rate while learning: " + rate);
            // Both constraints of the two-constraint task are accounted per window, each against its own limit.
            for (String constraint : List.of("outside", "speed")) {
                assertTrue(Double.isFinite(Double.parseDouble(observer.diagnostic("last_window_cost." + constraint))),
                        constraint + " cost accounted per window");
            }
            assertEquals("20.00", observer.diagnostic("cost_limit.outside"));
            assertEquals("8.000", observer.diagnostic("cost_limit.speed"));
            Checkpoint v0 = Checkpoint.read(dir.resolve("policy-v000000.bin"));
            assertEquals("outside,speed", v0.require("constraints"), "the online checkpoint names both");
            assertEquals(2, TrainedPolicy.measuredCosts(v0).length);
            System.out.printf(Locale.ROOT, "over DDS: %s updates, acting v%s, rate %.2f Hz, jitter p99 %s ms,"
                    + " last window cost outside %s, speed %s%n", observer.diagnostic("updates"),
                    observer.diagnostic("acting_version"), rate, observer.diagnostic("jitter_p99_ms"),
                    observer.diagnostic("last_window_cost.outside"), observer.diagnostic("last_window_cost.speed"));
            assertTrue(node.terminate(5_000) >= 0, "node exits on SIGTERM");
            assertTrue(robot.terminate(5_000) >= 0, "sim-robot exits on SIGTERM");
        }
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos * 1e-6);
    }
}
