package org.cponode.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cponode.task.TaskDefinition.GoalReward;
import org.cponode.task.TaskDefinition.KeepOutCost;
import org.cponode.task.TaskDefinition.ProximityCost;
import org.cponode.world.Polygon;
import org.cponode.world.RangeSensor;
import org.junit.jupiter.api.Test;

/** Task files are read strictly: every refusal is one line with the file, the line and the field's path. */
class TaskFileTest {

    /** A small valid file; each test changes one line of it. */
    private static final String VALID = """
            version: 1
            name: room-goal
            description: reach goals in a room
            robot:
              diffdrive:
                control_rate: 20
            episode_steps: 500
            start: [-1, -1, 1, 1]
            reward:
              goal: {radius: 0.25}
            costs:
              keep_out: {limit: 10}
              proximity: {limit: 5}
            observation:
              layout: room-goal/v1
              goal: true
              range_bins: 8
            world:
              room: [-2, -2, 2, 2]
              keep_out:
                - {x: 0, y: 1.5, radius: 0.3}
              goal: [-1.5, -1.5, 1.5, 1.5]
            """;

    private static String refusal(String from, String to) {
        assertTrue(VALID.contains(from), from);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TaskFile.parse(VALID.replace(from, to), "t.yaml"));
        return e.getMessage();
    }

    @Test
    void theValidFileReadsWithItsDefaults() {
        TaskDefinition task = TaskFile.parse(VALID, "t.yaml");
        assertEquals("room-goal", task.name());
        assertEquals(List.of("keep_out", "proximity"), task.constraintNames());
        assertEquals(new GoalReward(List.of(), 0.25, TaskFile.DEFAULT_GOAL_BONUS, TaskFile.DEFAULT_PROGRESS_GAIN),
                task.reward());
        assertEquals(new KeepOutCost(10), task.costs().get(0));
        assertEquals(new ProximityCost(5, TaskFile.DEFAULT_PROXIMITY_DISTANCE), task.costs().get(1));
        assertEquals(DiffDriveModel.BURGER, task.robot());
        assertEquals(RangeSensor.LDS, task.sensor());
        assertEquals(3 + 8, task.observation().size());
        assertEquals(4, task.world().walls().size());
        assertEquals(new TaskDefinition.Training(100 * 500, 0.995, 0.95, 0.5), task.training());
        assertTrue(task.scans());
    }

    @Test
    void refusesUnknownKeysWithTheirLineAndTheValidOnes() {
        assertEquals("t.yaml:3: unknown key 'colour'; valid keys: version, name, description, robot, episode_steps,"
                + " start, reward, costs, observation, world, sensor, training",
                refusal("description: reach goals in a room", "colour: red"));
        assertEquals("t.yaml:10: reward.goal: unknown key 'radus'; valid keys: radius, bonus, progress_gain",
                refusal("{radius: 0.25}", "{radus: 0.25}"));
        assertEquals("t.yaml:5: robot: unknown key 'point'; valid keys: diffdrive",
                refusal("  diffdrive:", "  point:"));
    }

    @Test
    void refusesWrongTypesAndValuesOutOfRange() {
        assertEquals("t.yaml:7: episode_steps: must be a whole number in 1..1000000, got 'many'",
                refusal("episode_steps: 500", "episode_steps: many"));
        assertEquals("t.yaml:6: robot.diffdrive.control_rate: must be a number in (0, 1000], got 0",
                refusal("control_rate: 20", "control_rate: 0"));
        assertEquals("t.yaml:12: costs.keep_out.limit: must be a number in [0, 500], got 501",
                refusal("keep_out: {limit: 10}", "keep_out: {limit: 501}"));
        assertEquals("t.yaml:8: start: must be [min_x, min_y, max_x, max_y] with min < max",
                refusal("start: [-1, -1, 1, 1]", "start: [1, -1, -1, 1]"));
        assertEquals("t.yaml:8: start: must be the start box [min_x, min_y, max_x, max_y], 4 numbers, got a list of 3",
                refusal("start: [-1, -1, 1, 1]", "start: [-1, -1, 1]"));
        assertEquals("t.yaml:8: start[1]: must be a finite number, got 'a'",
                refusal("start: [-1, -1, 1, 1]", "start: [-1, a, 1, 1]"));
        assertEquals("t.yaml:8: start: coordinates must be within +-1000 m",
                refusal("start: [-1, -1, 1, 1]", "start: [-1, -1, 1, 1e6]"));
        assertEquals("t.yaml:1: version: this cpo-node reads task files of version 1",
                refusal("version: 1", "version: 2"));
        assertEquals("t.yaml:2: name: must be a task name of lower-case letters and digits in words joined by '-',"
                + " got 'Room Goal'", refusal("name: room-goal", "name: Room Goal"));
    }

    @Test
    void refusesMissingAndRepeatedKeys() {
        assertEquals("t.yaml:12: costs.keep_out: needs the key 'limit'",
                refusal("keep_out: {limit: 10}", "keep_out: {}"));
        assertEquals("t.yaml:8: key 'episode_steps' is given twice",
                refusal("start: [-1, -1, 1, 1]", "episode_steps: 600"));
    }

    @Test
    void refusesCombinationsThatMeanNothing() {
        assertEquals("t.yaml:10: reward.goal: draws its goals in world.goal, which the file does not give",
                refusal("  goal: [-1.5, -1.5, 1.5, 1.5]\n", ""));
        assertEquals("t.yaml:12: costs.keep_out: counts steps in world.keep_out zones, which the file does not give",
                refusal("  keep_out:\n    - {x: 0, y: 1.5, radius: 0.3}\n", ""));
        assertEquals("t.yaml:12: costs.outside: needs a polygon: the corridor |x| <= x_limit belongs to the circle"
                + " reward", refusal("keep_out: {limit: 10}", "outside: {limit: 10}"));
        assertEquals("t.yaml:16: observation.odometry: is diffdrive-circle's observation of the circle and corridor;"
                + " this task has no circle reward", refusal("  layout: room-goal/v1", "  layout: room-goal/v1\n"
                        + "  odometry: true"));
        assertEquals("t.yaml:21: world.keep_out[0].polygon: is not a simple polygon: edge 1 (point 1 to 2) crosses"
                + " edge 3 (point 3 to 4)", refusal("{x: 0, y: 1.5, radius: 0.3}",
                        "{polygon: [[0, 0], [1, 1], [1, 0], [0, 1]]}"));
    }

    @Test
    void refusesHostileYamlCleanly() {
        assertEquals("t.yaml: not valid YAML: nested deeper than 50 levels (line 1, column 51)",
                assertThrows(IllegalArgumentException.class,
                        () -> TaskFile.parse("[".repeat(10_000) + "]".repeat(10_000), "t.yaml")).getMessage());
        assertEquals("t.yaml:1: must be a mapping of version, name, description, robot, episode_steps, start, reward,"
                + " costs, observation, world, sensor, training, got a list of 0",
                assertThrows(IllegalArgumentException.class, () -> TaskFile.parse("[]", "t.yaml")).getMessage());
        assertEquals("t.yaml: the file is empty",
                assertThrows(IllegalArgumentException.class, () -> TaskFile.parse("", "t.yaml")).getMessage());
    }

    @Test
    void readsKeepOutPolygonsAndBoxes() {
        TaskDefinition task = TaskFile.parse(VALID.replace("{x: 0, y: 1.5, radius: 0.3}",
                "{polygon: [[0, 1], [1, 1], [0.5, 1.8]]}\n    - {x: 1, y: 0, half_length: 0.2, half_width: 0.1}"),
                "t.yaml");
        assertTrue(task.world().keepOutZones().get(0) instanceof Polygon);
        assertTrue(task.world().inKeepOutZone(1.1, 0.05));
    }
}
