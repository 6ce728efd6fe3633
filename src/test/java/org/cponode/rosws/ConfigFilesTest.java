package org.cponode.rosws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.cponode.task.CircleGeometry;
import org.cponode.task.DiffDriveModel;
import org.cponode.sim.Tasks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;

/**
 * The files in config/: YAML lint of every one, the node's parameter files (names, types, limits per
 * platform, task geometry) and the ros_gz_bridge configuration (types, directions, Gazebo topics).
 */
class ConfigFilesTest {

    private static final DiffDriveModel BURGER = DiffDriveModel.BURGER;
    private static final double EPS = 1e-12;

    static Stream<String> nodeParameterFiles() {
        return RosWorkspace.nodeParameterFiles().stream();
    }

    @Test
    void yamllintAcceptsEveryConfigFile() throws IOException, URISyntaxException {
        List<String> command = new ArrayList<>(List.of("yamllint", "-s", "-c", yamllintConfig().toString()));
        try (Stream<Path> files = Files.list(RosWorkspace.source("config"))) {
            files.sorted().forEach(f -> command.add(f.toString()));
        }
        assertTrue(command.size() >= 4 + 6, "config/ should hold the node, bridge and RViz files: " + command);
        Command.check(Map.of(), command.toArray(String[]::new));
    }

