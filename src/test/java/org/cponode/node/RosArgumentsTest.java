package org.cponode.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.cponode.node.RosArguments.ParameterFile;
import org.cponode.node.RosArguments.ParameterOverride;
import org.cponode.node.RosArguments.Remap;
import org.cponode.ros.LogSeverity;
import org.cponode.ros.RosLogging;
import org.cponode.ros.RosLogging.LevelRule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every accepted form of the ROS command line and every rejection. */
class RosArgumentsTest {

    private static RosArguments parse(String... args) {
        return RosArguments.parse(List.of(args));
    }

    @Test
    void whatLaunchPasses() {
        RosArguments a = parse("--ros-args", "-r", "__node:=cpo_node", "-r", "__ns:=/robot1", "--params-file",
                "/tmp/launch_params_abc", "-p", "use_sim_time:=true", "-r", "cmd_vel:=/base/cmd_vel");
        assertEquals("cpo_node", a.nodeName());
        assertEquals("/robot1", a.namespace());
        assertEquals(List.of(new Remap(null, "cmd_vel", "/base/cmd_vel")), a.remaps());
        assertEquals(List.of(new ParameterFile(Path.of("/tmp/launch_params_abc")),
                new ParameterOverride(null, "use_sim_time", "true")), a.parameterSources());
        assertTrue(a.applicationArguments().isEmpty());
    }

    @Test
    void longFormsAliasesAndNodeTargets() {
        RosArguments a = parse("--ros-args", "--remap", "__name:=other", "--param", "cpo_node:control_rate:=50",
                "--remap", "cpo_node:odom:=ground_truth/odom", "-r", "~/x:=/y");
        assertEquals("other", a.nodeName());
        assertNull(a.namespace());
        assertEquals(List.of(new ParameterOverride("cpo_node", "control_rate", "50")), a.parameterSources());
        assertEquals(List.of(new Remap("cpo_node", "odom", "ground_truth/odom"), new Remap(null, "~/x", "/y")),
                a.remaps());
    }

    @Test
    void sectionsEndAtDoubleDashAndRepeat() {
        RosArguments a = parse("app1", "--ros-args", "-p", "learning:=true", "--", "app2", "--ros-args", "-p",
                "seed:=3");
        assertEquals(List.of("app1", "app2"), a.applicationArguments());
        assertEquals(2, a.parameterSources().size());
    }

    @Test
    void valueKeepsEverythingAfterTheFirstSeparator() {
        RosArguments a = parse("--ros-args", "-p", "safe_polygon:=[[0, 0], [1, 0], [1, 1]]", "-p", "policy:=a:=b");
        assertEquals(new ParameterOverride(null, "safe_polygon", "[[0, 0], [1, 0], [1, 1]]"),
                a.parameterSources().get(0));
        assertEquals(new ParameterOverride(null, "policy", "a:=b"), a.parameterSources().get(1));
    }

    @Test
    void logLevelsAndOutputsAreReadTheLastSwitchWinning() {
        RosArguments a = parse("--ros-args", "--log-level", "DEBUG", "--log-level", "cpo_node:=warn",
                "--log-level", "org.cponode.ros:=Error", "--log-level", "fatal", "--disable-rosout-logs",
                "--enable-stdout-logs", "--disable-stdout-logs");
        assertEquals(List.of(new LevelRule(null, LogSeverity.DEBUG), new LevelRule("cpo_node", LogSeverity.WARN),
                new LevelRule("org.cponode.ros", LogSeverity.ERROR), new LevelRule(null, LogSeverity.FATAL)),
                a.logging().levels());
        assertFalse(a.logging().stdout());
        assertFalse(a.logging().rosout());
        assertTrue(a.ignored().isEmpty());
        RosLogging back = parse("--ros-args", "--disable-rosout-logs", "--enable-rosout-logs", "--disable-stdout-logs",
                "--enable-stdout-logs").logging();
        assertTrue(back.rosout() && back.stdout());
        assertEquals(RosLogging.DEFAULT, parse().logging());
    }

