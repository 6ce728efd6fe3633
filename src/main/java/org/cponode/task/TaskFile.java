package org.cponode.task;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.cponode.task.TaskDefinition.CircleReward;
import org.cponode.task.TaskDefinition.Cost;
import org.cponode.task.TaskDefinition.GoalReward;
import org.cponode.task.TaskDefinition.KeepOutCost;
import org.cponode.task.TaskDefinition.Observation;
import org.cponode.task.TaskDefinition.OutsideCost;
import org.cponode.task.TaskDefinition.ProximityCost;
import org.cponode.task.TaskDefinition.Reward;
import org.cponode.task.TaskDefinition.SpeedCost;
import org.cponode.task.TaskDefinition.SpeedReward;
import org.cponode.task.TaskDefinition.Training;
import org.cponode.world.Box;
import org.cponode.world.Circle;
import org.cponode.world.Point;
import org.cponode.world.Polygon;
import org.cponode.world.RangeSensor;
import org.cponode.world.Region;
import org.cponode.world.Segment;
import org.cponode.world.World;
import org.cponode.yaml.YamlErrors;
import org.cponode.yaml.YamlFields;
import org.cponode.yaml.YamlLoader;

/**
 * Reads task files: strict, versioned YAML ({@code version: 1}) describing a differential-drive task, parsed into a
 * {@link TaskDefinition}. Unknown keys, wrong types and values out of range are refused with one line naming the
 * file, the line and the field's dotted path ({@link YamlFields}); so are combinations that mean nothing, such as a
 * goal reward in a world without a goal region. The format, its units and defaults: docs/TASKS.md; every default
 * is a constant here or of the record it fills.
 */
public final class TaskFile {

    /** The format version this parser reads. */
    public static final int VERSION = 1;

    /** Largest |coordinate| of anything in a world, m: a kilometre-sized floor is a unit mistake. */
    public static final double MAX_COORDINATE = 1000;
    /** Default footprint radius, m: nav2's {@code robot_radius} for the TurtleBot3 Burger. */
    public static final double DEFAULT_ROBOT_RADIUS = 0.105;
    /** Default arrival radius of a goal, m: within nav2's goal tolerance for a TurtleBot (0.25 m). */
    public static final double DEFAULT_GOAL_RADIUS = 0.2;
    /** Default arrival bonus: Safety Gymnasium's Goal tasks' {@code reward_goal}. */
    public static final double DEFAULT_GOAL_BONUS = 1.0;
    /** Default reward per metre of progress towards a goal: Safety Gymnasium's {@code reward_distance}. */
    public static final double DEFAULT_PROGRESS_GAIN = 1.0;
    /** Default distance below which a scan reading costs, m. */
    public static final double DEFAULT_PROXIMITY_DISTANCE = 0.2;
    /** Default pseudo-lidar range of keep-out zones, m: the LDS's range. */
    public static final double DEFAULT_KEEP_OUT_RANGE = 3.5;

    private static final double MAX_SPEED = 10;
    private static final double MAX_TURN_RATE = 20;
    private static final double MAX_ACCELERATION = 100;
    private static final double MAX_CONTROL_RATE = 1000;
    private static final double MAX_ROBOT_RADIUS = 2;
    private static final int MAX_EPISODE_STEPS = 1_000_000;
    private static final int MAX_BATCH = 100_000_000;
    private static final int MAX_BINS = 1024;
    private static final int MAX_RAYS = 10_000;
    private static final double MAX_RANGE = 100;
    private static final double MAX_NOISE_SD = 1;
    private static final double MAX_BONUS = 1e6;
    private static final double FULL_TURN = 2 * Math.PI;

    private TaskFile() {}

    /** Reads the task file {@code file}; see {@link #parse}. */
    public static TaskDefinition read(Path file) {
        String text;
        try {
            text = YamlLoader.read(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such task file: " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read task file " + file + ": " + YamlErrors.describe(e));
        }
        return parse(text, file.toString());
    }

