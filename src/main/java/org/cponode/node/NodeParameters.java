package org.cponode.node;

import org.cponode.control.ControlSettings;
import org.cponode.control.Fallback;
import org.cponode.control.InterventionCharge;
import org.cponode.control.RangeZone;

import org.cponode.task.SafeArea;

import static org.cponode.param.FloatingPointRange.above;
import static org.cponode.param.FloatingPointRange.within;
import static org.cponode.param.ParameterDeclaration.bool;
import static org.cponode.param.ParameterDeclaration.integer;
import static org.cponode.param.ParameterDeclaration.real;
import static org.cponode.param.ParameterDeclaration.string;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.cponode.fleet.FleetConfig;
import org.cponode.learn.TrainConfig;
import org.cponode.param.IntegerRange;
import org.cponode.param.ParameterDeclaration;
import org.cponode.param.ParameterValues;
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
 * @param fleet the fleet link's parameters ({@link FleetConfig#DECLARATIONS}), which it reads at start
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
        boolean autostart,
        ParameterValues fleet) {


    /** The tasks the node runs: the differential-drive robot's, whose observation it builds. */
    public static final List<String> TASKS = List.of(Tasks.DIFFDRIVE_CIRCLE, Tasks.DIFFDRIVE_CIRCLE_2C);
    /** Prefix of the per-constraint cost limits, {@code cost_limits.<constraint>} (a map in a YAML file). */
    public static final String COST_LIMITS = "cost_limits.";

    /**
     * Every parameter: the node's own in the order of the config files, then the fleet link's
     * ({@link FleetConfig#DECLARATIONS}). Those marked live may change while the node runs;
     * every other one is read-only once the node has started.
     */
    public static final List<ParameterDeclaration> DECLARATIONS = declarations();

    private static List<ParameterDeclaration> declarations() {
        // the syntax here; the length once the namespace and remaps apply (NodeConfiguration)
        String topicRule = "a ROS topic name, relative so a namespace applies";
        Function<Object, String> topic = v -> {
            String problem = TopicNames.topicNameProblem((String) v);
            return problem == null ? null : "must be a ROS topic name (relative so a namespace applies): " + problem;
        };
        List<ParameterDeclaration> d = new ArrayList<>();
        d.add(bool("use_sim_time", false,
                "run clocks and watchdogs on /clock (rosgraph_msgs/Clock) instead of the wall clock"));
        d.add(real("control_rate", 20.0, "Hz", above(0, 1000), "control loop rate; the policy was trained at 20 Hz"));
        d.add(string("odom_topic", "odom", "", "nav_msgs/msg/Odometry input").rule(topicRule, topic));
        d.add(string("cmd_vel_topic", "cmd_vel", "", "velocity command output").rule(topicRule, topic));
        d.add(string("scan_topic", "scan", "", "sensor_msgs/msg/LaserScan input").rule(topicRule, topic));
        d.add(string("imu_topic", "imu", "", "sensor_msgs/msg/Imu input").rule(topicRule, topic));
        d.add(bool("use_scan", false, "stop when the scan is stale or invalid"));
        d.add(bool("use_imu", false, "stop when the IMU is stale or invalid"));
        d.add(string("estop_topic", "estop", "",
                "std_msgs/msg/Bool; true stops the robot until an explicit release (false)").rule(topicRule, topic));
        d.add(bool("twist_stamped", false, "publish geometry_msgs/msg/TwistStamped instead of Twist"));
        d.add(real("max_linear_velocity", 0.22, "m/s", above(0, 5),
                "forward speed limit of cmd_vel; while running at most the value the node started with").changeableWhileRunning());
        d.add(real("max_angular_velocity", 2.84, "rad/s", above(0, 20),
                "yaw rate limit of cmd_vel; while running at most the value the node started with").changeableWhileRunning());
        d.add(real("max_linear_acceleration", 2.5, "m/s^2", above(0, 50), "forward acceleration limit of cmd_vel"));
        d.add(real("max_angular_acceleration", 3.2, "rad/s^2", above(0, 100), "yaw acceleration limit of cmd_vel"));
        d.add(real("sensor_timeout", 0.5, "s", above(0, 10),
                "age of the newest odometry (scan, IMU) beyond which the robot stops"));
        d.add(real("stop_zone_distance", 0.0, "m", within(0, 10),
                "with use_scan: stop when the scan shows an obstacle this near in the direction of travel (0: off)"));
        d.add(real("slow_zone_distance", 0.0, "m", within(0, 10),
                "with use_scan: slow down (slow_zone_factor) when an obstacle is this near (0: off)"));
        d.add(real("slow_zone_factor", 0.5, "", above(0, 1), "fraction of the command kept in the slow-down zone"));
        d.add(real("zone_half_angle", 0.5, "rad", above(0, Math.PI),
                "half the width of the zones' sector around the direction of travel"));
        d.add(real("startup_grace", 1.0, "s", within(0, 60),
                "zero velocity for this long after the node starts driving, so a latched e-stop arrives first"));
        d.add(real("task_origin_x", 0.0, "m", within(-1e4, 1e4), "task origin (circle centre) in the odometry frame"));
        d.add(real("task_origin_y", 0.0, "m", within(-1e4, 1e4), "task origin (circle centre) in the odometry frame"));
        d.add(real("target_radius", 1.5, "m", above(0, 100), "radius of the circle to run"));
        d.add(real("corridor_half_width", 0.5, "m", above(0, 100),
                "safe corridor -this <= x <= this around the origin (costs 1 per step outside)"));
        d.add(string("safe_polygon", "", "m",
                "empty: the corridor is the safe area; else \"[[x, y], ...]\" (task frame) replaces it for the cost"));
        d.add(string("task", Tasks.DIFFDRIVE_CIRCLE, "",
                "the task the policy is made for and whose constraints the node accounts: " + String.join(" or ", TASKS))
                .rule("one of " + String.join(", ", TASKS),
                        v -> TASKS.contains(v) ? null : "must be one of " + String.join(", ", TASKS)));
        // One limit per constraint any of the tasks has, with that task's default (the tasks agree on shared ones).
        Map<String, Double> limits = new LinkedHashMap<>();
        for (String t : TASKS) {
            Tasks.spec(t).constraints().forEach(c -> limits.putIfAbsent(c.name(), c.limit()));
        }
        limits.forEach((name, limit) -> d.add(real(COST_LIMITS + name, limit, "", within(0, 1e9),
                "cost steps of constraint '" + name + "' allowed per episode window (CPO's limit and the supervisor's"
                        + " budget); tasks: " + String.join(", ", TASKS.stream()
                                .filter(t -> Tasks.spec(t).constraintNames().contains(name)).toList()))
                .changeableWhileRunning()));
        d.add(real("episode_window", 20.0, "s", above(0, 3600),
                "length of one episode window for cost accounting and learning"));
        d.add(bool("learning", false, "learn online with CPO (explores with the stochastic policy); while running,"
                + " false pauses and true resumes a node that started learning").changeableWhileRunning());
        d.add(string("policy", "", "", "checkpoint to start from (train --task diffdrive-circle or an online"
                + " checkpoint; a train run or transfer trial directory works too); empty: fresh"));
        d.add(string("checkpoint_dir", "~/.cpo_node/checkpoints", "", "directory of online-learning checkpoints")
                .rule("not empty", v -> ((String) v).isBlank() ? "must not be empty" : null));
        d.add(string("fallback", "stop", "",
                "after the window's cost budget is spent: \"stop\", \"last_safe\", or \"return\" (drive back into the"
                        + " safe area, starting when the way back would spend the rest of the budget, even before the robot leaves,"
                        + " then stop)")
                .rule("stop, last_safe or return", v -> {
                    try {
                        Fallback.parse((String) v);
                        return null;
                    } catch (IllegalArgumentException e) {
                        return e.getMessage();
                    }
                }));
        d.add(integer("return_margin_steps", SafeAreaReturn.DEFAULT_MARGIN_STEPS, "", new IntegerRange(0, 1000),
                "fallback \"return\": reaction steps (braking, delay), added to the estimated way back and looked ahead"
                        + " to predict where a robot heading out will be"));
        d.add(real("return_inset", 0.2, "m", within(0, 10),
                "fallback \"return\": how far inside the safe area the robot stops (odometry noise must not leave it"
                        + " on the boundary)"));
        d.add(bool("intervention_bound", true,
                "online learning: when the supervisor takes over, charge the policy's path one cost per step left in"
                        + " the window (an upper bound of what the policy would have cost alone); false charges only"
                        + " the steps it drove"));
        d.add(integer("batch_windows", 8, "", new IntegerRange(1, 10_000), "episode windows per CPO update"));
        d.add(real("exploration_std", 1.0, "", within(0, 1),
                "online learning from a train checkpoint: raise the policy's standard deviation of each action"
                        + " component to at least this fraction of the speed limits, so that updates see informative"
                        + " costs; 0 keeps the policy's own (a checkpoint made on a robot continues as it was); set"
                        + " while learning, it raises the acting policy's as a new version").changeableWhileRunning());
        d.add(real("diagnostics_rate", 1.0, "Hz", above(0, 100), "rate of /diagnostics").changeableWhileRunning());
        d.add(integer("seed", 1, "", null, "seed of a fresh policy and of exploration"));
        d.add(bool("autostart", true, "configure and activate at start; false: start unconfigured and wait for"
                + " ~/change_state (a lifecycle manager or an operator)"));
        d.addAll(FleetConfig.DECLARATIONS);
        return List.copyOf(d);
    }

    /** The declaration named {@code name}, or null. */
    public static ParameterDeclaration declaration(String name) {
        return ParameterValues.find(DECLARATIONS, name);
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
    public static NodeParameters from(Map<String, ?> raw) {
        Map<String, Object> own = new LinkedHashMap<>();
        Map<String, Object> fleet = new LinkedHashMap<>();
        raw.forEach((name, value) -> (name.startsWith(FleetConfig.PREFIX) ? fleet : own).put(name, value));
        for (String name : own.keySet()) {
            if (declaration(name) == null) {
                throw new IllegalArgumentException("unknown parameter '" + name + "'; the node declares: "
                        + String.join(", ", DECLARATIONS.stream().map(ParameterDeclaration::name).toList()));
            }
        }
        Map<String, Object> v = ParameterValues.of(OWN, own).asMap();
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
                (String) v.get("safe_polygon"), (String) v.get("task"), constraints(own, v),
                (Double) v.get("episode_window"),
                (Boolean) v.get("learning"), (String) v.get("policy"), (String) v.get("checkpoint_dir"),
                Fallback.parse((String) v.get("fallback")), Math.toIntExact((Long) v.get("return_margin_steps")),
                (Double) v.get("return_inset"), (Boolean) v.get("intervention_bound"),
                Math.toIntExact((Long) v.get("batch_windows")), (Double) v.get("exploration_std"),
                (Double) v.get("diagnostics_rate"), (Long) v.get("seed"), (Boolean) v.get("autostart"),
                ParameterValues.of(FleetConfig.DECLARATIONS, fleet));
    }

    /** The node's own declarations, without the fleet link's. */
    private static final List<ParameterDeclaration> OWN =
            DECLARATIONS.stream().filter(d -> !FleetConfig.DECLARATIONS.contains(d)).toList();

    /**
     * The task's constraints with their limits from {@code values}.
     *
     * @throws IllegalArgumentException if {@code raw} sets the limit of a constraint the task does not have
     */
    private static List<TaskSpec.Constraint> constraints(Map<String, ?> raw, Map<String, Object> values) {
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

    /**
     * Every parameter the node declares as name -> value (Java form), in declaration order: what the node logs at
     * start and its parameter services serve (the cost limits of the task's constraints only).
     */
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
        m.putAll(fleet.asMap());
        return m;
    }
}
