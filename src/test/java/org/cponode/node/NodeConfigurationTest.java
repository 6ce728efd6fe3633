package org.cponode.node;

import org.cponode.task.SafeArea;
import org.cponode.control.Fallback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cponode.control.SafeAreaReturn;
import org.cponode.fleet.FleetConfig;
import org.cponode.param.ParameterDeclaration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Parameters from files and -p into validated node parameters; every type and range rejection. */
class NodeConfigurationTest {

    private static NodeConfiguration resolve(String... args) {
        List<String> all = new ArrayList<>(List.of("--ros-args"));
        all.addAll(List.of(args));
        return NodeConfiguration.resolve(RosArguments.parse(all));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sim.yaml", "robot.yaml", "turtlebot3.yaml", "turtlebot4.yaml"})
    void shippedConfigFilesAreAccepted(String file) {
        Path path = Path.of("config", file);
        NodeConfiguration c = resolve("--params-file", path.toString());
        Map<String, Object> raw = ParameterFilesTest.values(ParameterFiles.read(path, c.fullyQualifiedName()));
        // every node parameter but the limits of constraints its task does not have (diffdrive-circle: no speed);
        // the fleet link's stay at their defaults (off)
        assertEquals(NodeParameters.DECLARATIONS.size() - FleetConfig.DECLARATIONS.size() - 1, raw.size(),
                file + " should set every node parameter");
        raw.forEach((k, v) -> assertEquals(NodeParameters.declaration(k).type().convert(k, v),
                c.parameters().asMap().get(k), k));
        assertEquals(List.of(), c.warnings(), file + " sets nothing the node ignores");
    }

    @Test
    void defaultsAndIdentity() {
        NodeConfiguration c = resolve("-r", "__node:=bot", "-r", "__ns:=/r1", "-r", "odom:=wheel/odom",
                "-r", "other:cmd_vel:=x");
        assertEquals("/r1/bot", c.fullyQualifiedName());
        assertEquals(List.of(new RosArguments.Remap(null, "odom", "wheel/odom")), c.remaps(),
                "remaps for another node are dropped");
        assertEquals(NodeParameters.defaults(), c.parameters());
        for (ParameterDeclaration d : NodeParameters.DECLARATIONS) {
            if (!d.name().equals(NodeParameters.COST_LIMITS + "speed")) { // diffdrive-circle has no speed constraint
                assertEquals(d.defaultValue(), NodeParameters.defaults().asMap().get(d.name()), d.name());
            }
        }
    }

    /** The task sets the constraints; each has its limit parameter, and a limit the task has no use for is refused. */
    @Test
    void eachConstraintOfTheTaskHasItsLimit() {
        NodeParameters two = resolve("-p", "task:=diffdrive-circle-2c", "-p", "cost_limits.speed:=5.0").parameters();
        assertEquals(List.of(new org.cponode.sim.TaskSpec.Constraint("outside", 20.0),
                new org.cponode.sim.TaskSpec.Constraint("speed", 5.0)), two.constraints());
        assertEquals(10.0, resolve("-p", "task:=diffdrive-circle-2c").parameters().constraints().get(1).limit(),
                "the task's default");
        assertEquals(List.of(new org.cponode.sim.TaskSpec.Constraint("outside", 20.0)),
                NodeParameters.defaults().constraints());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> resolve("-p", "cost_limits.speed:=5.0"));
        assertEquals("parameter 'cost_limits.speed' limits a constraint task diffdrive-circle does not have; its"
                + " constraints: outside", e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> resolve("-p", "task:=point-circle"));
        assertTrue(e.getMessage().contains("'task' must be one of diffdrive-circle, diffdrive-circle-2c"),
                e.getMessage());
    }

