package org.cponode.ros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.cponode.cli.TopicCommand;
import org.cponode.ros.msg.Header;
import org.cponode.ros.msg.MessageValues;
import org.cponode.ros.msg.Odometry;
import org.cponode.ros.msg.Time;
import org.cponode.ros.msg.Twist;
import org.cponode.ros.msg.Vector3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code topic echo|pub} CLI, and the value conversions behind it. */
class TopicCommandTest {

    @Test
    void pubReachesEcho(@TempDir Path dir) throws Exception {
        DdsTestSupport.assumeCyclone();
        Path config = Files.writeString(dir.resolve("cyclone.xml"), DdsTestSupport.LOOPBACK_CONFIG);
        String domain = Integer.toString(DdsTestSupport.DOMAIN);
        StringWriter echoed = new StringWriter();
        CommandLine echo = new CommandLine(new TopicCommand()).setOut(new PrintWriter(echoed));
        CompletableFuture<Integer> echoing = CompletableFuture.supplyAsync(() -> echo.execute("echo", "/cli_cmd_vel",
                "geometry_msgs/msg/Twist", "--count", "1", "--timeout", "15", "--domain", domain,
                "--cyclone-config", config.toString(), "--node-name", "echo"));
        StringWriter published = new StringWriter();
        int pubCode = new CommandLine(new TopicCommand()).setOut(new PrintWriter(published)).execute("pub", "/cli_cmd_vel",
                "geometry_msgs/Twist", "{linear: {x: 0.1}, angular: {z: -0.5}}", "--rate", "20", "--times", "10",
                "--wait-matched", "10", "--domain", domain, "--cyclone-config", config.toString(), "--node-name", "pub");
        assertEquals(0, pubCode, published.toString());
        assertEquals(0, echoing.get(20, TimeUnit.SECONDS), echoed.toString());
        assertTrue(echoed.toString().startsWith("linear:\n  x: 0.1\n  y: 0.0\n  z: 0.0\nangular:\n  x: 0.0\n  y: 0.0\n  z: -0.5\n---\n"),
                echoed.toString());
    }

    @Test
    void badArgumentsGiveUsageErrorsNotCrashes() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new TopicCommand()).setErr(new PrintWriter(err));
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("error: " + ex.getMessage());
            return 1;
        });
        assertEquals(1, cli.execute("pub", "/x", "geometry_msgs/msg/Nope", "{}", "--times", "1"));
        assertTrue(err.toString().contains("unknown message type geometry_msgs/msg/Nope"), err.toString());
        assertEquals(1, cli.execute("pub", "/x", "geometry_msgs/msg/Twist", "{linear: {w: 1}}", "--times", "1"));
        assertTrue(err.toString().contains("unknown field linear.w"), err.toString());
        assertEquals(1, cli.execute("pub", "/x", "geometry_msgs/msg/Twist", "[1, 2]", "--times", "1"));
        assertTrue(err.toString().contains("must be a YAML mapping"), err.toString());
        assertEquals(1, cli.execute("pub", "/x", "geometry_msgs/msg/Twist", "{linear: {x: 0.1}", "--times", "1"));
        assertTrue(err.toString().contains("values are not valid YAML: ") && err.toString().contains("(line 1, column"),
                err.toString());
        assertFalse(err.toString().contains("while parsing"), "the parser's context line is not the message: " + err);
        assertEquals(1, cli.execute("pub", "/x", "geometry_msgs/msg/Twist", "{}", "--times", "1", "--cyclone-config",
                "/no/such/cyclone.xml"));
        assertTrue(err.toString().contains("--cyclone-config /no/such/cyclone.xml cannot be read (no such file)"),
                err.toString());
        assertEquals(1, cli.execute("pub", "/x", "geometry_msgs/msg/Twist", "{linear: " + "[".repeat(10_000)
                + "]".repeat(10_000) + "}", "--times", "1"));
        assertTrue(err.toString().contains("values are not valid YAML: nested deeper than 50 levels"), err.toString());
        // a topic name libddsc would crash on is refused before any DDS call, as a usage error
        String huge = "x".repeat(65_536);
        assertEquals(2, cli.execute("pub", huge, "geometry_msgs/msg/Twist", "{}", "--times", "1"));
        assertEquals(2, cli.execute("echo", "/" + huge, "geometry_msgs/msg/Twist", "--count", "1"));
        assertEquals(2, cli.execute("echo", "/ok", "geometry_msgs/msg/Twist", "--node-name", "9bad"));
        List<String> refusals = err.toString().lines().filter(l -> l.startsWith("invalid ")).toList();
        assertEquals(3, refusals.size(), err.toString());
        assertTrue(refusals.get(0).contains("247") && refusals.stream().allMatch(l -> l.length() < 300),
                refusals.toString());
        assertEquals(2, cli.execute("pub"));
    }

    @Test
    void valuesBecomeRecordsWithRosDefaultsAndChecks() {
        assertEquals(new Twist(new Vector3(0.1, 0, 0), new Vector3(0, 0, 0)),
                MessageValues.fromMap(Twist.TYPE, Map.of("linear", Map.of("x", 0.1))));
        Odometry odom = MessageValues.fromMap(Odometry.TYPE, Map.of("header", Map.of("frame_id", "odom",
                "stamp", Map.of("sec", 3, "nanosec", 4_000_000_000L)), "child_frame_id", "base"));
        assertEquals(new Header(new Time(3, (int) 4_000_000_000L), "odom"), odom.header());
        assertEquals(36, odom.pose().covariance().length);
        assertEquals(1.0, odom.pose().pose().orientation().w(), "ROS default of Quaternion.w");
        assertTrue(MessageValues.toYaml(odom).contains("    nanosec: 4000000000\n"), MessageValues.toYaml(odom));
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> MessageValues.fromMap(
                Odometry.TYPE, Map.of("header", Map.of("stamp", Map.of("nanosec", -1)))));
        assertTrue(range.getMessage().contains("header.stamp.nanosec: -1 is out of range for uint32"), range.getMessage());
        IllegalArgumentException cov = assertThrows(IllegalArgumentException.class, () -> MessageValues.fromMap(
                Odometry.TYPE, Map.of("pose", Map.of("covariance", List.of(1.0, 2.0)))));
        assertTrue(cov.getMessage().contains("pose.covariance: needs 36 elements, got 2"), cov.getMessage());
        String diag = MessageValues.toYaml(Fixtures.diagnosticArray(1));
        assertTrue(diag.contains("status:\n- level: 1\n  name: 'name_1'\n"), diag);
        assertTrue(diag.contains("  values:\n  - key: 'key_1'\n    value: 'v\u00e4lue_1'\n"), diag);
    }
}