    /**
     * Parses a task file's text.
     *
     * @param source names the text in messages (the file name)
     * @throws IllegalArgumentException with one line {@code SOURCE:LINE: FIELD: problem} for anything the format
     *     does not allow
     */
    public static TaskDefinition parse(String text, String source) {
        YamlFields root = YamlFields.root(text, source);
        Map<String, YamlFields> top = root.mapping(List.of("version", "name", "description", "robot", "episode_steps",
                "start", "reward", "costs", "observation", "world", "sensor", "training"));
        YamlFields version = root.required(top, "version");
        if (version.integer(Integer.MIN_VALUE, Integer.MAX_VALUE) != VERSION) {
            throw version.error("this cpo-node reads task files of version " + VERSION);
        }
        String name = root.required(top, "name").text("[a-z][a-z0-9]*(-[a-z0-9]+)*",
                "a task name of lower-case letters and digits in words joined by '-'");
        String description = root.required(top, "description").text("\\S.*", "one line of text");
        YamlFields robotField = root.required(top, "robot");
        Map<String, YamlFields> robotTypes = robotField.mapping(List.of("diffdrive"));
        Map<String, YamlFields> robot = robotField.required(robotTypes, "diffdrive").mapping(List.of(
                "max_linear_velocity", "max_angular_velocity", "max_linear_acceleration", "max_angular_acceleration",
                "control_rate", "radius"));
        DiffDriveModel burger = DiffDriveModel.BURGER;
        DiffDriveModel model = burger.withLimits(
                number(robot, "max_linear_velocity", burger.maxLinearVelocity(), 0, true, MAX_SPEED),
                number(robot, "max_angular_velocity", burger.maxAngularVelocity(), 0, true, MAX_TURN_RATE),
                number(robot, "max_linear_acceleration", burger.maxLinearAcceleration(), 0, true, MAX_ACCELERATION),
                number(robot, "max_angular_acceleration", burger.maxAngularAcceleration(), 0, true, MAX_ACCELERATION),
                number(robot, "control_rate", burger.controlRate(), 0, true, MAX_CONTROL_RATE));
        double radius = number(robot, "radius", DEFAULT_ROBOT_RADIUS, 0, true, MAX_ROBOT_RADIUS);
        int episodeSteps = root.required(top, "episode_steps").integer(1, MAX_EPISODE_STEPS);
        double[] start = root.required(top, "start").numbers(4, "the start box [min_x, min_y, max_x, max_y]");
        Box startBox = box(root.required(top, "start"), start);

        World world = top.containsKey("world") ? world(top.get("world")) : new World(List.of(), List.of(), List.of(),
                List.of(), Optional.empty());
        RangeSensor sensor = top.containsKey("sensor") ? sensor(top.get("sensor")) : RangeSensor.LDS;
        Reward reward = reward(root.required(top, "reward"), world, model);
        YamlFields costsField = root.required(top, "costs");
        List<Cost> costs = costs(costsField, reward, world, sensor, episodeSteps);
        Observation observation = observation(root.required(top, "observation"), reward, world);
        Training training = top.containsKey("training") ? training(top.get("training"), episodeSteps)
                : defaultTraining(episodeSteps);
        return new TaskDefinition(name, description, model, radius, episodeSteps, startBox, reward, costs, observation,
                world, sensor, training);
    }

    private static Training defaultTraining(int episodeSteps) {
        return new Training(Math.min(MAX_BATCH, Training.EPISODES_PER_BATCH * episodeSteps), Training.PAPER_GAMMA,
                Training.PAPER_GAE_LAMBDA, Training.DIFFDRIVE_COST_GAE_LAMBDA);
    }

    private static Training training(YamlFields field, int episodeSteps) {
        Map<String, YamlFields> m = field.mapping(List.of("batch_size", "gamma", "gae_lambda", "cost_gae_lambda"));
        Training defaults = defaultTraining(episodeSteps);
        int batch = m.containsKey("batch_size") ? m.get("batch_size").integer(episodeSteps, MAX_BATCH)
                : defaults.batchSize();
        return new Training(batch, number(m, "gamma", defaults.gamma(), 0, true, 1),
                number(m, "gae_lambda", defaults.gaeLambda(), 0, false, 1),
                number(m, "cost_gae_lambda", defaults.costGaeLambda(), 0, false, 1));
    }

