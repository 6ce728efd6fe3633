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
import javax.imageio.ImageIO;
import org.cponode.cli.Main;
import org.cponode.learn.TestCheckpoints;
import org.cponode.simrobot.DdsSimRobotTransport;
import org.cponode.simrobot.SimRobot;
import org.cponode.ros.RosNode;
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
                new DdsSimRobotTransport("sim_robot", "/", List.of(), "cmd_vel", "odom", false, DOMAIN, LOOPBACK),
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
            assertEquals(i <= 3 ? 0 : 1, Long.parseLong(f[2]), "one update after the first fine-tuning window");
            int steps = Integer.parseInt(f[7]);
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
        try (RosTargetRobot silent = new RosTargetRobot(new RosNode.Options("lonely_trial", "/", List.of(), DOMAIN,
                LOOPBACK), "no_odom_here", "cmd_vel_unused", 5, 0.3)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> silent.runWindow(0, new TargetRobot.StepDriver() {
                        @Override
                        public boolean act(double[] observation, double[] action) {
                            return false;
                        }

                        @Override
                        public void outcome(double reward, double cost) {}
                    }));
            assertTrue(e.getMessage().contains("no odometry on '/no_odom_here'"), e.getMessage());
        }
    }
}
