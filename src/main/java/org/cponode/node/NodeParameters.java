package org.cponode.node;

import org.cponode.control.ControlSettings;
import org.cponode.control.Fallback;
import org.cponode.control.InterventionCharge;
import org.cponode.control.RangeZone;

import org.cponode.task.SafeArea;

import static org.cponode.node.ParameterDeclaration.positiveAtMost;
import static org.cponode.node.ParameterDeclaration.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.cponode.learn.TrainConfig;
import org.cponode.sim.TaskSpec;
import org.cponode.sim.Tasks;
import org.cponode.ros.TopicNames;
import org.cponode.task.CircleGeometry;
import org.cponode.control.SafeAreaReturn;

/**
 * Every parameter of the node, validated. {@link #DECLARATIONS} is the single list of names, types, defaults
 * and units that {@code config/*.yaml}, the README and the tests follow; {@link #from} turns the values that
 * {@code --params-file} and {@code -p} gave into this record, rejecting unknown names, wrong types and
 * out-of-range values with a message naming the parameter (nav2's "bad config never activates").
 *
 * @param useSimTime run clocks and watchdogs on {@code /clock}
 * @param controlRate control loop rate, Hz
 * @param odomTopic nav_msgs/Odometry input
 * @param cmdVelTopic Twist or TwistStamped output
 * @param scanTopic sensor_msgs/LaserScan input (watched when {@code useScan})
 * @param imuTopic sensor_msgs/Imu input (watched when {@code useImu})
 * @param useScan watch the scan's age and validity
 * @param useImu watch the IMU's age and validity
 * @param estopTopic std_msgs/Bool e-stop input (true stops until an explicit release)
 * @param twistStamped publish TwistStamped instead of Twist
 * @param maxLinearVelocity m/s
 * @param maxAngularVelocity rad/s
 * @param maxLinearAcceleration m/s^2
 * @param maxAngularAcceleration rad/s^2
 * @param sensorTimeout s without a sensor message before a stop
 * @param startupGrace s of zero velocity after the node starts driving, while a latched e-stop arrives
 * @param stopZoneDistance m, with use_scan: an obstacle this near in the direction of travel stops the robot
 * @param slowZoneDistance m, with use_scan: an obstacle this near slows it by {@code slowZoneFactor}
 * @param slowZoneFactor fraction of the command kept in the slow-down zone
 * @param zoneHalfAngle rad, half the width of the zones' sector
 * @param taskOriginX m, task origin in the odometry frame
 * @param taskOriginY m
 * @param targetRadius m
 * @param corridorHalfWidth m
 * @param safePolygon empty for the corridor, else nav2-style points string (see {@link SafeArea})
 * @param task the embedded task whose policies the node runs and whose constraints it accounts ({@link #TASKS})
 * @param constraints the task's constraints in its order, each with the cost steps allowed per episode window
 *     ({@code cost_limits.<name>})
 * @param episodeWindow s
 * @param learning run online CPO
 * @param policy checkpoint to start from, empty for a fresh policy
 * @param checkpointDir where online learning writes checkpoints ({@code ~} expanded)
 * @param fallback what runs once a window's cost budget is spent ("return" starts before, see {@link Fallback})
 * @param returnMarginSteps fallback "return": control steps added to the estimated way back (reaction,
 *     deceleration, actuation delay)
 * @param returnInset fallback "return": how far inside the safe area the robot stops, m
 * @param interventionBound online learning: a path the supervisor cuts short is charged one cost per step left
 *     in its window (an upper bound of the policy's own cost), as {@code transfer --charge-interventions bound}
 * @param batchWindows episode windows per CPO update
 * @param explorationStd online learning from a {@code train} checkpoint: the smallest standard deviation of each
 *     action component, a fraction of the speed limits (0 keeps the policy's), as {@code transfer --exploration-std}
 * @param diagnosticsRate Hz
 * @param seed seed of a fresh policy and of exploration
 * @param autostart configure and activate at start; false starts the managed node unconfigured ({@link ManagedNode})
 */