    private static Reward reward(YamlFields field, World world, DiffDriveModel model) {
        Map<String, YamlFields> kinds = field.mapping(List.of("circle", "goal", "waypoints", "speed"));
        if (kinds.size() != 1) {
            throw field.error("must name exactly one reward (circle, goal, waypoints or speed), got " + kinds.size());
        }
        Map.Entry<String, YamlFields> only = kinds.entrySet().iterator().next();
        YamlFields spec = only.getValue();
        return switch (only.getKey()) {
            case "circle" -> {
                Map<String, YamlFields> m = spec.mapping(List.of("radius", "x_limit"));
                yield new CircleReward(new CircleGeometry(
                        number(m, "radius", CircleGeometry.ROOM.targetRadius(), 0, true, MAX_COORDINATE),
                        number(m, "x_limit", CircleGeometry.ROOM.xLimit(), 0, true, MAX_COORDINATE)));
            }
            case "goal" -> {
                Map<String, YamlFields> m = spec.mapping(List.of("radius", "bonus", "progress_gain"));
                if (world.goal().isEmpty()) {
                    throw spec.error("draws its goals in world.goal, which the file does not give");
                }
                yield goal(m, List.of());
            }
            case "waypoints" -> {
                Map<String, YamlFields> m = spec.mapping(List.of("points", "radius", "bonus", "progress_gain"));
                List<Point> points = new ArrayList<>();
                for (YamlFields p : spec.required(m, "points").list()) {
                    double[] xy = p.numbers(2, "a waypoint [x, y] in metres");
                    points.add(point(p, xy[0], xy[1]));
                }
                if (points.isEmpty()) {
                    throw m.get("points").error("must list at least one waypoint");
                }
                yield goal(m, points);
            }
            default -> {
                Map<String, YamlFields> m = spec.mapping(List.of("target"));
                yield new SpeedReward(spec.required(m, "target").number(-model.maxLinearVelocity(), false,
                        model.maxLinearVelocity()));
            }
        };
    }

    private static GoalReward goal(Map<String, YamlFields> m, List<Point> waypoints) {
        return new GoalReward(waypoints, number(m, "radius", DEFAULT_GOAL_RADIUS, 0, true, MAX_COORDINATE),
                number(m, "bonus", DEFAULT_GOAL_BONUS, 0, false, MAX_BONUS),
                number(m, "progress_gain", DEFAULT_PROGRESS_GAIN, 0, false, MAX_BONUS));
    }

    private static List<Cost> costs(YamlFields field, Reward reward, World world, RangeSensor sensor,
            int episodeSteps) {
        Map<String, YamlFields> kinds = field.mapping(List.of("outside", "keep_out", "proximity", "speed"));
        if (kinds.isEmpty()) {
            throw field.error("must name at least one constraint (outside, keep_out, proximity or speed)");
        }
        List<Cost> costs = new ArrayList<>();
        for (Map.Entry<String, YamlFields> kind : kinds.entrySet()) {
            YamlFields spec = kind.getValue();
            costs.add(switch (kind.getKey()) {
                case "outside" -> {
                    Map<String, YamlFields> m = spec.mapping(List.of("limit", "polygon"));
                    SafeArea area;
                    if (m.containsKey("polygon")) {
                        area = SafeArea.polygon(polygon(m.get("polygon")));
                    } else if (reward instanceof CircleReward circle) {
                        area = SafeArea.corridor(circle.geometry());
                    } else {
                        throw spec.error("needs a polygon: the corridor |x| <= x_limit belongs to the circle reward");
                    }
                    yield new OutsideCost(limit(spec, m, episodeSteps), area);
                }
                case "keep_out" -> {
                    Map<String, YamlFields> m = spec.mapping(List.of("limit"));
                    if (world.keepOutZones().isEmpty()) {
                        throw spec.error("counts steps in world.keep_out zones, which the file does not give");
                    }
                    yield new KeepOutCost(limit(spec, m, episodeSteps));
                }
                case "proximity" -> {
                    Map<String, YamlFields> m = spec.mapping(List.of("limit", "distance"));
                    yield new ProximityCost(limit(spec, m, episodeSteps),
                            number(m, "distance", DEFAULT_PROXIMITY_DISTANCE, 0, true, sensor.rangeMax()));
                }
                default -> {
                    Map<String, YamlFields> m = spec.mapping(List.of("limit", "max_speed", "edge_band"));
                    OptionalDouble band = OptionalDouble.empty();
                    if (m.containsKey("edge_band")) {
                        if (!(reward instanceof CircleReward circle)) {
                            throw m.get("edge_band").error("is a band inside the circle reward's corridor; this task"
                                    + " has no circle reward");
                        }
                        band = OptionalDouble.of(m.get("edge_band").number(0, true, circle.geometry().xLimit()));
                    }
                    yield new SpeedCost(limit(spec, m, episodeSteps),
                            number(m, "max_speed", DiffDriveTask.EDGE_SPEED_LIMIT, 0, false, MAX_SPEED), band);
                }
            });
        }
        return costs;
    }

