package org.cponode.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cponode.cli.LifecycleCommand;
import org.cponode.cli.ServiceCommand;
import org.cponode.ros.DdsTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code cpo-node node} with {@code autostart: false} in its own JVM, brought up and down with
 * {@code cpo-node lifecycle}, while an independent robot node watches {@code cmd_vel}.
 */
class LifecycleCommandTest {

    private record Run(int code, String out, String err) {}

    private Path cyclone;
    private String domain;

    private Run lifecycle(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new LifecycleCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--domain", domain, "--cyclone-config", cyclone.toString(), "--timeout", "30"));
        int code = cli.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    @Timeout(240)
    void anUnconfiguredNodeIsBroughtUpAndDownFromTheCommandLine(@TempDir Path dir) throws Exception {
        DdsTestSupport.assumeCyclone();
        cyclone = Files.writeString(dir.resolve("cyclone.xml"), DdsTestSupport.LOOPBACK_CONFIG);
        domain = Integer.toString(DdsTestSupport.DOMAIN);
        Path policy = TestPolicies.constant(dir.resolve("forward.bin"), 0.5, 0.5);
        // a robot-wide file: another node's parameter and a QoS override are ignored with a warning each
        Path params = Files.writeString(dir.resolve("robot.yaml"), """
                /**:
                  ros__parameters:
                    autostart: false
                    startup_grace: 0.0
                    wheel_separation: 0.16
                    qos_overrides:
                      /cmd_vel:
                        publisher:
                          depth: 1
                """);
        Map<String, String> env = Map.of("ROS_DOMAIN_ID", domain, "CYCLONEDDS_URI", DdsTestSupport.LOOPBACK_CONFIG);
        try (WireRobot robot = new WireRobot(DdsTestSupport.DOMAIN, DdsTestSupport.LOOPBACK_CONFIG);
                ChildProcess node = new ChildProcess(dir.resolve("node.log"), env, "node", "--ros-args", "-r",
                        "__node:=cli_managed", "--params-file", params.toString(), "-p", "policy:=" + policy, "-p",
                        "checkpoint_dir:=" + dir, "--log-file-name", "cli_managed_1")) {
            assertEquals(new Run(0, "unconfigured [1]\n", ""), lifecycle("get", "/cli_managed"), node::output);
            StringWriter called = new StringWriter();
            assertEquals(0, new CommandLine(new ServiceCommand()).setOut(new PrintWriter(called)).execute("call",
                    "/cli_managed/get_state", "lifecycle_msgs/srv/GetState", "--domain", domain, "--cyclone-config",
                    cyclone.toString(), "--timeout", "30"), called::toString);
            assertTrue(called.toString().endsWith("response:\ncurrent_state:\n  id: 1\n  label: 'unconfigured'\n"),
                    called::toString);
            for (int i = 0; i < 30; i++) {
                robot.sendOdom(0.0);
                Thread.sleep(10);
            }
            assertEquals(0, robot.commands, "unconfigured: nothing on cmd_vel");
            String output = node.output();
            assertTrue(output.contains("/cli_managed unconfigured (autostart: false): waiting for"
                    + " /cli_managed/change_state (configure, then activate)"), output);
            assertTrue(output.contains("WARNING org.cponode.cli.NodeCommand: parameters file " + params + ": '/**' sets"
                    + " 'wheel_separation', which /cli_managed does not declare: ignored\n"), output);
            assertTrue(output.contains("WARNING org.cponode.cli.NodeCommand: parameters file " + params + ": '/**' sets"
                    + " 'qos_overrides./cmd_vel.publisher.depth', ignored (the node takes no QoS overrides)\n"), output);

            assertEquals(new Run(0, "- configure [1]\n\tStart: unconfigured\n\tGoal: configuring\n"
                    + "- shutdown [5]\n\tStart: unconfigured\n\tGoal: shuttingdown\n", ""),
                    lifecycle("list", "cli_managed"));
            assertEquals(new Run(1, "", "Unknown transition requested, available ones are:\n- configure [1]\n"
                    + "- shutdown [5]\n"), lifecycle("set", "cli_managed", "activate"));
            assertEquals(new Run(0, "Transitioning successful\n", ""), lifecycle("set", "/cli_managed", "configure"));
            assertEquals(new Run(0, "inactive [2]\n", ""), lifecycle("get", "cli_managed"));
            assertEquals(0, robot.commands, "inactive: nothing on cmd_vel");
            assertEquals(new Run(0, "Transitioning successful\n", ""), lifecycle("set", "cli_managed", "3"),
                    "by id");
            NodeOverDdsTest.driveUntilMoving(robot, node, 0.0);
            assertEquals(new Run(0, "active [3]\n", ""), lifecycle("get", "cli_managed"));
            Run graph = lifecycle("list", "cli_managed", "--all");
            assertEquals(25, graph.out().lines().filter(l -> l.startsWith("- ")).count(), graph.out());

            robot.watchZero();
            assertEquals(new Run(0, "Transitioning successful\n", ""), lifecycle("set", "cli_managed", "deactivate"));
            NodeOverDdsTest.await("zero after deactivate", () -> robot.zeroAt != 0, 10_000, node);
            assertEquals(0.0, robot.linear, "deactivated: zero on the wire");

            int exit = node.terminate(10_000);
            assertEquals(143, exit, node::output);
            assertTrue(node.output().contains("cpo-node: /cli_managed stopped (it was inactive)"), node::output);
        }
    }
}
