package org.cponode.rosws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cponode.task.DiffDriveModel;
import org.cponode.world.RangeSensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;

/**
 * The robot description (urdf/cpo_bot.urdf) against the embedded simulator's model
 * {@link DiffDriveModel#BURGER}, and both robot and world through Debian's URDF and SDF parsers.
 */
class RobotDescriptionTest {

    private static final DiffDriveModel MODEL = DiffDriveModel.BURGER;
    private static final double EPS = 1e-9;
    private static final Path URDF = RosWorkspace.source("urdf/cpo_bot.urdf");

    @Test
    void checkUrdfParsesTheTreeFromBaseFootprint() {
        String out = Command.check(Map.of(), "check_urdf", URDF.toString()).stdout();
        assertTrue(out.contains("root Link: base_footprint"), out);
        for (String link : List.of("base_link", "wheel_left_link", "wheel_right_link", "caster_back_link",
                "base_scan", "imu_link")) {
            assertTrue(out.contains(link), "check_urdf should list " + link + ":\n" + out);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"urdf/cpo_bot.urdf", "worlds/cpo_circle.sdf"})
    void isWellFormedXml(String file) {
        Command.check(Map.of(), "xmllint", "--noout", RosWorkspace.source(file).toString());
    }

    /** sdformat12 prints "Valid." and exits 0 even after some errors, so any "Error" text fails too. */
    @ParameterizedTest
    @ValueSource(strings = {"urdf/cpo_bot.urdf", "worlds/cpo_circle.sdf"})
    void sdformatAcceptsWithoutErrors(String file) {
        Command.Result result = Command.check(Map.of(), "ign", "sdf", "-k", RosWorkspace.source(file).toString());
        assertTrue(result.stdout().contains("Valid."), result.output());
        assertFalse(result.output().contains("Error"), result.output());
    }

    @Test
    void wheelsMatchTheModel() throws IOException {
        Element robot = Xml.parse(URDF);
        for (String side : List.of("left", "right")) {
            Element wheel = Xml.named(robot, "link", "wheel_" + side + "_link");
            for (String part : List.of("visual", "collision")) {
                Element cylinder = Xml.child(Xml.child(Xml.child(wheel, part), "geometry"), "cylinder");
                String where = side + " " + part;
                assertEquals(MODEL.wheelRadius(), Double.parseDouble(cylinder.getAttribute("radius")), EPS, where);
                assertEquals(MODEL.wheelWidth(), Double.parseDouble(cylinder.getAttribute("length")), EPS, where);
            }
            Element inertial = Xml.child(wheel, "inertial");
            double m = MODEL.wheelMass();
            double r = MODEL.wheelRadius();
            double w = MODEL.wheelWidth();
            assertEquals(m, mass(inertial), EPS);
            // Solid cylinder about its own axis (z) and across it.
            assertInertia(inertial, m * (3 * r * r + w * w) / 12, m * (3 * r * r + w * w) / 12, m * r * r / 2);
            Element joint = Xml.named(robot, "joint", "wheel_" + side + "_joint");
            assertEquals("continuous", joint.getAttribute("type"));
            assertEquals("base_link", Xml.child(joint, "parent").getAttribute("link"));
        }
        double[] left = xyz(Xml.named(robot, "joint", "wheel_left_joint"));
        double[] right = xyz(Xml.named(robot, "joint", "wheel_right_joint"));
        assertEquals(MODEL.wheelSeparation(), left[1] - right[1], EPS, "wheel separation");
        assertEquals(0.0, left[1] + right[1], EPS, "wheels symmetric about x");
        assertArrayEquals(new double[] {left[0], left[2]}, new double[] {right[0], right[2]}, EPS);
        // The wheels touch the ground: axle height above base_footprint equals the wheel radius.
        double baseHeight = xyz(Xml.named(robot, "joint", "base_joint"))[2];
        assertEquals(MODEL.wheelRadius(), baseHeight + left[2], EPS, "axle height");
    }

