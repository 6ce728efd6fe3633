package org.cponode.rosws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.cponode.task.CircleGeometry;
import org.cponode.task.DiffDriveModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The Gazebo world (worlds/cpo_circle.sdf) against the task geometry {@link CircleGeometry#ROOM}: the target
 * circle drawn on the ground, the corridor panels at x = +-x_lim, and a physics step that fits the control
 * rate and the robot's sensor rates.
 */
class CircleWorldTest {

    private static final CircleGeometry ROOM = CircleGeometry.ROOM;
    private static final Path WORLD = RosWorkspace.source("worlds/cpo_circle.sdf");
    private static final double EPS = 1e-6;

    private static Element sdf;
    private static Element world;

    @BeforeAll
    static void parse() throws IOException {
        sdf = Xml.parse(WORLD);
        world = Xml.child(sdf, "world");
    }

    @Test
    void isSdf19() {
        // Debian's sdformat12 validates SDF <= 1.9 only; newer versions would pass `ign sdf -k` unchecked.
        assertEquals("1.9", sdf.getAttribute("version"));
    }

    @Test
    void targetCircleIsAClosedRingOfVisualSegmentsAtTheTargetRadius() {
        Element model = Xml.named(world, "model", "target_circle");
        assertStaticVisualOnly(model);
        assertArrayEqualsZero(pose(model));
        List<Element> segments = Xml.descendants(model, "visual");
        assertTrue(segments.size() >= 24, "a smooth-looking ring needs many segments, has " + segments.size());
        double[] angles = new double[segments.size()];
        for (int i = 0; i < segments.size(); i++) {
            Element segment = segments.get(i);
            double[] p = pose(segment);
            double angle = Math.atan2(p[1], p[0]);
            assertEquals(ROOM.targetRadius(), Math.hypot(p[0], p[1]), EPS, "segment " + i + " off the circle");
            assertTrue(p[2] > 0 && p[2] < 0.01, "segment " + i + " should lie flat on the ground");
            // Each segment runs along the tangent: its yaw is the polar angle plus 90 degrees.
            assertEquals(0.0, Math.sin(p[5] - angle - Math.PI / 2), EPS, "segment " + i + " not tangent");
            angles[i] = angle;
        }
        Arrays.sort(angles);
        double widestGap = 2 * Math.PI - (angles[angles.length - 1] - angles[0]);
        for (int i = 1; i < angles.length; i++) {
            widestGap = Math.max(widestGap, angles[i] - angles[i - 1]);
        }
        double shortest = segments.stream().mapToDouble(s -> boxSize(s)[0]).min().orElseThrow();
        double chord = 2 * ROOM.targetRadius() * Math.sin(widestGap / 2);
        assertTrue(shortest >= chord, "segments of " + shortest + " m leave gaps on a " + chord + " m chord");
    }

    @Test
    void corridorPanelsStandAtPlusMinusXLimitAndDoNotCollide() {
        for (String name : List.of("corridor_neg_x", "corridor_pos_x")) {
            Element model = Xml.named(world, "model", name);
            assertStaticVisualOnly(model);
            double[] p = pose(model);
            assertEquals(name.endsWith("pos_x") ? ROOM.xLimit() : -ROOM.xLimit(), p[0], EPS, name + " x");
            assertEquals(0.0, p[1], EPS, name + " centred on the task origin");
            Element visual = Xml.descendants(model, "visual").getFirst();
            double[] size = boxSize(visual);
            assertTrue(size[0] <= 0.05, name + " should be a thin panel across x");
            assertTrue(size[1] >= 2 * ROOM.targetRadius(), name + " should span the whole circle along y");
            assertTrue(p[2] - size[2] / 2 >= -EPS && size[2] > 0.1, name + " should stand visibly on the ground");
            double[] diffuse = Xml.numbers(Xml.text(Xml.child(visual, "material"), "diffuse"));
            assertTrue(diffuse[2] > 2 * diffuse[0] && diffuse[2] > 2 * diffuse[1], name + " should be blue");
            double transparency = Xml.number(visual, "transparency");
            assertTrue(transparency > 0 && transparency < 1, name + " should be translucent");
        }
    }

    @Test
    void physicsStepFitsTheControlAndSensorRates() throws IOException {
        Element physics = Xml.child(world, "physics");
        double step = Xml.number(physics, "max_step_size");
        assertTrue(step >= 0.001 && step <= 0.05, "step " + step);
        assertEquals(1.0, step * Xml.number(physics, "real_time_update_rate"), EPS, "real-time update rate");
        assertEquals(1.0, Xml.number(physics, "real_time_factor"), EPS);
        assertWholeSteps(DiffDriveModel.BURGER.controlPeriod(), step, "control period");
        Element robot = Xml.parse(RosWorkspace.source("urdf/cpo_bot.urdf"));
        for (String link : List.of("base_scan", "imu_link")) {
            assertWholeSteps(1.0 / Xml.number(RobotDescriptionTest.sensor(robot, link), "update_rate"), step, link);
        }
    }

    @Test
    void worldLoadsTheSystemsTheRobotNeeds() {
        for (String[] system : List.of(
                new String[] {"gz-sim-physics-system", "gz::sim::systems::Physics"},
                new String[] {"gz-sim-user-commands-system", "gz::sim::systems::UserCommands"},
                new String[] {"gz-sim-scene-broadcaster-system", "gz::sim::systems::SceneBroadcaster"},
                new String[] {"gz-sim-sensors-system", "gz::sim::systems::Sensors"},
                new String[] {"gz-sim-imu-system", "gz::sim::systems::Imu"})) {
            Element plugin = Xml.named(world, "plugin", system[1]);
            assertEquals(system[0], plugin.getAttribute("filename"));
        }
        assertEquals("ogre2", Xml.text(Xml.named(world, "plugin", "gz::sim::systems::Sensors"), "render_engine"));
        assertEquals("directional", Xml.named(world, "light", "sun").getAttribute("type"));
        Element ground = Xml.named(world, "model", "ground_plane");
        assertEquals(1, Xml.descendants(ground, "collision").size(), "the ground must carry the robot");
    }

    private static void assertStaticVisualOnly(Element model) {
        assertEquals("true", Xml.text(model, "static"), model.getAttribute("name") + " static");
        assertTrue(Xml.descendants(model, "collision").isEmpty(), model.getAttribute("name") + " must not collide");
    }

    private static void assertWholeSteps(double period, double step, String what) {
        double steps = period / step;
        assertEquals(Math.rint(steps), steps, 1e-9, what + " of " + period + " s is not a whole number of steps");
    }

    private static void assertArrayEqualsZero(double[] pose) {
        for (double v : pose) {
            assertEquals(0.0, v, EPS, "the ring is centred on the world origin (the task origin)");
        }
    }

    private static double[] pose(Element element) {
        return Xml.numbers(Xml.text(element, "pose"));
    }

    private static double[] boxSize(Element visual) {
        return Xml.numbers(Xml.text(Xml.child(Xml.child(visual, "geometry"), "box"), "size"));
    }
}