    @Test
    void theExternalLoggingLibrarysFlagsAreIgnored() {
        RosArguments a = parse("--ros-args", "--log-file-name", "cpo_run", "--log-config-file", "f.conf",
                "--enable-external-lib-logs", "--disable-external-lib-logs", "-p", "seed:=2");
        assertEquals(List.of("--log-file-name cpo_run", "--log-config-file f.conf", "--enable-external-lib-logs",
                "--disable-external-lib-logs"), a.ignored());
        assertEquals(RosLogging.DEFAULT, a.logging());
        assertEquals(List.of(new ParameterOverride(null, "seed", "2")), a.parameterSources());
    }

    @Test
    void unknownLogLevelsAreOneLineNamingThem() {
        assertRejected("--log-level: 'verbose' is not a log level (debug, info, warn, error or fatal)",
                "--ros-args", "--log-level", "verbose");
        assertRejected("--log-level: 'loud' is not a log level (debug, info, warn, error or fatal) for logger"
                + " 'cpo_node'", "--ros-args", "--log-level", "cpo_node:=loud");
        assertRejected("--log-level: '' is not a log level", "--ros-args", "--log-level", "cpo_node:=");
        assertRejected("--log-level: ':=debug' has no logger name before :=", "--ros-args", "--log-level", ":=debug");
        IllegalArgumentException long_ = assertThrows(IllegalArgumentException.class,
                () -> parse("--ros-args", "--log-level", "x".repeat(10_000)));
        assertTrue(long_.getMessage().length() < 200 && !long_.getMessage().contains("\n"), long_.getMessage());
    }

    @Test
    void theEnclaveIsKeptLastOneWinning() {
        assertEquals("/e2", parse("--ros-args", "-e", "/enclave", "--enclave", "/e2").enclave());
        assertEquals("/", parse("--ros-args", "--enclave", "/").enclave());
        assertRejected("--enclave: 'cpo_node' is not a valid enclave name (/ or /a/b) (must be absolute (start with"
                + " '/'))", "--ros-args", "--enclave", "cpo_node");
        assertRejected("-e: '/a//b' is not a valid enclave name", "--ros-args", "-e", "/a//b");
    }

    @Test
    void noRosArgumentsAtAll() {
        RosArguments a = parse();
        assertNull(a.nodeName());
        assertTrue(a.remaps().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-r", "--remap", "-p", "--param", "--params-file", "--log-level", "--log-file-name",
        "--log-config-file", "-e", "--enclave"})
    void flagWithoutValueIsRejected(String flag) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("--ros-args", flag));
        assertTrue(e.getMessage().contains(flag + " needs a value"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> parse("--ros-args", flag, "--"));
    }

    @Test
    void rejections() {
        assertRejected("unknown ROS argument '--bogus'", "--ros-args", "--bogus");
        assertRejected("unknown ROS argument 'stray'", "--ros-args", "stray");
        assertRejected("expected from:=to", "--ros-args", "-r", "cmd_vel");
        assertRejected("expected from:=to", "--ros-args", "-r", ":=x");
        assertRejected("not a valid topic name to remap to", "--ros-args", "-r", "cmd_vel:=");
        assertRejected("not a valid topic name to remap", "--ros-args", "-r", "9bad:=x");
        assertRejected("not a valid node name", "--ros-args", "-r", "__node:=bad-name");
        assertRejected("not a valid absolute namespace", "--ros-args", "-r", "__ns:=relative");
        assertRejected("not a valid absolute namespace", "--ros-args", "-r", "__ns:=/trailing/");
        assertRejected("cannot be targeted", "--ros-args", "-r", "cpo_node:__ns:=/a");
        assertRejected("expected name:=value", "--ros-args", "-p", "learning");
        assertRejected("no value after :=", "--ros-args", "-p", "learning:=");
        assertRejected("not a valid parameter name", "--ros-args", "-p", "bad-name:=1");
        assertRejected("not a valid node name before ':'", "--ros-args", "-p", "bad-node:x:=1");
        assertRejected("--params-file needs a file name", "--ros-args", "--params-file", " ");
    }

    private static void assertRejected(String fragment, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(args));
        assertTrue(e.getMessage().contains(fragment), "'" + e.getMessage() + "' should contain '" + fragment + "'");
    }
}