    @Test
    void chassisMatchesTheModelAndOnlyChassisAndWheelsHaveMass() throws IOException {
        Element robot = Xml.parse(URDF);
        Element base = Xml.named(robot, "link", "base_link");
        double l = MODEL.chassisLength();
        double w = MODEL.chassisWidth();
        double h = MODEL.chassisHeight();
        for (String part : List.of("visual", "collision")) {
            Element box = Xml.child(Xml.child(Xml.child(base, part), "geometry"), "box");
            assertArrayEquals(new double[] {l, w, h}, Xml.numbers(box.getAttribute("size")), EPS, part);
        }
        Element inertial = Xml.child(base, "inertial");
        double m = MODEL.chassisMass();
        assertEquals(m, mass(inertial), EPS);
        assertInertia(inertial, m * (w * w + h * h) / 12, m * (l * l + h * h) / 12, m * (l * l + w * w) / 12);

        double total = Xml.children(robot, "link").stream()
                .flatMap(link -> Xml.children(link, "inertial").stream()).mapToDouble(RobotDescriptionTest::mass).sum();
        assertEquals(MODEL.totalMass(), total, EPS, "the caster, lidar and IMU links carry no mass of their own");

        // Chassis clears the ground; the caster sphere rests on it.
        double baseHeight = xyz(Xml.named(robot, "joint", "base_joint"))[2];
        double chassisBottom = baseHeight + xyz(Xml.child(base, "collision"))[2] - h / 2;
        assertTrue(chassisBottom > 0, "chassis bottom at " + chassisBottom + " m");
        double casterZ = xyz(Xml.named(robot, "joint", "caster_back_joint"))[2];
        Element sphere = Xml.child(Xml.child(Xml.child(Xml.named(robot, "link", "caster_back_link"), "collision"),
                "geometry"), "sphere");
        double casterRadius = Double.parseDouble(sphere.getAttribute("radius"));
        assertEquals(0.0, baseHeight + casterZ - casterRadius, EPS, "caster on ground");
    }

    @Test
    void diffDrivePluginUsesTheModelsGeometryAndLimits() throws IOException {
        Element plugin = plugin(Xml.parse(URDF), "gz::sim::systems::DiffDrive");
        assertEquals("gz-sim-diff-drive-system", plugin.getAttribute("filename"));
        assertEquals("wheel_left_joint", Xml.text(plugin, "left_joint"));
        assertEquals("wheel_right_joint", Xml.text(plugin, "right_joint"));
        assertEquals(MODEL.wheelSeparation(), Xml.number(plugin, "wheel_separation"), EPS);
        assertEquals(MODEL.wheelRadius(), Xml.number(plugin, "wheel_radius"), EPS);
        assertSymmetricLimit(plugin, "linear_velocity", MODEL.maxLinearVelocity());
        assertSymmetricLimit(plugin, "angular_velocity", MODEL.maxAngularVelocity());
        assertSymmetricLimit(plugin, "linear_acceleration", MODEL.maxLinearAcceleration());
        assertSymmetricLimit(plugin, "angular_acceleration", MODEL.maxAngularAcceleration());
        assertEquals("odom", Xml.text(plugin, "frame_id"));
        assertEquals("base_footprint", Xml.text(plugin, "child_frame_id"));
        assertEquals("/cmd_vel", Xml.text(plugin, "topic"));
        assertEquals("/odom", Xml.text(plugin, "odom_topic"));
        assertEquals("/tf", Xml.text(plugin, "tf_topic"));
    }

    @Test
    void odometryJointStateAndSensorsAreDeclared() throws IOException {
        Element robot = Xml.parse(URDF);
        Element odometry = plugin(robot, "gz::sim::systems::OdometryPublisher");
        assertEquals("gz-sim-odometry-publisher-system", odometry.getAttribute("filename"));
        assertEquals("base_footprint", Xml.text(odometry, "robot_base_frame"));
        Element jointStates = plugin(robot, "gz::sim::systems::JointStatePublisher");
        assertEquals("gz-sim-joint-state-publisher-system", jointStates.getAttribute("filename"));
        assertEquals(List.of("wheel_left_joint", "wheel_right_joint"),
                Xml.children(jointStates, "joint_name").stream().map(e -> e.getTextContent().strip()).toList());

        Element lidar = sensor(robot, "base_scan");
        assertEquals("gpu_lidar", lidar.getAttribute("type"));
        assertEquals("base_scan", Xml.text(lidar, "gz_frame_id"));
        assertTrue(Xml.descendants(lidar, "vertical").isEmpty(), "a 2-D lidar has one horizontal scan line");
        Element imu = sensor(robot, "imu_link");
        assertEquals("imu", imu.getAttribute("type"));
        assertEquals("imu_link", Xml.text(imu, "gz_frame_id"));
    }