    /** A constraint's limit: required, at most one cost per step over the episode. */
    private static double limit(YamlFields spec, Map<String, YamlFields> m, int episodeSteps) {
        return spec.required(m, "limit").number(0, false, episodeSteps);
    }

    private static Observation observation(YamlFields field, Reward reward, World world) {
        Map<String, YamlFields> m = field.mapping(List.of("layout", "odometry", "velocity", "goal", "range_bins",
                "keep_out_lidar"));
        String layout = field.required(m, "layout").text("[a-z0-9][a-z0-9-]*/v[0-9]+",
                "a layout name and version such as 'diffdrive-goal/v1'");
        boolean odometry = m.containsKey("odometry") && m.get("odometry").flag();
        if (odometry && !(reward instanceof CircleReward)) {
            throw m.get("odometry").error("is diffdrive-circle's observation of the circle and corridor; this task has"
                    + " no circle reward");
        }
        boolean velocity = m.containsKey("velocity") && m.get("velocity").flag();
        boolean goal = m.containsKey("goal") && m.get("goal").flag();
        if (goal && !(reward instanceof GoalReward)) {
            throw m.get("goal").error("needs a goal or waypoints reward");
        }
        int rangeBins = m.containsKey("range_bins") ? m.get("range_bins").integer(1, MAX_BINS) : 0;
        int keepOutBins = 0;
        double keepOutRange = DEFAULT_KEEP_OUT_RANGE;
        if (m.containsKey("keep_out_lidar")) {
            YamlFields lidar = m.get("keep_out_lidar");
            Map<String, YamlFields> l = lidar.mapping(List.of("bins", "range"));
            if (world.keepOutZones().isEmpty()) {
                throw lidar.error("reads world.keep_out zones, which the file does not give");
            }
            keepOutBins = lidar.required(l, "bins").integer(1, MAX_BINS);
            keepOutRange = number(l, "range", DEFAULT_KEEP_OUT_RANGE, 0, true, MAX_RANGE);
        }
        Observation observation = new Observation(layout, odometry, velocity, goal, rangeBins, keepOutBins,
                keepOutRange);
        if (observation.size() == 0) {
            throw field.error("must hold something: odometry, velocity, goal, range_bins or keep_out_lidar");
        }
        return observation;
    }

    private static World world(YamlFields field) {
        Map<String, YamlFields> m = field.mapping(List.of("room", "walls", "obstacles", "keep_out", "goal"));
        List<Segment> walls = new ArrayList<>();
        if (m.containsKey("room")) {
            YamlFields room = m.get("room");
            Box bounds = box(room, room.numbers(4, "the room [min_x, min_y, max_x, max_y]"));
            walls.addAll(Segment.room(bounds.x() - bounds.halfLength(), bounds.y() - bounds.halfWidth(),
                    bounds.x() + bounds.halfLength(), bounds.y() + bounds.halfWidth()));
        }
        if (m.containsKey("walls")) {
            for (YamlFields w : m.get("walls").list()) {
                double[] v = w.numbers(4, "a wall [x1, y1, x2, y2]");
                point(w, v[0], v[1]);
                point(w, v[2], v[3]);
                if (v[0] == v[2] && v[1] == v[3]) {
                    throw w.error("must join two different points");
                }
                walls.add(new Segment(v[0], v[1], v[2], v[3]));
            }
        }
        List<Circle> circles = new ArrayList<>();
        List<Box> boxes = new ArrayList<>();
        if (m.containsKey("obstacles")) {
            for (YamlFields o : m.get("obstacles").list()) {
                switch (region(o, false)) {
                    case Circle c -> circles.add(c);
                    case Box b -> boxes.add(b);
                    case Polygon p -> throw new IllegalStateException("obstacles are circles or boxes");
                }
            }
        }
        List<Region> keepOut = new ArrayList<>();
        if (m.containsKey("keep_out")) {
            for (YamlFields z : m.get("keep_out").list()) {
                keepOut.add(region(z, true));
            }
        }
        Optional<Box> goal = Optional.empty();
        if (m.containsKey("goal")) {
            YamlFields g = m.get("goal");
            goal = Optional.of(box(g, g.numbers(4, "the goal region [min_x, min_y, max_x, max_y]")));
        }
        return new World(walls, circles, boxes, keepOut, goal);
    }

