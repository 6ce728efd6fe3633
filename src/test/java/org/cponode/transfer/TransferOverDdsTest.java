package org.cponode.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.cponode.cli.Main;
import org.cponode.learn.Checkpoint;
import org.cponode.learn.TestCheckpoints;
import org.cponode.node.TestPolicies;
import org.cponode.node.WireRobot;
import org.cponode.ros.RosSecurity;
import org.cponode.ros.msg.Bool;
import org.cponode.simrobot.DdsSimRobotTransport;
import org.cponode.simrobot.SimRobot;
import org.cponode.parallel.WorkerPool;
import org.cponode.ros.dds.CycloneConfig;
import org.cponode.ros.dds.DdsLibrary;
import org.cponode.sim.Tasks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short transfer trial over DDS on loopback: the node branch's {@code sim-robot} ({@link SimRobot} on
 * {@link DdsSimRobotTransport}) with {@code config/perturbed_robot.yaml} as the target robot, and
 * {@code cpo-node transfer --target ros} talking to it through odometry and {@code cmd_vel} only. Cyclone is
 * confined to 127.0.0.1 and the domain is drawn per run, so parallel runs do not see each other.
 */
class TransferOverDdsTest {

    static final int DOMAIN = 1 + ThreadLocalRandom.current().nextInt(101);
    static final String LOOPBACK = CycloneConfig.loopbackOnly("any");

    @TempDir
    Path dir;

    @BeforeAll
    static void needsCyclone() {
        org.junit.jupiter.api.Assumptions.assumeTrue(DdsLibrary.isAvailable(), "Cyclone DDS (libddsc) not installed");
    }

    private static SimRobot perturbedSimRobot() {
        SimRobot robot = new SimRobot(new SimRobot.Settings(true, 2.0, 0.5, 11),
                new DdsSimRobotTransport("sim_robot", "/", List.of(), "cmd_vel", "odom", false, DOMAIN, LOOPBACK,
                        RosSecurity.OFF),
                DynamicsFile.readRobot(Path.of("config/perturbed_robot.yaml")));
        robot.start();
        return robot;
    }

    @Test
    @Timeout(120)
    void shortTrialOverDdsWritesTheReport() throws Exception {
        Path ck = dir.resolve("dd.bin");
        TestCheckpoints.untrained(Tasks.DIFFDRIVE_CIRCLE).write(ck);
        Path out = dir.resolve("report");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code;
        long commandsBefore;
        try (SimRobot robot = perturbedSimRobot()) {
            commandsBefore = robot.commands();
            PrintStream oldOut = System.out;
            PrintStream oldErr = System.err;
            try {
                System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
                System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
                code = Main.run("transfer", ck.toString(), "--target", "ros", "--domain-id", Integer.toString(DOMAIN),
                        "--localhost-only", "--window-steps", "30", "--windows", "4", "--baseline", "2", "--batch",
                        "1", "--threads", "1", "--odometry-timeout", "5", "--out", out.toString());
            } finally {
                System.setOut(oldOut);
                System.setErr(oldErr);
            }
            assertTrue(robot.commands() - commandsBefore >= 4 * 30, "the commands reached the robot over DDS: "
                    + (robot.commands() - commandsBefore));
            assertTrue(robot.steps() >= 4 * 30, "the robot stepped: " + robot.steps());
        }
        assertEquals(0, code, stderr.toString(StandardCharsets.UTF_8) + stdout.toString(StandardCharsets.UTF_8));
        String printed = stdout.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("ROS 2 robot on '/odom' (domain " + DOMAIN + ")"), printed);