    /** Gazebo's lidar and the embedded simulator's range sensor are one sensor: rays, angles, ranges and noise. */
    @Test
    void lidarMatchesTheSimulatedRangeSensor() throws IOException {
        RangeSensor lds = RangeSensor.LDS;
        Element lidar = sensor(Xml.parse(URDF), "base_scan");
        Element horizontal = Xml.child(Xml.child(Xml.child(lidar, "lidar"), "scan"), "horizontal");
        // Gazebo spreads samples x resolution rays evenly from min_angle to max_angle, both included.
        assertEquals(lds.rays(), Xml.number(horizontal, "samples") * Xml.number(horizontal, "resolution"), 0);
        assertEquals(lds.angleMin(), Xml.number(horizontal, "min_angle"), EPS);
        // The URDF writes 359 degrees to 8 digits.
        assertEquals(lds.angleMax(), Xml.number(horizontal, "max_angle"), 1e-7);
        Element range = Xml.child(Xml.child(lidar, "lidar"), "range");
        assertEquals(lds.rangeMin(), Xml.number(range, "min"), EPS);
        assertEquals(lds.rangeMax(), Xml.number(range, "max"), EPS);
        Element noise = Xml.child(Xml.child(lidar, "lidar"), "noise");
        assertEquals("gaussian", Xml.text(noise, "type"));
        assertEquals(0.0, Xml.number(noise, "mean"), 0);
        assertEquals(lds.noiseSd(), Xml.number(noise, "stddev"), EPS);
    }

    /** The <plugin> with this name inside the URDF's <gazebo> extensions. */
    static Element plugin(Element robot, String name) {
        return Xml.children(robot, "gazebo").stream().flatMap(g -> Xml.children(g, "plugin").stream())
                .filter(p -> p.getAttribute("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no Gazebo plugin " + name + " in the URDF"));
    }

    /** The only <sensor> in the <gazebo reference="link"> extension. */
    static Element sensor(Element robot, String link) {
        return Xml.children(robot, "gazebo").stream().filter(g -> g.getAttribute("reference").equals(link))
                .flatMap(g -> Xml.children(g, "sensor").stream()).findFirst()
                .orElseThrow(() -> new AssertionError("no sensor on " + link));
    }

    private static void assertSymmetricLimit(Element plugin, String quantity, double max) {
        assertEquals(max, Xml.number(plugin, "max_" + quantity), EPS, "max_" + quantity);
        assertEquals(-max, Xml.number(plugin, "min_" + quantity), EPS, "min_" + quantity);
    }

    private static double mass(Element inertial) {
        return Double.parseDouble(Xml.child(inertial, "mass").getAttribute("value"));
    }

    private static void assertInertia(Element inertial, double ixx, double iyy, double izz) {
        Element inertia = Xml.child(inertial, "inertia");
        assertEquals(ixx, Double.parseDouble(inertia.getAttribute("ixx")), 1e-6 * ixx, "ixx");
        assertEquals(iyy, Double.parseDouble(inertia.getAttribute("iyy")), 1e-6 * iyy, "iyy");
        assertEquals(izz, Double.parseDouble(inertia.getAttribute("izz")), 1e-6 * izz, "izz");
        for (String product : List.of("ixy", "ixz", "iyz")) {
            assertEquals(0.0, Double.parseDouble(inertia.getAttribute(product)), product);
        }
    }

    /** xyz of an element's <origin> (zero when absent, as in URDF). */
    private static double[] xyz(Element element) {
        return Xml.optionalChild(element, "origin").map(o -> Xml.numbers(o.getAttribute("xyz"))).orElse(new double[3]);
    }
}