    @Test
    void yamllintRejectsABrokenFile(@TempDir Path dir) throws IOException, URISyntaxException {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "/**:\n  ros__parameters:\n    control_rate: 20.0\n   use_imu: false\n");
        Command.Result result = Command.run(dir, Map.of(), Duration.ofSeconds(30),
                List.of("yamllint", "-s", "-c", yamllintConfig().toString(), broken.toString()));
        assertNotEquals(0, result.exitCode(), "yamllint should reject a mis-indented file:\n" + result.output());
    }

    @ParameterizedTest
    @MethodSource("nodeParameterFiles")
    void everyParameterIsKnownTypedAndPresent(String file) throws IOException {
        Map<String, Object> parameters = NodeParameters.read(RosWorkspace.source("config/" + file));
        // Every parameter once, the cost limits of the file's task's constraints and no others.
        List<String> constraints = Tasks.spec((String) parameters.get("task")).constraintNames();
        Set<String> expected = new java.util.TreeSet<>(NodeParameters.TYPES.keySet());
        expected.removeIf(name -> name.startsWith(org.cponode.node.NodeParameters.COST_LIMITS)
                && !constraints.contains(name.substring(org.cponode.node.NodeParameters.COST_LIMITS.length())));
        assertEquals(expected, new java.util.TreeSet<>(parameters.keySet()),
                file + " should set every node parameter once");
        parameters.forEach((name, value) -> assertInstanceOf(NodeParameters.TYPES.get(name), value,
                file + ": " + name + " should be a " + NodeParameters.TYPES.get(name).getSimpleName()));
        for (String positive : List.of("control_rate", "max_linear_velocity", "max_angular_velocity",
                "max_linear_acceleration", "max_angular_acceleration", "sensor_timeout", "cost_limits.outside",
                "episode_window", "diagnostics_rate")) {
            assertTrue((Double) parameters.get(positive) > 0, file + ": " + positive + " must be > 0");
        }
        assertTrue((Integer) parameters.get("batch_windows") > 0, file + ": batch_windows");
        assertTrue(Set.of("stop", "last_safe", "return").contains(parameters.get("fallback")), file + ": fallback");
        // The task of every platform is the room-sized circle the policy was trained on.
        assertEquals(CircleGeometry.ROOM.targetRadius(), (Double) parameters.get("target_radius"), EPS, file);
        assertEquals(CircleGeometry.ROOM.xLimit(), (Double) parameters.get("corridor_half_width"), EPS, file);
        assertEquals(BURGER.controlRate(), (Double) parameters.get("control_rate"), EPS, file);
        for (String topic : List.of("odom_topic", "cmd_vel_topic", "scan_topic", "imu_topic", "estop_topic")) {
            String name = (String) parameters.get(topic);
            assertFalse(name.isEmpty() || name.startsWith("/"),
                    file + ": " + topic + " should be relative so a namespace applies, is '" + name + "'");
        }
    }

    @Test
    void simulationUsesTheModelsLimitsAndSimTime() throws IOException {
        Map<String, Object> sim = NodeParameters.read(RosWorkspace.source("config/sim.yaml"));
        assertEquals(true, sim.get("use_sim_time"));
        assertLimits(sim, BURGER.maxLinearVelocity(), BURGER.maxAngularVelocity(), BURGER.maxLinearAcceleration(),
                BURGER.maxAngularAcceleration());
    }

    @Test
    void physicalRobotsUseWallTimeAndTheirLimits() throws IOException {
        Map<String, Object> robot = NodeParameters.read(RosWorkspace.source("config/robot.yaml"));
        Map<String, Object> tb3 = NodeParameters.read(RosWorkspace.source("config/turtlebot3.yaml"));
        Map<String, Object> tb4 = NodeParameters.read(RosWorkspace.source("config/turtlebot4.yaml"));
        for (Map<String, Object> p : List.of(robot, tb3, tb4)) {
            assertEquals(false, p.get("use_sim_time"));
            assertEquals("odom", p.get("odom_topic"), "the robots' wheel odometry");
            assertEquals(false, p.get("learning"), "learning on hardware is an explicit choice");
        }
        // Conservative first-trial limits, strictly below the Burger's.
        for (String limit : List.of("max_linear_velocity", "max_angular_velocity", "max_linear_acceleration",
                "max_angular_acceleration")) {
            assertTrue((Double) robot.get(limit) < (Double) tb3.get(limit),
                    "robot.yaml " + limit + " is not conservative");
        }
        assertLimits(tb3, 0.22, 2.84, BURGER.maxLinearAcceleration(), BURGER.maxAngularAcceleration());
        assertEquals(true, tb3.get("twist_stamped"), "turtlebot3.yaml targets Jazzy: TwistStamped on /cmd_vel");
        assertEquals(0.306, (Double) tb4.get("max_linear_velocity"), EPS, "Create 3 max_speed");
        assertEquals(1.9, (Double) tb4.get("max_angular_velocity"), EPS);
        assertEquals(false, tb4.get("twist_stamped"), "the Create 3 takes geometry_msgs/msg/Twist");
    }

    @Test
    void bridgeMapsEachTopicWithMatchingTypesAndDirections() throws IOException {
        Map<String, Map<String, Object>> bridge = bridgeByRosTopic();
        // ROS type -> {gz type, direction}: ros_gz_bridge's pairings.
        Map<String, List<String>> expected = Map.of(
                "rosgraph_msgs/msg/Clock", List.of("gz.msgs.Clock", "GZ_TO_ROS"),
                "geometry_msgs/msg/Twist", List.of("gz.msgs.Twist", "ROS_TO_GZ"),
                "geometry_msgs/msg/TwistStamped", List.of("gz.msgs.Twist", "ROS_TO_GZ"),
                "nav_msgs/msg/Odometry", List.of("gz.msgs.Odometry", "GZ_TO_ROS"),
                "tf2_msgs/msg/TFMessage", List.of("gz.msgs.Pose_V", "GZ_TO_ROS"),
                "sensor_msgs/msg/JointState", List.of("gz.msgs.Model", "GZ_TO_ROS"),
                "sensor_msgs/msg/LaserScan", List.of("gz.msgs.LaserScan", "GZ_TO_ROS"),
                "sensor_msgs/msg/Imu", List.of("gz.msgs.IMU", "GZ_TO_ROS"));
        bridge.forEach((topic, entry) -> {
            List<String> pairing = expected.get((String) entry.get("ros_type_name"));
            assertTrue(pairing != null, topic + ": unexpected ROS type " + entry.get("ros_type_name"));
            assertEquals(pairing.get(0), entry.get("gz_type_name"), topic + " gz type");
            assertEquals(pairing.get(1), entry.get("direction"), topic + " direction");
        });
        Map<String, String> required = Map.of(
                "/clock", "rosgraph_msgs/msg/Clock", "/tf", "tf2_msgs/msg/TFMessage",
                "odom", "nav_msgs/msg/Odometry", "joint_states", "sensor_msgs/msg/JointState",
                "scan", "sensor_msgs/msg/LaserScan", "imu", "sensor_msgs/msg/Imu");
        required.forEach((topic, type) -> assertEquals(type, typeOf(bridge, topic), "bridge of " + topic));
    }

    @Test
    void bridgeServesTheSimulatedNodesTopics() throws IOException {
        Map<String, Map<String, Object>> bridge = bridgeByRosTopic();
        Map<String, Object> sim = NodeParameters.read(RosWorkspace.source("config/sim.yaml"));
        String twist = (Boolean) sim.get("twist_stamped")
                ? "geometry_msgs/msg/TwistStamped" : "geometry_msgs/msg/Twist";
        assertEquals(twist, typeOf(bridge, (String) sim.get("cmd_vel_topic")), "cmd_vel type vs twist_stamped");
        assertEquals("nav_msgs/msg/Odometry", typeOf(bridge, (String) sim.get("odom_topic")));
        assertEquals("sensor_msgs/msg/LaserScan", typeOf(bridge, (String) sim.get("scan_topic")));
        assertEquals("sensor_msgs/msg/Imu", typeOf(bridge, (String) sim.get("imu_topic")));
    }

    @Test
    void everyBridgedGazeboTopicIsPublishedOrReadByTheRobot() throws IOException {
        Element robot = Xml.parse(RosWorkspace.source("urdf/cpo_bot.urdf"));
        Set<String> robotTopics = new HashSet<>();
        for (String tag : List.of("topic", "odom_topic", "tf_topic")) {
            Xml.descendants(robot, tag).forEach(e -> robotTopics.add(e.getTextContent().strip()));
        }
        for (Map<String, Object> entry : bridgeByRosTopic().values()) {
            String gzTopic = (String) entry.get("gz_topic_name");
            if (!gzTopic.equals("/clock")) { // the world's clock, published by gz-sim itself
                assertTrue(robotTopics.contains(gzTopic),
                        gzTopic + " is not a topic of urdf/cpo_bot.urdf " + robotTopics);
            }
        }
    }

    private static Map<String, Map<String, Object>> bridgeByRosTopic() throws IOException {
        Object loaded = NodeParameters.loadYaml(Files.readString(RosWorkspace.source("config/gz_bridge.yaml")));
        Map<String, Map<String, Object>> byTopic = new LinkedHashMap<>();
        for (Object item : assertInstanceOf(List.class, loaded, "the bridge file is a list of topics")) {
            Map<String, Object> entry = new LinkedHashMap<>();
            assertInstanceOf(Map.class, item).forEach((k, v) -> entry.put((String) k, v));
            assertEquals(Set.of("ros_topic_name", "gz_topic_name", "ros_type_name", "gz_type_name", "direction"),
                    entry.keySet(), "bridge entry " + entry);
            assertEquals(null, byTopic.put((String) entry.get("ros_topic_name"), entry), "duplicate " + entry);
        }
        return byTopic;
    }

    private static String typeOf(Map<String, Map<String, Object>> bridge, String rosTopic) {
        Map<String, Object> entry = bridge.get(rosTopic);
        assertTrue(entry != null, rosTopic + " is not bridged");
        return (String) entry.get("ros_type_name");
    }

    private static void assertLimits(Map<String, Object> p, double v, double w, double a, double alpha) {
        assertEquals(v, (Double) p.get("max_linear_velocity"), EPS, "max_linear_velocity");
        assertEquals(w, (Double) p.get("max_angular_velocity"), EPS, "max_angular_velocity");
        assertEquals(a, (Double) p.get("max_linear_acceleration"), EPS, "max_linear_acceleration");
        assertEquals(alpha, (Double) p.get("max_angular_acceleration"), EPS, "max_angular_acceleration");
    }

    private static Path yamllintConfig() throws URISyntaxException {
        return Path.of(ConfigFilesTest.class.getResource("yamllint.yaml").toURI());
    }
}