        List<String> lines = Files.readAllLines(out.resolve(TransferReport.WINDOWS_CSV));
        assertEquals(5, lines.size(), String.join("\n", lines));
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            assertEquals(i <= 2 ? "baseline" : "fine-tune", f[1]);
            long version = Long.parseLong(f[2]);
            assertTrue(i <= 3 ? version == 0 : version <= 1, "one update after the first fine-tuning window, on"
                    + " the learner's thread while the robot drives: " + lines.get(i));
            int steps = Integer.parseInt(f[8]);
            assertTrue(steps >= 1 && steps <= 30, lines.get(i));
            double cost = Double.parseDouble(f[6]);
            assertTrue(cost >= 0 && cost <= 30, "at most one cost per control step: " + lines.get(i));
            Double.parseDouble(f[5]);
        }
        assertEquals(3, Files.readAllLines(out.resolve(TransferReport.UPDATES_CSV)).size());
        assertNotNull(ImageIO.read(out.resolve(TransferReport.RETURN_PNG).toFile()));
        assertNotNull(ImageIO.read(out.resolve(TransferReport.COST_PNG).toFile()));
        String md = Files.readString(out.resolve(TransferReport.SUMMARY_MD));
        assertTrue(md.contains("| baseline (unchanged policy) | 2 | "), md);
        assertTrue(md.contains("policy updates: 2 (versions 0 to 2)"), md);
    }

    @Test
    @Timeout(30)
    void aSilentRobotFailsTheWindowWithAClearMessage() {
        try (RosTargetRobot silent = new RosTargetRobot(Tasks.DIFFDRIVE_CIRCLE, "lonely_trial", "no_odom_here",
                "cmd_vel_unused", 5, 0.3, DOMAIN, LOOPBACK, RosSecurity.OFF); WorkerPool pool = new WorkerPool(1)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> TransferTrial.run(
                    TestCheckpoints.untrained(Tasks.DIFFDRIVE_CIRCLE), "ck", silent,
                    new TransferTrial.Settings(3, 1, 1, 10, 0.5, 0.1, 1), pool, dir, null));
            assertTrue(e.getMessage().contains("no healthy odometry on '/no_odom_here'"), e.getMessage());
        }
    }

    /**
     * Every command a trial sends a ROS robot passes the node's supervisor: with an independent robot on the wire,
     * stale odometry, a NaN pose, a frozen stamp and an e-stop each put zero on {@code cmd_vel} at the next
     * control step (counted in commands, not timed, so a loaded machine cannot fail it), and a trial that is
     * stopped leaves a zero behind.
     */
    @Test
    @Timeout(120)
    void everyTrialCommandPassesTheNodesSupervisor() throws Exception {
        Checkpoint policy = Checkpoint.read(TestPolicies.constant(dir.resolve("forward.bin"), 0.5, 0.5));
        double timeout = 0.5;
        try (WireRobot robot = new WireRobot(DOMAIN, LOOPBACK);
                RosTargetRobot target = new RosTargetRobot(Tasks.DIFFDRIVE_CIRCLE, "cpo_transfer", "odom", "cmd_vel",
                        100_000, timeout, DOMAIN, LOOPBACK, RosSecurity.OFF);
                WorkerPool pool = new WorkerPool(1)) {
            AtomicReference<Throwable> ended = new AtomicReference<>();
            Thread trial = new Thread(() -> {
                try {
                    TransferTrial.run(policy, "forward", target, new TransferTrial.Settings(1, 1, 1, 1000, 0.5, 0.1,
                            1), pool, dir.resolve("checkpoints"), null);
                } catch (Throwable e) {
                    ended.set(e);
                }
            });
            trial.start();

            // Stale odometry: nothing for longer than the timeout. Zero comes once the timeout has passed, within a
            // step: at most timeout / period commands (plus one in flight) move the robot after the last message.
            driveUntilMoving(robot);
            robot.watchZero();
            robot.sendOdom(0.0);
            long last = System.nanoTime();
            awaitZero(robot, "stale odometry");
            assertTrue(robot.zeroAt - last >= (timeout - 0.05) * 1e9, "stopped before the timeout");
            assertTrue(robot.movingBeforeZero <= timeout * 20 + 2, robot.movingBeforeZero + " commands");

            // A NaN pose: the next step stops.
            driveUntilMoving(robot);
            robot.watchZero();
            robot.sendOdom(Double.NaN);
            awaitZero(robot, "a NaN pose");
            assertTrue(robot.movingBeforeZero <= 2, robot.movingBeforeZero + " commands after the NaN pose");

            // A frozen stamp: a driver re-sending one message; stopped once the stamp has not moved for the timeout.
            driveUntilMoving(robot);
            long frozen = System.currentTimeMillis() * 1_000_000L;
            robot.watchZero();
            for (long end = System.nanoTime() + 5_000_000_000L; robot.zeroAt == 0 && System.nanoTime() < end; ) {
                robot.sendOdom(0.0, frozen);
                Thread.sleep(20);
            }
            assertTrue(robot.zeroAt != 0, "no zero while the stamp stayed frozen");

            // An e-stop: the next step stops, and it holds while odometry is healthy, until released.
            driveUntilMoving(robot);
            robot.watchZero();
            robot.estop.publish(new Bool(true));
            awaitZero(robot, "the e-stop");
            assertTrue(robot.movingBeforeZero <= 2, robot.movingBeforeZero + " commands after the e-stop");
            for (int i = 0; i < 25; i++) {
                robot.sendOdom(0.0);
                Thread.sleep(20);
                assertEquals(0.0, robot.linear, "the e-stop holds until released");
            }
            robot.estop.publish(new Bool(false));
            driveUntilMoving(robot);

            // Stopping the trial stops the robot.
            robot.watchZero();
            trial.interrupt();
            trial.join(10_000);
            assertTrue(ended.get() instanceof IllegalStateException, "the trial ends when interrupted: " + ended);
            awaitZero(robot, "the stopped trial");
        }
    }

    /** Sends odometry every 20 ms until the robot receives a moving command. */
    private static void driveUntilMoving(WireRobot robot) throws InterruptedException {
        long end = System.nanoTime() + 30_000_000_000L;
        while (!(robot.linear != 0 && !Double.isNaN(robot.linear))) {
            assertTrue(System.nanoTime() < end, "no motion command from the trial");
            robot.sendOdom(0.0);
            Thread.sleep(20);
        }
    }

    private static void awaitZero(WireRobot robot, String after) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (robot.zeroAt == 0) {
            assertTrue(System.nanoTime() < end, "no zero on the wire after " + after);
            Thread.sleep(2);
        }
    }
}
