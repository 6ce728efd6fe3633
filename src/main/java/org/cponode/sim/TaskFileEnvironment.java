package org.cponode.sim;

import java.util.List;
import java.util.SplittableRandom;
import org.cponode.task.DiffDriveModel;
import org.cponode.task.DiffDriveObservation;
import org.cponode.task.DiffDriveTask;
import org.cponode.task.PseudoLidar;
import org.cponode.task.TaskDefinition;
import org.cponode.task.TaskDefinition.CircleReward;
import org.cponode.task.TaskDefinition.Cost;
import org.cponode.task.TaskDefinition.GoalReward;
import org.cponode.task.TaskDefinition.KeepOutCost;
import org.cponode.task.TaskDefinition.Observation;
import org.cponode.task.TaskDefinition.OutsideCost;
import org.cponode.task.TaskDefinition.ProximityCost;
import org.cponode.task.TaskDefinition.SpeedCost;
import org.cponode.task.TaskDefinition.SpeedReward;
import org.cponode.world.Box;
import org.cponode.world.Circle;
import org.cponode.world.Footprint;
import org.cponode.world.Point;
import org.cponode.world.Polygon;
import org.cponode.world.RangeBins;
import org.cponode.world.RangeSensor;
import org.cponode.world.RayCaster;
import org.cponode.world.Region;

/**
 * The environment a task file defines ({@link TaskDefinition}, docs/TASKS.md): the differential-drive robot of
 * {@link DiffDriveRobot} with nominal dynamics in the file's world, the file's reward, costs and observation.
 *
 * <p>Each step: the robot moves; if its footprint then touches a wall or obstacle, the move is undone and the
 * robot stands still ({@link DiffDriveRobot#stopAtContact}); the range sensor, when the observation or a cost
 * reads it, scans the world from the true pose ({@link RangeSensor#scan} on a {@link RayCaster}); reward and costs
 * come from the true pose, the speed held over the step and the scan; the observation from odometry, the scan and
 * the map's keep-out zones. Why stop rather than end the episode at contact: a TurtleBot-like base has no bumper,
 * so in Gazebo, as on a real floor, it pushes against the wall with stalled wheels and nothing ends; the scan (a
 * proximity cost) and the reward it stops earning are what a policy learns from, as on the robot.
 *
 * <p>Goals ({@link GoalReward}) are drawn uniformly in the world's goal region, redrawn while the footprint there
 * would touch a wall or obstacle, the point lies in a keep-out zone or within the arrival radius of the robot;
 * waypoints are taken in turn from the first. Starts are drawn uniformly in the file's start box, heading uniform
 * in [-pi, pi), redrawn while the footprint touches something or the centre lies in a keep-out zone. Episodes are
 * truncated after the file's episode length; there is no terminal state. Deterministic for a seed; {@link #step}
 * allocates nothing.
 */
public final class TaskFileEnvironment implements Environment {

    /** Draws of a start or a goal before the task is declared to have no free place for one. */
    static final int MAX_DRAWS = 10_000;

    private final TaskDefinition task;
    private final DiffDriveModel model;
    private final DiffDriveRobot robot;
    private final Footprint footprint;
    private final List<String> constraintNames;
    private final Cost[] costs;
    private final Observation layout;
    /** The scan, when the observation or a cost reads it; else null. */
    private final RayCaster caster;
    private final float[] ranges;
    private final RangeBins bins;
    /** Keep-out zones' centres {x0, y0, x1, y1, ...} for the pseudo-lidar. */
    private final double[] keepOutCentres;
    private final GoalReward goal;
    private double goalX;
    private double goalY;
    private int waypoint;
    private double goalDistance;
    private int steps;
    private boolean over = true;

    /** The task {@code task} defines, with the nominal robot. */
    public TaskFileEnvironment(TaskDefinition task) {
        this.task = task;
        this.model = task.robot();
        this.robot = new DiffDriveRobot(model);
        this.footprint = new Footprint(task.world(), task.robotRadius());
        this.constraintNames = task.constraintNames();
        this.costs = task.costs().toArray(Cost[]::new);
        this.layout = task.observation();
        this.caster = task.scans() ? new RayCaster(task.world()) : null;
        this.ranges = task.scans() ? new float[task.sensor().rays()] : null;
        this.bins = layout.rangeBins() > 0 ? new RangeBins(layout.rangeBins(), task.sensor().rangeMax()) : null;
        List<Region> zones = task.world().keepOutZones();
        this.keepOutCentres = new double[2 * zones.size()];
        for (int i = 0; i < zones.size(); i++) {
            Point centre = centre(zones.get(i));
            keepOutCentres[2 * i] = centre.x();
            keepOutCentres[2 * i + 1] = centre.y();
        }
        this.goal = task.reward() instanceof GoalReward g ? g : null;
    }

