package org.cponode.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cponode.cli.ParamCommand;
import org.cponode.ros.DdsTestSupport;
import org.cponode.ros.RosSecurity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cpo-node param list|get|set|describe} against a running node, end to end over DDS. */
class ParamCommandTest {

    private record Run(int code, String out, String err) {}

    private static Run param(Path cyclone, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--domain", Integer.toString(DdsTestSupport.DOMAIN), "--cyclone-config", cyclone.toString(),
                "--timeout", "15"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new ParamCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    @Timeout(120)
    void listGetSetAndDescribeARunningNode(@TempDir Path dir) throws Exception {
        DdsTestSupport.assumeCyclone();
        Path cyclone = Files.writeString(dir.resolve("cyclone.xml"), DdsTestSupport.LOOPBACK_CONFIG);
        NodeConfiguration cfg = RobotNodeTest.config("checkpoint_dir:=" + dir);
        ManagedNode managed = ManagedNode.create(cfg, new DdsRobotTransport(cfg, DdsTestSupport.DOMAIN,
                DdsTestSupport.LOOPBACK_CONFIG, RosSecurity.OFF));
        String fqn = cfg.fullyQualifiedName();
        try {
            assertTrue(managed.lifecycle().trigger("configure").success()
                    && managed.lifecycle().trigger("activate").success());
            RobotNode node = managed.configured();
            Run list = param(cyclone, "list", fqn);
            assertEquals(0, list.code(), list.err());
            assertTrue(list.out().contains("\n  control_rate\n") && list.out().contains("\n  fleet.enabled\n"),
                    list.out());
            assertEquals(node.parameters().current().asMap().size(), list.out().lines().count(), list.out());
            Run fleet = param(cyclone, "list", fqn, "--prefix", "fleet.tls");
            assertEquals("  fleet.tls.ca_file\n  fleet.tls.cert_file\n  fleet.tls.key_file\n", fleet.out(), fleet.err());

            Run get = param(cyclone, "get", fqn, "cost_limits.outside");
            assertEquals(new Run(0, "Double value is: 20.0\n", ""), get);
            assertEquals("Boolean value is: False\n", param(cyclone, "get", fqn, "learning").out());
            assertEquals("String value is: stop\n", param(cyclone, "get", fqn, "fallback").out());
            Run undeclared = param(cyclone, "get", fqn, "bogus");
            assertEquals(1, undeclared.code());
            assertEquals("parameter 'bogus' is not declared by " + fqn + "\n", undeclared.err());

            Run set = param(cyclone, "set", fqn, "cost_limits.outside", "12");
            assertEquals(new Run(0, "Set parameter successful\n", ""), set);
            assertEquals(12.0, node.core().costLimits()[0], "an integer for a double, as with -p");
            assertEquals("Double value is: 12.0\n", param(cyclone, "get", fqn, "cost_limits.outside").out());
            Run readOnly = param(cyclone, "set", fqn, "control_rate", "10.0");
            assertEquals(new Run(1, "", "Setting parameter failed: parameter 'control_rate' cannot be set because it"
                    + " is read-only\n"), readOnly);
            Run range = param(cyclone, "set", fqn, "exploration_std", "2.0");
            assertEquals(1, range.code());
            assertEquals("Setting parameter failed: parameter 'exploration_std' must lie in [0.0, 1.0], got 2.0\n",
                    range.err());
            assertEquals(1.0, node.parameters().current().explorationStd(), "refused: unchanged");

            Run describe = param(cyclone, "describe", fqn, "control_rate", "max_linear_velocity");
            assertEquals(0, describe.code(), describe.err());
            assertEquals("""
                    Parameter name: control_rate
                      Type: double
                      Description: control loop rate; the policy was trained at 20 Hz (Hz)
                      Constraints:
                        Read only: true
                        Min value: 0.0
                        Max value: 1000.0
                        Step: 0.0
                        Additional constraints: > 0.0
                    Parameter name: max_linear_velocity
                      Type: double
                      Description: forward speed limit of cmd_vel; while running at most the value the node started\
                     with (m/s)
                      Constraints:
                        Min value: 0.0
                        Max value: 5.0
                        Step: 0.0
                        Additional constraints: > 0.0
                    """, describe.out());
        } finally {
            managed.close();
        }
    }

    @Test
    @Timeout(60)
    void aNodeThatDoesNotAnswerIsExit1(@TempDir Path dir) throws Exception {
        DdsTestSupport.assumeCyclone();
        Path cyclone = Files.writeString(dir.resolve("cyclone.xml"), DdsTestSupport.LOOPBACK_CONFIG);
        List<String> args = List.of("get", "/nobody_here", "x", "--domain", Integer.toString(DdsTestSupport.DOMAIN),
                "--cyclone-config", cyclone.toString(), "--timeout", "0.5");
        StringWriter err = new StringWriter();
        int code = new CommandLine(new ParamCommand()).setErr(new PrintWriter(err)).execute(args.toArray(String[]::new));
        assertEquals(1, code);
        assertTrue(err.toString().startsWith("node /nobody_here does not serve get_parameters"), err.toString());
    }
}
