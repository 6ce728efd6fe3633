package org.cponode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.cponode.node.NodeParameters;
import org.cponode.param.ParameterDeclaration;
import org.junit.jupiter.api.Test;

/** The node and sim-robot commands' help, parameter listing and start-up rejections (no DDS needed). */
class NodeCommandTest {

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void helpAndParameterList() {
        Run help = run("node", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("Usage: cpo-node node"), help.out());
        Run list = run("node", "--list-parameters");
        assertEquals(0, list.code());
        for (ParameterDeclaration d : NodeParameters.DECLARATIONS) {
            assertTrue(list.out().lines().anyMatch(l -> l.startsWith(d.name() + " ") && l.contains(d.type().rosName())),
                    d.name() + " missing from:\n" + list.out());
        }
        assertTrue(run("sim-robot", "--help").out().contains("Usage: cpo-node sim-robot"));
    }

    @Test
    void badArgumentsExitWithUsageErrors() {
        Run unknown = run("node", "--ros-args", "-p", "bogus:=1");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("unknown parameter 'bogus'"), unknown.err());
        Run range = run("node", "--ros-args", "-p", "control_rate:=-1.0");
        assertEquals(2, range.code());
        assertTrue(range.err().contains("'control_rate' must be > 0"), range.err());
        Run level = run("node", "--ros-args", "--log-level", "verbose");
        assertEquals(2, level.code());
        assertEquals("error: --log-level: 'verbose' is not a log level (debug, info, warn, error or fatal)"
                + " (see: cpo-node node --help)", level.err().strip());
        Run flag = run("node", "--ros-args", "--frobnicate");
        assertEquals(2, flag.code());
        assertTrue(flag.err().contains("unknown ROS argument '--frobnicate'"), flag.err());
        String huge = "x".repeat(65_536);
        Run topic = run("node", "--ros-args", "-p", "odom_topic:=" + huge);
        assertEquals(2, topic.code());
        assertTrue(topic.err().startsWith("error: ") && topic.err().lines().count() == 1
                && topic.err().length() < 400, topic.err());
        Run simTopic = run("sim-robot", "--odom-topic", huge);
        assertEquals(2, simTopic.code());
        assertTrue(simTopic.err().startsWith("error: ") && simTopic.err().lines().count() == 1
                && simTopic.err().length() < 400, simTopic.err());
        Run deep = run("node", "--ros-args", "-p", "x:=" + "[".repeat(10_000) + "]".repeat(10_000));
        assertEquals(2, deep.code());
        assertTrue(deep.err().startsWith("error: -p x:=") && deep.err().contains("nested deeper than 50 levels")
                && deep.err().lines().count() == 1 && deep.err().length() < 400, deep.err());
        if (java.nio.file.Files.isReadable(java.nio.file.Path.of("/dev/zero"))) {
            Run zero = run("node", "--ros-args", "--params-file", "/dev/zero");
            assertEquals(2, zero.code());
            assertTrue(zero.err().startsWith("error: cannot read parameters file /dev/zero: larger than 1048576 bytes")
                    && zero.err().lines().count() == 1 && !zero.err().contains("batch-size"), zero.err());
            Run dynamics = run("sim-robot", "--dynamics", "/dev/zero");
            assertEquals(2, dynamics.code());
            assertTrue(dynamics.err().contains("/dev/zero") && dynamics.err().contains("larger than 1048576 bytes")
                    && dynamics.err().lines().count() == 1, dynamics.err());
        }
        Run rtf = run("sim-robot", "--real-time-factor", "2");
        assertEquals(2, rtf.code());
        assertTrue(rtf.err().contains("needs sim time"), rtf.err());
    }

    /**
     * The fleet.* parameters are checked with the node's own, before anything starts: a typo or a missing broker
     * is one line and exit code 2, not a failure after the robot has started driving.
     */
    @Test
    void badFleetParametersExitWithUsageErrorsBeforeTheNodeStarts() {
        Run typo = run("node", "--ros-args", "-p", "fleet.enabld:=true");
        assertEquals(2, typo.code(), typo.err());
        assertTrue(typo.err().startsWith("error: unknown parameter 'fleet.enabld'; declared: fleet.enabled,"), typo.err());
        assertEquals(1, typo.err().lines().count(), typo.err());
        assertEquals("", typo.out(), "the node did not start (it lists its parameters when it does)");
        Run noBroker = run("node", "--ros-args", "-p", "fleet.enabled:=true", "-p", "fleet.robot_id:=robot-001");
        assertEquals(2, noBroker.code(), noBroker.err());
        assertTrue(noBroker.err().startsWith("error: fleet.broker_uri is required when fleet.enabled is true"),
                noBroker.err());
        assertEquals(1, noBroker.err().lines().count(), noBroker.err());
        assertEquals("", noBroker.out());
    }
}