    /** A circle {x, y, radius}, a box {x, y, half_length, half_width, yaw} or, if allowed, {polygon: [...]}. */
    private static Region region(YamlFields field, boolean polygons) {
        String shapes = polygons ? "{x, y, radius}, {x, y, half_length, half_width, yaw} or {polygon: [[x, y], ...]}"
                : "{x, y, radius} or {x, y, half_length, half_width, yaw}";
        if (!field.isMapping()) {
            throw field.error("must be a shape " + shapes);
        }
        List<String> keys = polygons ? List.of("x", "y", "radius", "half_length", "half_width", "yaw", "polygon")
                : List.of("x", "y", "radius", "half_length", "half_width", "yaw");
        Map<String, YamlFields> m = field.mapping(keys);
        if (m.containsKey("polygon")) {
            if (m.size() != 1) {
                throw field.error("a polygon takes only its points: {polygon: [[x, y], ...]}");
            }
            return polygon(m.get("polygon"));
        }
        double x = field.required(m, "x").number(-MAX_COORDINATE, false, MAX_COORDINATE);
        double y = field.required(m, "y").number(-MAX_COORDINATE, false, MAX_COORDINATE);
        if (m.containsKey("radius")) {
            if (m.containsKey("half_length") || m.containsKey("half_width") || m.containsKey("yaw")) {
                throw field.error("is a circle (radius) or a box (half_length, half_width, yaw), not both");
            }
            return new Circle(x, y, m.get("radius").number(0, true, MAX_COORDINATE));
        }
        if (!m.containsKey("half_length")) {
            throw field.error("must be a shape " + shapes);
        }
        return new Box(x, y, m.get("half_length").number(0, true, MAX_COORDINATE),
                field.required(m, "half_width").number(0, true, MAX_COORDINATE),
                number(m, "yaw", 0, -FULL_TURN, false, FULL_TURN));
    }

    private static Polygon polygon(YamlFields field) {
        List<Point> vertices = new ArrayList<>();
        List<YamlFields> points = field.list();
        if (points.size() < 3 || points.size() > SafeArea.MAX_POINTS) {
            throw field.error("must list 3 to " + SafeArea.MAX_POINTS + " points [x, y], got " + points.size());
        }
        for (YamlFields p : points) {
            double[] xy = p.numbers(2, "a point [x, y] in metres");
            vertices.add(point(p, xy[0], xy[1]));
        }
        Optional<String> problem = Polygon.simplicityProblem(vertices);
        if (problem.isPresent()) {
            throw field.error(problem.get());
        }
        return new Polygon(vertices);
    }

    /** The axis-aligned box [min_x, min_y, max_x, max_y]. */
    private static Box box(YamlFields field, double[] bounds) {
        point(field, bounds[0], bounds[1]);
        point(field, bounds[2], bounds[3]);
        if (!(bounds[0] < bounds[2]) || !(bounds[1] < bounds[3])) {
            throw field.error("must be [min_x, min_y, max_x, max_y] with min < max");
        }
        return Box.axisAligned(bounds[0], bounds[1], bounds[2], bounds[3]);
    }

    private static Point point(YamlFields field, double x, double y) {
        if (Math.abs(x) > MAX_COORDINATE || Math.abs(y) > MAX_COORDINATE) {
            throw field.error("coordinates must be within +-" + (int) MAX_COORDINATE + " m");
        }
        return new Point(x, y);
    }

    private static RangeSensor sensor(YamlFields field) {
        Map<String, YamlFields> m = field.mapping(List.of("rays", "angle_min", "angle_increment", "range_min",
                "range_max", "noise_sd"));
        RangeSensor lds = RangeSensor.LDS;
        int rays = m.containsKey("rays") ? m.get("rays").integer(1, MAX_RAYS) : lds.rays();
        double rangeMin = number(m, "range_min", lds.rangeMin(), 0, false, MAX_RANGE);
        double rangeMax = number(m, "range_max", lds.rangeMax(), rangeMin, true, MAX_RANGE);
        return new RangeSensor(rays, number(m, "angle_min", lds.angleMin(), -FULL_TURN, false, FULL_TURN),
                number(m, "angle_increment", lds.angleIncrement(), -FULL_TURN, false, FULL_TURN), rangeMin, rangeMax,
                number(m, "noise_sd", lds.noiseSd(), 0, false, MAX_NOISE_SD));
    }

    /** The number under {@code key}, or {@code otherwise} when the mapping does not have it. */
    private static double number(Map<String, YamlFields> m, String key, double otherwise, double min,
            boolean minExclusive, double max) {
        return m.containsKey(key) ? m.get(key).number(min, minExclusive, max) : otherwise;
    }
}