    /** A zone's centre as the pseudo-lidar reads it: a circle's or box's centre, a polygon's vertex mean. */
    private static Point centre(Region zone) {
        return switch (zone) {
            case Circle c -> new Point(c.x(), c.y());
            case Box b -> new Point(b.x(), b.y());
            case Polygon p -> new Point(p.vertices().stream().mapToDouble(Point::x).average().orElseThrow(),
                    p.vertices().stream().mapToDouble(Point::y).average().orElseThrow());
        };
    }

    @Override
    public int observationSize() {
        return layout.size();
    }

    @Override
    public int actionSize() {
        return DiffDriveTask.ACTION_SIZE;
    }

    @Override
    public List<String> constraintNames() {
        return constraintNames;
    }

    @Override
    public double actionLow(int i) {
        return -actionHigh(i);
    }

    /** Fractions of the robot's velocity limits, as {@link DiffDriveCircle}'s. */
    @Override
    public double actionHigh(int i) {
        if (i < 0 || i >= DiffDriveTask.ACTION_SIZE) {
            throw new IndexOutOfBoundsException("diffdrive has 2 action components, asked for " + i);
        }
        return 1.0;
    }

    @Override
    public void reset(SplittableRandom rng, double[] observation) {
        Buffers.requireObservation(observation, layout.size());
        Box start = task.start();
        for (int draw = 0; ; draw++) {
            if (draw == MAX_DRAWS) {
                throw new IllegalStateException(task.name() + ": no free start in the start box in " + MAX_DRAWS
                        + " draws");
            }
            double x = rng.nextDouble(start.x() - start.halfLength(), start.x() + start.halfLength());
            double y = rng.nextDouble(start.y() - start.halfWidth(), start.y() + start.halfWidth());
            if (!footprint.touches(x, y) && !task.world().inKeepOutZone(x, y)) {
                robot.reset(DiffDriveDynamics.NOMINAL, x, y, rng.nextDouble(-Math.PI, Math.PI));
                break;
            }
        }
        if (goal != null) {
            waypoint = 0;
            nextGoal(rng);
        }
        if (caster != null) {
            scan(rng);
        }
        steps = 0;
        over = false;
        writeObservation(observation);
    }

    @Override
    public void step(double[] action, SplittableRandom rng, double[] observation, StepOutcome outcome) {
        Buffers.requireAction(action, DiffDriveTask.ACTION_SIZE);
        Buffers.requireObservation(observation, layout.size());
        if (over) {
            throw new IllegalStateException(task.name() + " episode is over (or never started); call reset");
        }
        robot.step(action, rng);
        if (footprint.touches(robot.x(), robot.y())) {
            robot.stopAtContact();
        }
        if (caster != null) {
            scan(rng);
        }
        outcome.reward = reward(rng);
        for (int k = 0; k < costs.length; k++) {
            double cost = cost(costs[k]);
            if (k == 0) {
                outcome.cost = cost;
            } else {
                outcome.furtherCosts[k - 1] = cost;
            }
        }
        steps++;
        writeObservation(observation);
        outcome.terminal = false;
        outcome.truncated = steps >= task.episodeSteps();
        over = outcome.truncated;
    }

    private void scan(SplittableRandom rng) {
        task.sensor().scan(caster, robot.x(), robot.y(), robot.yaw(), rng, ranges);
    }

    private double reward(SplittableRandom rng) {
        return switch (task.reward()) {
            case CircleReward circle -> DiffDriveTask.reward(circle.geometry(), robot.x(), robot.y(), robot.yaw(),
                    robot.linearVelocity());
            case SpeedReward speed -> speed.reward(robot.linearVelocity(), model.maxLinearVelocity());
            case GoalReward g -> {
                double before = goalDistance;
                double after = Math.hypot(goalX - robot.x(), goalY - robot.y());
                double reward = g.reward(before, after);
                if (after <= g.radius()) {
                    waypoint++;
                    nextGoal(rng);
                } else {
                    goalDistance = after;
                }
                yield reward;
            }
        };
    }