public record NodeParameters(
        boolean useSimTime,
        double controlRate,
        String odomTopic,
        String cmdVelTopic,
        String scanTopic,
        String imuTopic,
        boolean useScan,
        boolean useImu,
        String estopTopic,
        boolean twistStamped,
        double maxLinearVelocity,
        double maxAngularVelocity,
        double maxLinearAcceleration,
        double maxAngularAcceleration,
        double sensorTimeout,
        double stopZoneDistance,
        double slowZoneDistance,
        double slowZoneFactor,
        double zoneHalfAngle,
        double startupGrace,
        double taskOriginX,
        double taskOriginY,
        double targetRadius,
        double corridorHalfWidth,
        String safePolygon,
        String task,
        List<TaskSpec.Constraint> constraints,
        double episodeWindow,
        boolean learning,
        String policy,
        String checkpointDir,
        Fallback fallback,
        int returnMarginSteps,
        double returnInset,
        boolean interventionBound,
        int batchWindows,
        double explorationStd,
        double diagnosticsRate,
        long seed,
        boolean autostart) {


    /** The tasks the node runs: the differential-drive robot's, whose observation it builds. */
    public static final List<String> TASKS = List.of(Tasks.DIFFDRIVE_CIRCLE, Tasks.DIFFDRIVE_CIRCLE_2C);
    /** Prefix of the per-constraint cost limits, {@code cost_limits.<constraint>} (a map in a YAML file). */
    public static final String COST_LIMITS = "cost_limits.";

    /** Every parameter, in the order of the config files. */
    public static final List<ParameterDeclaration> DECLARATIONS = declarations();

    private static List<ParameterDeclaration> declarations() {
        Function<Object, String> any = v -> null;
        // the syntax here; the length once the namespace and remaps apply (NodeConfiguration)
        Function<Object, String> topic = v -> {
            String problem = TopicNames.topicNameProblem((String) v);
            return problem == null ? null : "must be a ROS topic name (relative so a namespace applies): " + problem;
        };
        List<ParameterDeclaration> d = new ArrayList<>();
        d.add(new ParameterDeclaration("use_sim_time", ParameterType.BOOL, false, "",
                "run clocks and watchdogs on /clock (rosgraph_msgs/Clock) instead of the wall clock", any));
        d.add(new ParameterDeclaration("control_rate", ParameterType.DOUBLE, 20.0, "Hz",
                "control loop rate; the policy was trained at 20 Hz", positiveAtMost(1000.0)));
        d.add(new ParameterDeclaration("odom_topic", ParameterType.STRING, "odom", "",
                "nav_msgs/msg/Odometry input", topic));
        d.add(new ParameterDeclaration("cmd_vel_topic", ParameterType.STRING, "cmd_vel", "",
                "velocity command output", topic));
        d.add(new ParameterDeclaration("scan_topic", ParameterType.STRING, "scan", "",
                "sensor_msgs/msg/LaserScan input", topic));
        d.add(new ParameterDeclaration("imu_topic", ParameterType.STRING, "imu", "",
                "sensor_msgs/msg/Imu input", topic));
        d.add(new ParameterDeclaration("use_scan", ParameterType.BOOL, false, "",
                "stop when the scan is stale or invalid", any));
        d.add(new ParameterDeclaration("use_imu", ParameterType.BOOL, false, "",
                "stop when the IMU is stale or invalid", any));
        d.add(new ParameterDeclaration("estop_topic", ParameterType.STRING, "estop", "",
                "std_msgs/msg/Bool; true stops the robot until an explicit release (false)", topic));
        d.add(new ParameterDeclaration("twist_stamped", ParameterType.BOOL, false, "",
                "publish geometry_msgs/msg/TwistStamped instead of Twist", any));
        d.add(new ParameterDeclaration("max_linear_velocity", ParameterType.DOUBLE, 0.22, "m/s",
                "forward speed limit of cmd_vel", positiveAtMost(5.0)));
        d.add(new ParameterDeclaration("max_angular_velocity", ParameterType.DOUBLE, 2.84, "rad/s",
                "yaw rate limit of cmd_vel", positiveAtMost(20.0)));
        d.add(new ParameterDeclaration("max_linear_acceleration", ParameterType.DOUBLE, 2.5, "m/s^2",
                "forward acceleration limit of cmd_vel", positiveAtMost(50.0)));
        d.add(new ParameterDeclaration("max_angular_acceleration", ParameterType.DOUBLE, 3.2, "rad/s^2",
                "yaw acceleration limit of cmd_vel", positiveAtMost(100.0)));
        d.add(new ParameterDeclaration("sensor_timeout", ParameterType.DOUBLE, 0.5, "s",
                "age of the newest odometry (scan, IMU) beyond which the robot stops", positiveAtMost(10.0)));
        d.add(new ParameterDeclaration("stop_zone_distance", ParameterType.DOUBLE, 0.0, "m",
                "with use_scan: stop when the scan shows an obstacle this near in the direction of travel (0: off)",
                within(0.0, 10.0)));
        d.add(new ParameterDeclaration("slow_zone_distance", ParameterType.DOUBLE, 0.0, "m",
                "with use_scan: slow down (slow_zone_factor) when an obstacle is this near (0: off)",
                within(0.0, 10.0)));
        d.add(new ParameterDeclaration("slow_zone_factor", ParameterType.DOUBLE, 0.5, "",
                "fraction of the command kept in the slow-down zone", positiveAtMost(1.0)));
        d.add(new ParameterDeclaration("zone_half_angle", ParameterType.DOUBLE, 0.5, "rad",
                "half the width of the zones' sector around the direction of travel", positiveAtMost(Math.PI)));
        d.add(new ParameterDeclaration("startup_grace", ParameterType.DOUBLE, 1.0, "s",
                "zero velocity for this long after the node starts driving, so a latched e-stop arrives first",
                within(0.0, 60.0)));
        d.add(new ParameterDeclaration("task_origin_x", ParameterType.DOUBLE, 0.0, "m",
                "task origin (circle centre) in the odometry frame", within(-1e4, 1e4)));
        d.add(new ParameterDeclaration("task_origin_y", ParameterType.DOUBLE, 0.0, "m",
                "task origin (circle centre) in the odometry frame", within(-1e4, 1e4)));
        d.add(new ParameterDeclaration("target_radius", ParameterType.DOUBLE, 1.5, "m",
                "radius of the circle to run", positiveAtMost(100.0)));
        d.add(new ParameterDeclaration("corridor_half_width", ParameterType.DOUBLE, 0.5, "m",
                "safe corridor -this <= x <= this around the origin (costs 1 per step outside)", positiveAtMost(100.0)));
        d.add(new ParameterDeclaration("safe_polygon", ParameterType.STRING, "", "m",
                "empty: the corridor is the safe area; else \"[[x, y], ...]\" (task frame) replaces it for the cost",
                v -> null));
        d.add(new ParameterDeclaration("task", ParameterType.STRING, Tasks.DIFFDRIVE_CIRCLE, "",
                "the task the policy is made for and whose constraints the node accounts: "
                        + String.join(" or ", TASKS),
                v -> TASKS.contains(v) ? null : "must be one of " + String.join(", ", TASKS)));
        // One limit per constraint any of the tasks has, with that task's default (the tasks agree on shared ones).
        Map<String, Double> limits = new LinkedHashMap<>();
        for (String t : TASKS) {
            Tasks.spec(t).constraints().forEach(c -> limits.putIfAbsent(c.name(), c.limit()));
        }
        limits.forEach((name, limit) -> d.add(new ParameterDeclaration(COST_LIMITS + name, ParameterType.DOUBLE,
                limit, "", "cost steps of constraint '" + name + "' allowed per episode window (CPO's limit and the"
                        + " supervisor's budget)", within(0.0, 1e9))));
        d.add(new ParameterDeclaration("episode_window", ParameterType.DOUBLE, 20.0, "s",
                "length of one episode window for cost accounting and learning", positiveAtMost(3600.0)));
        d.add(new ParameterDeclaration("learning", ParameterType.BOOL, false, "",
                "learn online with CPO (explores with the stochastic policy)", any));
        d.add(new ParameterDeclaration("policy", ParameterType.STRING, "", "",
                "checkpoint to start from (train --task diffdrive-circle or an online checkpoint; a train run or"
                        + " transfer trial directory works too); empty: fresh", any));
        d.add(new ParameterDeclaration("checkpoint_dir", ParameterType.STRING, "~/.cpo_node/checkpoints", "",
                "directory of online-learning checkpoints", v -> ((String) v).isBlank() ? "must not be empty" : null));
        d.add(new ParameterDeclaration("fallback", ParameterType.STRING, "stop", "",
                "after the window's cost budget is spent: \"stop\", \"last_safe\", or \"return\" (drive back into the"
                        + " safe area, starting when the way back would spend the rest of the budget, even before the robot leaves,"
                        + " then stop)",
                v -> {
                    parseFallback((String) v);
                    return null;
                }));
        d.add(new ParameterDeclaration("return_margin_steps", ParameterType.INTEGER,
                (long) SafeAreaReturn.DEFAULT_MARGIN_STEPS, "",
                "fallback \"return\": reaction steps (braking, delay), added to the estimated way back and looked ahead"
                        + " to predict where a robot heading out will be",
                v -> (Long) v >= 0 && (Long) v <= 1000 ? null : "must lie in [0, 1000]"));
        d.add(new ParameterDeclaration("return_inset", ParameterType.DOUBLE, 0.2, "m",
                "fallback \"return\": how far inside the safe area the robot stops (odometry noise must not leave it"
                        + " on the boundary)", v -> (Double) v >= 0 && (Double) v <= 10 ? null : "must lie in [0, 10]"));
        d.add(new ParameterDeclaration("intervention_bound", ParameterType.BOOL, true, "",
                "online learning: when the supervisor takes over, charge the policy's path one cost per step left in"
                        + " the window (an upper bound of what the policy would have cost alone); false charges only"
                        + " the steps it drove", any));
        d.add(new ParameterDeclaration("batch_windows", ParameterType.INTEGER, 8L, "",
                "episode windows per CPO update", v -> (Long) v >= 1 && (Long) v <= 10_000 ? null
                        : "must lie in [1, 10000]"));
        d.add(new ParameterDeclaration("exploration_std", ParameterType.DOUBLE, 1.0, "",
                "online learning from a train checkpoint: raise the policy's standard deviation of each action"
                        + " component to at least this fraction of the speed limits, so that updates see informative"
                        + " costs; 0 keeps the policy's own (a checkpoint made on a robot continues as it was)",
                v -> (Double) v >= 0 && (Double) v <= 1 ? null : "must lie in [0, 1]"));
        d.add(new ParameterDeclaration("diagnostics_rate", ParameterType.DOUBLE, 1.0, "Hz",
                "rate of /diagnostics", positiveAtMost(100.0)));
        d.add(new ParameterDeclaration("seed", ParameterType.INTEGER, 1L, "",
                "seed of a fresh policy and of exploration", any));
        d.add(new ParameterDeclaration("autostart", ParameterType.BOOL, true, "",
                "configure and activate at start; false: start unconfigured and wait for ~/change_state (a lifecycle"
                        + " manager or an operator)", any));
        return Collections.unmodifiableList(d);
    }

    /** The declaration named {@code name}, or null. */
    public static ParameterDeclaration declaration(String name) {
        for (ParameterDeclaration d : DECLARATIONS) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    /** All defaults. */
    public static NodeParameters defaults() {
        return from(Map.of());
    }

    /**
     * Validated parameters from raw values (YAML-loaded), defaults for the rest.
     *
     * @throws IllegalArgumentException for an unknown name (listing the known ones), a wrong type, an out-of-range
     *     value or an inconsistent combination, naming the parameter
     */
    public static NodeParameters from(Map<String, Object> raw) {
        Map<String, Object> v = new LinkedHashMap<>();
        for (ParameterDeclaration d : DECLARATIONS) {
            v.put(d.name(), d.defaultValue());
        }
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            ParameterDeclaration d = declaration(e.getKey());
            if (d == null) {
                throw new IllegalArgumentException("unknown parameter '" + e.getKey() + "'; the node declares: "
                        + String.join(", ", DECLARATIONS.stream().map(ParameterDeclaration::name).toList()));
            }
            v.put(d.name(), d.accept(e.getValue()));
        }
        return new NodeParameters((Boolean) v.get("use_sim_time"), (Double) v.get("control_rate"),
                (String) v.get("odom_topic"), (String) v.get("cmd_vel_topic"), (String) v.get("scan_topic"),
                (String) v.get("imu_topic"), (Boolean) v.get("use_scan"), (Boolean) v.get("use_imu"),
                (String) v.get("estop_topic"), (Boolean) v.get("twist_stamped"),
                (Double) v.get("max_linear_velocity"), (Double) v.get("max_angular_velocity"),
                (Double) v.get("max_linear_acceleration"), (Double) v.get("max_angular_acceleration"),
                (Double) v.get("sensor_timeout"), (Double) v.get("stop_zone_distance"),
                (Double) v.get("slow_zone_distance"), (Double) v.get("slow_zone_factor"),
                (Double) v.get("zone_half_angle"), (Double) v.get("startup_grace"), (Double) v.get("task_origin_x"), (Double) v.get("task_origin_y"),
                (Double) v.get("target_radius"), (Double) v.get("corridor_half_width"),
                (String) v.get("safe_polygon"), (String) v.get("task"), constraints(raw, v),
                (Double) v.get("episode_window"),
                (Boolean) v.get("learning"), (String) v.get("policy"), (String) v.get("checkpoint_dir"),
                parseFallback((String) v.get("fallback")), Math.toIntExact((Long) v.get("return_margin_steps")),
                (Double) v.get("return_inset"), (Boolean) v.get("intervention_bound"),
                Math.toIntExact((Long) v.get("batch_windows")), (Double) v.get("exploration_std"),
                (Double) v.get("diagnostics_rate"), (Long) v.get("seed"), (Boolean) v.get("autostart"));
    }

    /**
     * The task's constraints with their limits from {@code values}.
     *
     * @throws IllegalArgumentException if {@code raw} sets the limit of a constraint the task does not have
     */
    private static List<TaskSpec.Constraint> constraints(Map<String, Object> raw, Map<String, Object> values) {
        String task = (String) values.get("task");
        List<String> names = Tasks.spec(task).constraintNames();
        for (String key : raw.keySet()) {
            if (key.startsWith(COST_LIMITS) && !names.contains(key.substring(COST_LIMITS.length()))) {
                throw new IllegalArgumentException("parameter '" + key + "' limits a constraint task " + task
                        + " does not have; its constraints: " + String.join(", ", names));
            }
        }
        return names.stream().map(n -> new TaskSpec.Constraint(n, (Double) values.get(COST_LIMITS + n))).toList();
    }

    /** Checks the combinations no single range can express. */
    public NodeParameters {
        constraints = List.copyOf(constraints);
        if (!TASKS.contains(task) || !constraints.stream().map(TaskSpec.Constraint::name).toList()
                .equals(Tasks.spec(task).constraintNames())) {
            throw new IllegalArgumentException("need one of the tasks " + TASKS + " and a limit for each of its"
                    + " constraints, got " + task + " with " + constraints);
        }
        if (fallback == Fallback.RETURN && safePolygon.isBlank() && returnInset >= corridorHalfWidth) {
            throw new IllegalArgumentException("parameter 'return_inset' (" + returnInset + " m) must be below"
                    + " corridor_half_width (" + corridorHalfWidth + " m): a robot could never park that deep");
        }
        double period = 1.0 / controlRate;
        if (sensorTimeout <= period) {
            throw new IllegalArgumentException("parameter 'sensor_timeout' (" + sensorTimeout
                    + " s) must exceed one control period (" + period + " s at control_rate " + controlRate + ")");
        }
        if (episodeWindow * controlRate < 2) {
            throw new IllegalArgumentException("parameter 'episode_window' (" + episodeWindow
                    + " s) must span at least 2 control periods at control_rate " + controlRate);
        }
        if (learning && (long) windowSteps(episodeWindow, controlRate) * batchWindows > TrainConfig.MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("parameters 'batch_windows' (" + batchWindows + ") x 'episode_window' ("
                    + episodeWindow + " s) x 'control_rate' (" + controlRate + " Hz) make a CPO batch above "
                    + TrainConfig.MAX_BATCH_SIZE + " steps");
        }
        if ((stopZoneDistance > 0 || slowZoneDistance > 0) && !useScan) {
            throw new IllegalArgumentException("parameters 'stop_zone_distance' and 'slow_zone_distance' need"
                    + " use_scan: true (the zones are read from the scan)");
        }
        if (slowZoneDistance > 0 && slowZoneDistance <= stopZoneDistance) {
            throw new IllegalArgumentException("parameter 'slow_zone_distance' (" + slowZoneDistance
                    + " m) must exceed stop_zone_distance (" + stopZoneDistance + " m), or be 0");
        }
        if (diagnosticsRate > controlRate) {
            throw new IllegalArgumentException("parameter 'diagnostics_rate' (" + diagnosticsRate
                    + " Hz) must not exceed control_rate (" + controlRate + " Hz)");
        }
        safeArea(new CircleGeometry(targetRadius, corridorHalfWidth), safePolygon);
    }

    private static SafeArea safeArea(CircleGeometry geometry, String polygon) {
        return SafeArea.parse(geometry, polygon);
    }

    private static Fallback parseFallback(String id) {
        try {
            return Fallback.parse(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter 'fallback' " + e.getMessage(), e);
        }
    }

    /** What the control core runs with. */
    public ControlSettings controlSettings() {
        return new ControlSettings(controlRate, windowSteps(), constraints, fallback,
                interventionBound ? InterventionCharge.BOUND : InterventionCharge.MEASURED, maxLinearVelocity,
                maxAngularVelocity, maxLinearAcceleration, maxAngularAcceleration, sensorTimeout, startupGrace, useScan,
                useImu, taskOriginX, taskOriginY, geometry(), safeArea(), returnMarginSteps, returnInset, seed, zone());
    }

    /** Every constraint's limit per episode window, in the task's order. */
    public double[] costLimits() {
        return constraints.stream().mapToDouble(TaskSpec.Constraint::limit).toArray();
    }

    /** The range sensor's zones. */
    public RangeZone zone() {
        return new RangeZone(stopZoneDistance, slowZoneDistance, slowZoneFactor, zoneHalfAngle);
    }

    /** Control period, s. */
    public double controlPeriod() {
        return 1.0 / controlRate;
    }

    /** Control steps per episode window. */
    public int windowSteps() {
        return windowSteps(episodeWindow, controlRate);
    }

    private static int windowSteps(double episodeWindow, double controlRate) {
        return (int) Math.round(episodeWindow * controlRate);
    }

    /** The task's circle and corridor. */
    public CircleGeometry geometry() {
        return new CircleGeometry(targetRadius, corridorHalfWidth);
    }

    /** The cost area. */
    public SafeArea safeArea() {
        return safeArea(geometry(), safePolygon);
    }

    /** {@link #checkpointDir} with a leading {@code ~} expanded to the user's home. */
    public Path checkpointPath() {
        return expandHome(checkpointDir);
    }

    /** {@link #policy} as a path ({@code ~} expanded), or null when empty. */
    public Path policyPath() {
        return policy.isBlank() ? null : expandHome(policy);
    }

    private static Path expandHome(String p) {
        if (p.equals("~") || p.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + p.substring(1));
        }
        return Path.of(p);
    }

    /**
     * The topic parameters (every {@code *_topic}), name -> topic as given (before namespace and remaps), in
     * declaration order.
     */
    public Map<String, String> topics() {
        Map<String, String> m = new LinkedHashMap<>();
        asMap().forEach((name, value) -> {
            if (name.endsWith("_topic")) {
                m.put(name, (String) value);
            }
        });
        return m;
    }

    /** Every parameter as name -> value (Java form), in declaration order: what the node logs at start. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("use_sim_time", useSimTime);
        m.put("control_rate", controlRate);
        m.put("odom_topic", odomTopic);
        m.put("cmd_vel_topic", cmdVelTopic);
        m.put("scan_topic", scanTopic);
        m.put("imu_topic", imuTopic);
        m.put("use_scan", useScan);
        m.put("use_imu", useImu);
        m.put("estop_topic", estopTopic);
        m.put("twist_stamped", twistStamped);
        m.put("max_linear_velocity", maxLinearVelocity);
        m.put("max_angular_velocity", maxAngularVelocity);
        m.put("max_linear_acceleration", maxLinearAcceleration);
        m.put("max_angular_acceleration", maxAngularAcceleration);
        m.put("sensor_timeout", sensorTimeout);
        m.put("stop_zone_distance", stopZoneDistance);
        m.put("slow_zone_distance", slowZoneDistance);
        m.put("slow_zone_factor", slowZoneFactor);
        m.put("zone_half_angle", zoneHalfAngle);
        m.put("startup_grace", startupGrace);
        m.put("task_origin_x", taskOriginX);
        m.put("task_origin_y", taskOriginY);
        m.put("target_radius", targetRadius);
        m.put("corridor_half_width", corridorHalfWidth);
        m.put("safe_polygon", safePolygon);
        m.put("task", task);
        constraints.forEach(c -> m.put(COST_LIMITS + c.name(), c.limit()));
        m.put("episode_window", episodeWindow);
        m.put("learning", learning);
        m.put("policy", policy);
        m.put("checkpoint_dir", checkpointDir);
        m.put("fallback", fallback.id());
        m.put("return_margin_steps", (long) returnMarginSteps);
        m.put("return_inset", returnInset);
        m.put("intervention_bound", interventionBound);
        m.put("batch_windows", (long) batchWindows);
        m.put("exploration_std", explorationStd);
        m.put("diagnostics_rate", diagnosticsRate);
        m.put("seed", seed);
        m.put("autostart", autostart);
        return m;
    }
}