    /**
     * Values are read as rcl reads them: True, yes, on (and their false forms) are booleans, in files and -p values;
     * a quoted one is a string; ~ is the string "~" (the home directory).
     */
    @Test
    void booleansAndOtherScalarsAreReadAsInRos(@TempDir Path dir) throws Exception {
        assertEquals(true, resolve("-p", "learning:=True").parameters().learning());
        assertEquals(true, resolve("-p", "learning:=yes").parameters().learning());
        assertEquals(false, resolve("-p", "use_imu:=FALSE").parameters().useImu());
        assertEquals(false, resolve("-p", "use_imu:=off").parameters().useImu());
        assertEquals(Path.of(System.getProperty("user.home")),
                resolve("-p", "checkpoint_dir:=~").parameters().checkpointPath());
        assertThrows(IllegalArgumentException.class, () -> resolve("-p", "seed:=010"), "010 is not an integer");
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, "/**:\n  ros__parameters:\n    learning: True\n");
        assertEquals(true, resolve("--params-file", file.toString()).parameters().learning());
        IllegalArgumentException quoted = assertThrows(IllegalArgumentException.class,
                () -> resolve("-p", "learning:='True'"));
        assertTrue(quoted.getMessage().contains("'learning' must be a bool, got string"), quoted.getMessage());
    }

    /** Learning's batch (windows x window steps) stays within what a CPO update can hold. */
    @Test
    void aLearningBatchAboveTheLimitIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> resolve("-p", "learning:=true",
                "-p", "batch_windows:=10000", "-p", "episode_window:=600.0"));
        assertTrue(e.getMessage().contains("make a CPO batch above 10000000 steps"), e.getMessage());
        resolve("-p", "learning:=false", "-p", "batch_windows:=10000", "-p", "episode_window:=600.0");
    }

    /** The node's way back starts from the reaction margin the transfer trial measured, not a smaller one. */
    @Test
    void theWayBackMarginIsTheTrialsMeasuredOne() {
        assertEquals(8, SafeAreaReturn.DEFAULT_MARGIN_STEPS);
        assertEquals(SafeAreaReturn.DEFAULT_MARGIN_STEPS, NodeParameters.defaults().returnMarginSteps());
    }

    @Test
    void commandLineOrderDecides(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, "/**:\n  ros__parameters:\n    control_rate: 50.0\n    seed: 4\n");
        assertEquals(50.0, resolve("-p", "control_rate:=10.0", "--params-file", file.toString())
                .parameters().controlRate());
        assertEquals(10.0, resolve("--params-file", file.toString(), "-p", "control_rate:=10.0")
                .parameters().controlRate());
        assertEquals(4, resolve("--params-file", file.toString()).parameters().seed());
        assertEquals(7, resolve("-p", "cpo_node:seed:=7", "-p", "other:seed:=8").parameters().seed(),
                "-p aimed at another node is ignored");
    }

    @Test
    void integersAreAcceptedForDoubles() {
        assertEquals(50.0, resolve("-p", "control_rate:=50").parameters().controlRate());
    }

    @Test
    void everyValueForm() {
        NodeParameters p = resolve("-p", "use_sim_time:=true", "-p", "odom_topic:=ground_truth/odom", "-p",
                "fallback:=last_safe", "-p", "batch_windows:=3", "-p", "policy:=~/p.bin", "-p",
                "safe_polygon:=\"[[-1, -1], [1, -1], [1, 1], [-1, 1]]\"").parameters();
        assertTrue(p.useSimTime());
        assertEquals("ground_truth/odom", p.odomTopic());
        assertEquals(Fallback.LAST_SAFE, p.fallback());
        assertEquals(3, p.batchWindows());
        assertEquals(Path.of(System.getProperty("user.home"), "p.bin"), p.policyPath());
        assertEquals(4, p.safeArea().vertices());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bogus:=1|unknown parameter 'bogus'; the node declares: use_sim_time, control_rate",
        "use_sim_time:=1|'use_sim_time' must be a bool, got integer 1",
        "use_sim_time:='yes'|'use_sim_time' must be a bool, got string 'yes'",
        "control_rate:=fast|'control_rate' must be a double, got string 'fast'",
        "control_rate:=[1.0]|'control_rate' must be a double, got list",
        "batch_windows:=8.0|'batch_windows' must be a integer, got double 8.0",
        "odom_topic:=3|'odom_topic' must be a string, got integer 3",
        "control_rate:=0.0|'control_rate' must be > 0.0 and <= 1000.0",
        "control_rate:=-20.0|'control_rate' must be > 0",
        "control_rate:=.nan|'control_rate' must be finite",
        "control_rate:=.inf|'control_rate' must be finite",
        "max_linear_velocity:=6.0|'max_linear_velocity' must be > 0.0 and <= 5.0",
        "max_angular_velocity:=0.0|'max_angular_velocity' must be > 0",
        "max_linear_acceleration:=-1.0|'max_linear_acceleration' must be > 0",
        "max_angular_acceleration:=101.0|'max_angular_acceleration' must be > 0.0 and <= 100.0",
        "sensor_timeout:=0.0|'sensor_timeout' must be > 0",
        "sensor_timeout:=0.04|'sensor_timeout' (0.04 s) must exceed one control period",
        "task_origin_x:=1e5|'task_origin_x' must lie in",
        "task_origin_y:=-1e5|'task_origin_y' must lie in",
        "target_radius:=0.0|'target_radius' must be > 0",
        "corridor_half_width:=-0.5|'corridor_half_width' must be > 0",
        "cost_limits.outside:=-1.0|'cost_limits.outside' must lie in [0.0",
        "episode_window:=0.05|'episode_window' (0.05 s) must span at least 2 control periods",
        "episode_window:=4000.0|'episode_window' must be > 0.0 and <= 3600.0",
        "fallback:=slow|'fallback' must be \"stop\", \"last_safe\" or \"return\", got 'slow'",
        "return_margin_steps:=-1|'return_margin_steps'",
        "batch_windows:=0|'batch_windows' must lie in [1, 10000]",
        "exploration_std:=1.5|'exploration_std' must lie in [0.0, 1.0]",
        "exploration_std:=-0.1|'exploration_std' must lie in [0.0, 1.0]",
        "diagnostics_rate:=0.0|'diagnostics_rate' must be > 0",
        "diagnostics_rate:=50.0|'diagnostics_rate' (50.0 Hz) must not exceed control_rate",
        "checkpoint_dir:=' '|'checkpoint_dir' must not be empty",
        "cmd_vel_topic:=bad topic|'cmd_vel_topic' must be a ROS topic name",
        "estop_topic:=a//b|'estop_topic': invalid topic name 'a//b', expanded to '/a//b': must not contain repeated",
        "odom_topic:=a~b|'odom_topic' must be a ROS topic name (relative so a namespace applies): must not have a tilde",
        "safe_polygon:=[[0, 0], [1, 0], [1, 1]]|'safe_polygon' must be a string, got list",
        "safe_polygon:='[[0, 0], [1, 1]]'|'safe_polygon' must be empty (corridor) or a list of at least 3",
        "safe_polygon:='[[0, 0], [1, 1], [1]]'|'safe_polygon' point 3",
        "safe_polygon:='[[0, 0], [1, 1], [1, .nan]]'|'safe_polygon' point 3",
        "safe_polygon:='[[0, 0], [x, 1], [1, 2]]'|'safe_polygon' point 2",
        "safe_polygon:='[[0, 0], [1, 1], [1, 0], [0, 1]]'|'safe_polygon' is not a simple polygon: edge 1 (point 1 to 2) crosses edge 3 (point 3 to 4)",
        "safe_polygon:='[[0, 0], [2, 0], [2, 2], [0, 2], [3, 1]]'|'safe_polygon' is not a simple polygon: edge 2 (point 2 to 3) crosses edge 4 (point 4 to 5)",
        "safe_polygon:='[[0, 0], [2, 0], [1, 0], [1, 1]]'|'safe_polygon' is not a simple polygon: edge 1 (point 1 to 2) and edge 2 (point 2 to 3) overlap",
        "safe_polygon:='[[0, 0], [2, 0], [2, 2], [1, 0], [0, 2]]'|'safe_polygon' is not a simple polygon: edge 1 (point 1 to 2) crosses edge 3 (point 3 to 4)",
        "safe_polygon:='[[0, 0], [1, 1], [2, 2]]'|'safe_polygon' has zero area: its points lie on one line",
        "safe_polygon:='[[0.1, 0.2], [0.3, 0.6], [0.2, 0.4], [0.4, 0.8]]'|'safe_polygon' has zero area: its points lie on one line",
        "safe_polygon:='[[0, 0], [1, 0], [1, 0], [0, 1]]'|'safe_polygon' point 3 repeats point 2",
        "safe_polygon:='[[0, 0], [1, 0], [0, 1], [0, 0]]'|'safe_polygon' point 4 repeats point 1",
        "safe_polygon:='[[0, 0'|'safe_polygon' must be empty",
        "safe_polygon:='[[0, 0'|; not valid YAML: ",
        "seed:=x|'seed' must be a integer",
    })
    void rejections(String override, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> resolve("-p", override));
        assertTrue(e.getMessage().contains(fragment), "'" + e.getMessage() + "' should contain '" + fragment + "'");
    }

    /** Every topic the node would create is resolved at start, namespace and remaps applied, before any DDS call. */
    @Test
    void topicNamesAreResolvedAsTheNodeWouldCreateThem() {
        String huge = "x".repeat(65_536);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> resolve("-p", "odom_topic:=" + huge));
        assertTrue(e.getMessage().contains("'odom_topic'") && e.getMessage().contains("247")
                && e.getMessage().length() < 300, e.getMessage());
        // fits alone, too long under the namespace
        String fits = "y".repeat(240);
        assertEquals(fits, resolve("-p", "scan_topic:=" + fits).parameters().scanTopic());
        e = assertThrows(IllegalArgumentException.class,
                () -> resolve("-r", "__ns:=/robot1", "-p", "scan_topic:=" + fits));
        assertTrue(e.getMessage().contains("'scan_topic'"), e.getMessage());
        // a remap is applied first: the name it leads to is the one checked
        e = assertThrows(IllegalArgumentException.class, () -> resolve("-r", "cmd_vel:=" + huge));
        assertTrue(e.getMessage().contains("247") && e.getMessage().length() < 300, e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> resolve("-r", "__node:=" + "n".repeat(256)));
        assertTrue(e.getMessage().contains("255") && e.getMessage().length() < 300, e.getMessage());
        NodeConfiguration c = resolve("-r", "__ns:=/r1", "-p", "estop_topic:=~/estop");
        assertEquals("/r1/cpo_node/estop", c.topicNames().resolve(c.parameters().estopTopic()));
        assertEquals("{node}/odom", resolve("-p", "odom_topic:='{node}/odom'").parameters().odomTopic());
    }

    @Test
    void deepValuesAreRefusedInOneLine() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> resolve("-p", "x:=" + deep));
        assertTrue(e.getMessage().contains("nested deeper than 50 levels") && e.getMessage().length() < 300,
                e.getMessage().substring(0, Math.min(300, e.getMessage().length())));
        e = assertThrows(IllegalArgumentException.class, () -> resolve("-p", "safe_polygon:='" + deep + "'"));
        assertTrue(e.getMessage().contains("'safe_polygon'") && e.getMessage().contains("nested deeper than 50 levels")
                && e.getMessage().length() < 400, e.getMessage().substring(0, Math.min(400, e.getMessage().length())));
        e = assertThrows(IllegalArgumentException.class, () -> resolve("-p", "x:=&a [*a]"));
        assertTrue(e.getMessage().contains("alias *a refers to a collection that contains it"), e.getMessage());
    }

    @Test
    void simplePolygonsAreAcceptedConcaveOnesToo() {
        for (String polygon : List.of("[[-1.0, -2.0], [1.0, -2.0], [1.0, 2.0], [-1.0, 2.0]]",
                "[[0, 0], [2, 0], [2, 2], [1, 1], [0, 2]]", "[[0, 2], [1, 1], [2, 2], [2, 0], [0, 0]]",
                "[[0, 0], [1, 0], [2, 0], [2, 1]]")) {
            assertEquals(polygon, resolve("-p", "safe_polygon:='" + polygon + "'").parameters().safePolygon(), polygon);
        }
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i <= SafeArea.MAX_POINTS; i++) {
            double angle = 2 * Math.PI * i / (SafeArea.MAX_POINTS + 1);
            many.append(i == 0 ? "" : ", ").append("[").append(Math.cos(angle)).append(", ").append(Math.sin(angle))
                    .append("]");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> resolve("-p", "safe_polygon:='" + many + "]'"));
        assertTrue(e.getMessage().contains("at most 1000 points, got 1001"), e.getMessage());
    }

    /** In the node's own block, whatever its key's form, an undeclared parameter stops the node. */
    @ParameterizedTest
    @ValueSource(strings = {"cpo_node", "/cpo_node", "/**/cpo_node", "/*/cpo_node"})
    void anUndeclaredParameterInTheNodesOwnBlockIsRejected(String key, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, key + ":\n  ros__parameters:\n    contrl_rate: 20.0\n");
        String[] namespace = key.startsWith("/*/") ? new String[] {"-r", "__ns:=/r1"} : new String[0];
        List<String> args = new ArrayList<>(List.of(namespace));
        args.addAll(List.of("--params-file", file.toString()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> resolve(args.toArray(String[]::new)));
        assertTrue(e.getMessage().startsWith("unknown parameter 'contrl_rate'; the node declares: use_sim_time, "),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> resolve("-p", "contrl_rate:=20.0"));
        assertTrue(e.getMessage().startsWith("unknown parameter 'contrl_rate'"), "and in a -p: " + e.getMessage());
    }

    /**
     * A robot-wide file: its shared blocks hold other nodes' parameters, which are ignored with one warning line
     * each, as rclcpp ignores them (silently); QoS overrides are ignored wherever they are; the rest applies.
     */
    @Test
    void sharedBlocksAndQosOverridesAreIgnoredWithOneWarningEach(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("robot_wide.yaml");
        Files.writeString(file, """
                /**:
                  ros__parameters:
                    use_sim_time: true
                    wheel_radius: 0.033
                    qos_overrides:
                      /cmd_vel:
                        publisher:
                          depth: 5
                /r1/*:
                  ros__parameters:
                    scan_frame: laser
                /r1/cpo_node:
                  ros__parameters:
                    control_rate: 10.0
                    qos_overrides:
                      /odom:
                        subscription:
                          reliability: reliable
                """);
        NodeConfiguration c = resolve("-r", "__ns:=/r1", "--params-file", file.toString(), "-p",
                "qos_overrides.estop.subscription.depth:=1");
        assertEquals(List.of(
                "parameters file " + file + ": '/**' sets 'wheel_radius', which /r1/cpo_node does not declare: ignored",
                "parameters file " + file + ": '/**' sets 'qos_overrides./cmd_vel.publisher.depth', ignored (the node"
                        + " takes no QoS overrides)",
                "parameters file " + file + ": '/r1/*' sets 'scan_frame', which /r1/cpo_node does not declare: ignored",
                "parameters file " + file + ": '/r1/cpo_node' sets 'qos_overrides./odom.subscription.reliability',"
                        + " ignored (the node takes no QoS overrides)",
                "-p qos_overrides.estop.subscription.depth ignored (the node takes no QoS overrides)"), c.warnings());
        assertEquals(resolve("-p", "use_sim_time:=true", "-p", "control_rate:=10.0").parameters(), c.parameters(),
                "the declared parameters of both blocks apply, nothing else changes");
    }

    @Test
    void applicationArgumentsAndBadYamlAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NodeConfiguration.resolve(RosArguments.parse(List.of("extra"))));
        assertTrue(e.getMessage().contains("unexpected argument(s) [extra]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> resolve("-p", "seed:=[1"));
        assertTrue(e.getMessage().contains("not a YAML value: ") && e.getMessage().contains("(line 1, column"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> resolve("-p", "policy:=null"));
        assertTrue(e.getMessage().contains("no value"), e.getMessage());
    }
}