    private double cost(Cost cost) {
        return switch (cost) {
            case OutsideCost outside -> outside.area().cost(robot.x(), robot.y());
            case KeepOutCost keepOut -> task.world().inKeepOutZone(robot.x(), robot.y()) ? 1.0 : 0.0;
            case ProximityCost proximity -> proximity.cost(nearestReading());
            case SpeedCost speed -> speed.edgeBand().isPresent()
                    ? DiffDriveTask.speedCost(((CircleReward) task.reward()).geometry(), robot.x(),
                            robot.linearVelocity(), speed.edgeBand().getAsDouble(), speed.maxSpeed())
                    : Math.abs(robot.linearVelocity()) > speed.maxSpeed() ? 1.0 : 0.0;
        };
    }

    /** The nearest distance the last scan read, m: too close to measure is 0, nothing in range +inf. */
    private double nearestReading() {
        double nearest = Double.POSITIVE_INFINITY;
        for (float r : ranges) {
            nearest = Math.min(nearest, r == Float.NEGATIVE_INFINITY ? 0.0 : r);
        }
        return nearest;
    }

    /** Sets the current goal: the next waypoint, or a free point drawn in the goal region. */
    private void nextGoal(SplittableRandom rng) {
        if (!goal.drawn()) {
            Point p = goal.waypoints().get(waypoint % goal.waypoints().size());
            goalX = p.x();
            goalY = p.y();
        } else {
            Box region = task.world().goal().orElseThrow();
            for (int draw = 0; ; draw++) {
                if (draw == MAX_DRAWS) {
                    throw new IllegalStateException(task.name() + ": no free goal in the goal region in " + MAX_DRAWS
                            + " draws");
                }
                goalX = rng.nextDouble(region.x() - region.halfLength(), region.x() + region.halfLength());
                goalY = rng.nextDouble(region.y() - region.halfWidth(), region.y() + region.halfWidth());
                if (!footprint.touches(goalX, goalY) && !task.world().inKeepOutZone(goalX, goalY)
                        && Math.hypot(goalX - robot.x(), goalY - robot.y()) > goal.radius()) {
                    break;
                }
            }
        }
        goalDistance = Math.hypot(goalX - robot.x(), goalY - robot.y());
    }

    private void writeObservation(double[] observation) {
        int at = 0;
        double x = robot.odometryX();
        double y = robot.odometryY();
        double yaw = robot.odometryYaw();
        if (layout.odometry()) {
            DiffDriveObservation.write(((CircleReward) task.reward()).geometry(), model, x, y, yaw,
                    robot.measuredLinearVelocity(), robot.measuredAngularVelocity(), observation, at);
            at += DiffDriveObservation.SIZE;
        }
        if (layout.velocity()) {
            observation[at++] = robot.measuredLinearVelocity() / model.maxLinearVelocity();
            observation[at++] = robot.measuredAngularVelocity() / model.maxAngularVelocity();
        }
        if (layout.goal()) {
            double dx = goalX - x;
            double dy = goalY - y;
            double distance = Math.hypot(dx, dy);
            double bearing = Math.atan2(dy, dx) - yaw;
            observation[at++] = distance;
            observation[at++] = Math.cos(bearing);
            observation[at++] = Math.sin(bearing);
        }
        if (bins != null) {
            bins.reduce(task.sensor(), ranges, observation, at);
            at += bins.count();
        }
        if (layout.keepOutBins() > 0) {
            PseudoLidar.write(keepOutCentres, 0, keepOutCentres.length / 2, x, y, yaw, layout.keepOutBins(),
                    layout.keepOutRange(), observation, at);
        }
    }

    /** The definition this environment runs. */
    public TaskDefinition task() {
        return task;
    }

    /** True x of the robot's centre, m, world frame. */
    public double x() {
        return robot.x();
    }

    /** True y, m, world frame. */
    public double y() {
        return robot.y();
    }

    /** True heading, rad, unwrapped. */
    public double yaw() {
        return robot.yaw();
    }

    /** The current goal's x, m (meaningful for a goal or waypoints reward). */
    public double goalX() {
        return goalX;
    }

    /** The current goal's y, m. */
    public double goalY() {
        return goalY;
    }

    /** The last scan's readings, as LaserScan's ranges; null when the task does not scan. Not to be modified. */
    public float[] ranges() {
        return ranges;
    }
}
