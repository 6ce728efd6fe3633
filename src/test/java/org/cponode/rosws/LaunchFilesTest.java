package org.cponode.rosws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The installed launch files, without ROS: byte-compilation, then a structural check that runs each one
 * against stand-in {@code launch}/{@code launch_ros} modules (src/test/python) with the colcon install on
 * AMENT_PREFIX_PATH and checks every node it would start: package and executable, parameter files,
 * remappings, arguments, and the files they name in the installed package.
 */
class LaunchFilesTest {

    private static final Path CHECKER = RosWorkspace.source("src/test/python/launch_check.py");
    private static final Set<String> NODE_TOPIC_PARAMETERS =
            Set.of("cmd_vel_topic", "odom_topic", "scan_topic", "imu_topic");

    private static Path prefix;
    private static Path share;
    private static Set<String> execDepends;

    @BeforeAll
    static void build() throws IOException {
        prefix = RosWorkspace.installPrefix();
        share = prefix.resolve("share/cpo_node");
        execDepends = Xml.children(Xml.parse(share.resolve("package.xml")), "exec_depend").stream()
                .map(e -> e.getTextContent().strip()).collect(Collectors.toSet());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sim.launch.py", "robot.launch.py"})
    void byteCompiles(String file, @TempDir Path cache) {
        Command.check(Map.of("PYTHONPYCACHEPREFIX", cache.toString()),
                RosWorkspace.PYTHON, "-m", "py_compile", share.resolve("launch").resolve(file).toString());
    }

    @Test
    void simulationStartsGazeboTheRobotTheBridgeAndTheNode() throws IOException {
        Map<String, Object> report = evaluate("sim.launch.py");
        checkCommon(report);
        Map<String, Object> node = cpoNode(report, "sim.yaml");
        assertEquals(Map.of("use_sim_time", true, "learning", false, "policy", ""), overrides(node));

        Map<String, Object> rsp = onlyNode(report, "robot_state_publisher");
        String urdf = Files.readString(share.resolve("urdf/cpo_bot.urdf"));
        assertEquals(Map.of("robot_description", urdf, "use_sim_time", true), overrides(rsp),
                "robot_state_publisher gets the installed URDF and sim time");

        assertEquals(List.of("-topic", "robot_description", "-name", "cpo_bot", "-x", "0.0", "-y", "0.0", "-z", "0.01",
                "-Y", "0.0"), onlyNode(report, "ros_gz_sim").get("arguments"));

        Map<String, Object> bridge = onlyNode(report, "ros_gz_bridge");
        assertEquals("parameter_bridge", bridge.get("executable"));
        Path bridgeFile = Path.of((String) overrides(bridge).get("config_file"));
        assertEquals(share.resolve("config/gz_bridge.yaml"), bridgeFile);
        assertNodeTopicsBridged(node, bridgeFile);

        Map<String, Object> gazebo = onlyInclude(report);
        assertTrue(((String) gazebo.get("path")).endsWith("/share/ros_gz_sim/launch/gz_sim.launch.py"),
                gazebo.toString());
        Map<?, ?> gazeboArguments = (Map<?, ?>) gazebo.get("launch_arguments");
        assertEquals("-r -v 2 " + share.resolve("worlds/cpo_circle.sdf"), gazeboArguments.get("gz_args"));
        assertEquals("true", gazeboArguments.get("on_exit_shutdown"));

        assertEquals(false, onlyNode(report, "rviz2").get("enabled"), "RViz is off by default");
        for (Map<String, Object> n : nodes(report)) {
            assertEquals("", n.get("namespace"), "default namespace");
        }
    }

    @Test
    void simulationArgumentsReachGazeboTheSpawnerAndTheNode() throws IOException {
        Map<String, Object> report = evaluate("sim.launch.py", "x:=1.25", "y:=-0.5", "yaw:=1.5708", "learning:=true",
                "policy:=/data/policy.ckpt", "namespace:=robot1", "gui:=false", "rviz:=true",
                "params_file:=" + share.resolve("config/sim.yaml"));
        checkCommon(report);
        Map<String, Object> node = cpoNode(report, "sim.yaml");
        assertEquals(Map.of("use_sim_time", true, "learning", true, "policy", "/data/policy.ckpt"), overrides(node));
        List<?> spawn = (List<?>) onlyNode(report, "ros_gz_sim").get("arguments");
        assertEquals(List.of("1.25", "-0.5", "1.5708"), List.of(spawn.get(5), spawn.get(7), spawn.get(11)));
        String gzArgs = (String) ((Map<?, ?>) onlyInclude(report).get("launch_arguments")).get("gz_args");
        assertTrue(gzArgs.contains(" -s "), "gui:=false starts the server only: " + gzArgs);
        Map<String, Object> rviz = onlyNode(report, "rviz2");
        assertEquals(true, rviz.get("enabled"));
        assertEquals(List.of("-d", share.resolve("config/cpo_node.rviz").toString()), rviz.get("arguments"));
        for (Map<String, Object> n : nodes(report)) {
            assertEquals("robot1", n.get("namespace"), n.get("package") + " should run in the robot's namespace");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"robot.yaml", "turtlebot3.yaml", "turtlebot4.yaml"})
    void robotLaunchRunsTheNodeAloneWithRemappableTopics(String paramsFile) throws IOException {
        Map<String, Object> report =
                evaluate("robot.launch.py", "params_file:=" + share.resolve("config").resolve(paramsFile));
        checkCommon(report);
        assertTrue(((List<?>) report.get("includes")).isEmpty(), "no simulator on a physical robot");
        assertEquals(Set.of("cpo_node", "rviz2"),
                nodes(report).stream().map(n -> n.get("package")).collect(Collectors.toSet()));
        Map<String, Object> node = cpoNode(report, paramsFile);
        assertEquals(Map.of("use_sim_time", false, "learning", false, "policy", ""), overrides(node));
        // Each remapping must name a topic the node really uses, or it would silently do nothing.
        Map<String, Object> parameters = NodeParameters.read(Path.of(parameterFile(node)));
        Set<String> nodeTopics =
                NODE_TOPIC_PARAMETERS.stream().map(p -> (String) parameters.get(p)).collect(Collectors.toSet());
        List<List<String>> remappings = remappings(node);
        assertEquals(nodeTopics, remappings.stream().map(List::getFirst).collect(Collectors.toSet()));
        remappings.forEach(r -> assertEquals(r.get(0), r.get(1), "default remappings keep the names"));
    }

    @Test
    void robotTopicArgumentsRemapTheNodesTopics() throws IOException {
        Map<String, Object> report = evaluate("robot.launch.py", "cmd_vel_topic:=cmd_vel_cpo", "odom_topic:=/odom",
                "namespace:=tb4", "learning:=true");
        Map<String, Object> node = cpoNode(report, "robot.yaml");
        assertTrue(remappings(node).contains(List.of("cmd_vel", "cmd_vel_cpo")), remappings(node).toString());
        assertTrue(remappings(node).contains(List.of("odom", "/odom")), remappings(node).toString());
        assertEquals("tb4", node.get("namespace"));
        assertEquals(true, overrides(node).get("learning"));
    }

    @Test
    void checkerRejectsAMisspelledNodeArgument(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("broken.launch.py");
        Files.writeString(broken, """
                from launch import LaunchDescription
                from launch_ros.actions import Node

                def generate_launch_description():
                    return LaunchDescription([Node(package='cpo_node', executable='cpo_node', remapings=[])])
                """);
        Command.Result result = runChecker(broken);
        assertNotEquals(0, result.exitCode(), result.output());
        assertTrue(result.stderr().contains("remapings"), result.stderr());
    }

    @Test
    void checkerRejectsAnUndeclaredArgument() {
        Command.Result result = runChecker(share.resolve("launch/robot.launch.py"), "param_file:=x.yaml");
        assertNotEquals(0, result.exitCode(), result.output());
        assertTrue(result.stderr().contains("param_file"), result.stderr());
    }

    /** Checks every launch file must pass: packages, executables and the installed files they name. */
    private static void checkCommon(Map<String, Object> report) {
        for (Map<String, Object> node : nodes(report)) {
            String pkg = (String) node.get("package");
            if (pkg.equals("cpo_node")) {
                Path executable = prefix.resolve("lib/cpo_node").resolve((String) node.get("executable"));
                assertTrue(Files.isRegularFile(executable) && Files.isExecutable(executable),
                        executable + " not installed");
            } else {
                assertTrue(execDepends.contains(pkg), "package.xml should exec_depend on " + pkg);
            }
        }
        for (Object pkg : (List<?>) report.get("external_packages")) {
            assertTrue(execDepends.contains(pkg), "package.xml should exec_depend on " + pkg);
        }
        for (Object path : (List<?>) report.get("joined_paths")) {
            if (((String) path).startsWith(prefix.toString())) {
                assertTrue(Files.exists(Path.of((String) path)),
                        "the launch file names " + path + ", which is not installed");
            }
        }
        for (Object argument : ((Map<?, ?>) report.get("arguments")).values()) {
            String description = (String) ((Map<?, ?>) argument).get("description");
            assertFalse(description == null || description.isBlank(), "every launch argument needs a description");
        }
    }

    /** The cpo_node node: installed parameter file {@code paramsFile} first, whose key the node answers to. */
    private static Map<String, Object> cpoNode(Map<String, Object> report, String paramsFile) throws IOException {
        Map<String, Object> node = onlyNode(report, "cpo_node");
        assertEquals("cpo_node", node.get("executable"));
        assertEquals("cpo_node", node.get("name"), "the name the parameter files are written for");
        Path file = Path.of(parameterFile(node));
        assertEquals(share.resolve("config").resolve(paramsFile), file);
        assertTrue(Files.isRegularFile(file), file + " not installed");
        NodeParameters.nodeKey(file);
        assertTrue(NodeParameters.TYPES.keySet().containsAll(overrides(node).keySet()),
                "unknown parameter in " + overrides(node));
        return node;
    }

    private static void assertNodeTopicsBridged(Map<String, Object> node, Path bridgeFile) throws IOException {
        Map<String, Object> parameters = NodeParameters.read(Path.of(parameterFile(node)));
        Set<Object> bridged = new HashSet<>();
        for (Object entry : (List<?>) NodeParameters.loadYaml(Files.readString(bridgeFile))) {
            bridged.add(((Map<?, ?>) entry).get("ros_topic_name"));
        }
        for (String topicParameter : NODE_TOPIC_PARAMETERS) {
            assertTrue(bridged.contains(parameters.get(topicParameter)),
                    topicParameter + "=" + parameters.get(topicParameter) + " is not bridged from Gazebo");
        }
    }

    private static String parameterFile(Map<String, Object> node) {
        Map<?, ?> first = (Map<?, ?>) ((List<?>) node.get("parameters")).getFirst();
        return (String) first.get("file");
    }

    /** The parameters the launch file sets as a dict (after the parameter file, so they win). */
    private static Map<String, Object> overrides(Map<String, Object> node) {
        Map<String, Object> merged = new HashMap<>();
        for (Object entry : (List<?>) node.get("parameters")) {
            Map<?, ?> dict = (Map<?, ?>) ((Map<?, ?>) entry).get("dict");
            if (dict != null) {
                dict.forEach((k, v) -> merged.put((String) k, v));
            }
        }
        return merged;
    }

    private static List<List<String>> remappings(Map<String, Object> node) {
        List<List<String>> pairs = new ArrayList<>();
        for (Object pair : (List<?>) node.get("remappings")) {
            pairs.add(((List<?>) pair).stream().map(String.class::cast).toList());
        }
        return pairs;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> nodes(Map<String, Object> report) {
        return (List<Map<String, Object>>) report.get("nodes");
    }

    private static Map<String, Object> onlyNode(Map<String, Object> report, String pkg) {
        List<Map<String, Object>> found = nodes(report).stream().filter(n -> pkg.equals(n.get("package"))).toList();
        assertEquals(1, found.size(), "nodes of package " + pkg);
        return found.getFirst();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> onlyInclude(Map<String, Object> report) {
        List<?> includes = (List<?>) report.get("includes");
        assertEquals(1, includes.size(), "included launch files");
        return (Map<String, Object>) includes.getFirst();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> evaluate(String launchFile, String... arguments) {
        Command.Result result = runChecker(share.resolve("launch").resolve(launchFile), arguments);
        if (result.exitCode() != 0) {
            fail(launchFile + " failed the structural check:\n" + result.output());
        }
        return assertInstanceOf(Map.class, NodeParameters.loadYaml(result.stdout()));
    }

    private static Command.Result runChecker(Path launchFile, String... arguments) {
        List<String> command =
                new ArrayList<>(List.of(RosWorkspace.PYTHON, "-B", CHECKER.toString(), launchFile.toString()));
        command.addAll(List.of(arguments));
        return Command.run(RosWorkspace.repoRoot(), Map.of("AMENT_PREFIX_PATH", prefix.toString()),
                Duration.ofSeconds(30), command);
    }
}
