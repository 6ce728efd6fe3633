package org.cponode.sim;

import org.cponode.task.CircleGeometry;
import org.cponode.task.DiffDriveModel;
import org.cponode.task.DiffDriveObservation;
import org.cponode.task.DiffDriveTask;
import org.cponode.task.VelocityLimiter;

import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Task {@code diffdrive-circle}: the Circle task at room scale for a real differential-drive robot
 * ({@link DiffDriveModel#BURGER} at 20 Hz on {@link CircleGeometry#ROOM}).
 *
 * <p>Action: the commanded body velocity as fractions of the model's limits ({@link DiffDriveTask#linearCommand},
 * {@link DiffDriveTask#angularCommand} give v in m/s and omega in rad/s), clipped to the model's speed limits and
 * slewed by its acceleration limits in a {@link VelocityLimiter}, exactly as the ROS node shapes
 * {@code cmd_vel}; the robot then follows the exact unicycle arc for one control period. With
 * {@link DiffDriveDynamics} other than nominal the command also passes latency, actuation error, the physical
 * drive's own limits and wheel slip, and odometry gets noise and drift (see that record).
 *
 * <p>Reward and cost per step ({@link DiffDriveTask#reward}, {@link DiffDriveTask#cost}), from the post-step pose and the body speed
 * held over the step: {@code R = v (cos yaw, sin yaw) . [-y, x] / (1 + |r - d|)} with the world velocity in
 * m/s, {@code C = 1[|x| > x_lim]}. The node computes them with the same methods from odometry.
 *
 * <p>Observation: {@link DiffDriveObservation} from odometry only. Episodes start at rest, uniformly in a box
 * of half-width {@link #START_BOX_FRACTION} x_lim around the origin, heading uniform, and are truncated after
 * {@link DiffDriveTask#HORIZON} steps (20 s); there is no terminal state.
 *
 * <p>Task {@code diffdrive-circle-2c} ({@link #withSpeedConstraint}) adds a second constraint,
 * {@link DiffDriveTask#speedCost} from the true pose and speed, in {@link StepOutcome#furtherCosts}; its
 * first, the corridor cost, is then named {@code outside}. Everything else, the observation included, is
 * the same.
 */
public final class DiffDriveCircle implements Environment {

    /** Half-width of the start box as a fraction of x_lim, so every episode starts inside the safe corridor. */
    public static final double START_BOX_FRACTION = 0.5;

    private final DiffDriveModel model;
    private final CircleGeometry geometry;
    private final Function<SplittableRandom, DiffDriveDynamics> dynamicsSampler;
    private final DiffDriveRobot robot;
    /** Whether the task has the {@code speed} constraint as well as the corridor's. */
    private final boolean speedConstraint;
    private int steps;
    private boolean over = true;

    /** The nominal task: {@link DiffDriveTask#MODEL}, {@link DiffDriveTask#GEOMETRY}, nominal dynamics. */
    public DiffDriveCircle() {
        this(DiffDriveTask.MODEL, DiffDriveTask.GEOMETRY, rng -> DiffDriveDynamics.NOMINAL);
    }

    /**
     * The task with domain randomisation on the standard robot and room.
     *
     * @param dynamicsSampler called once per episode at reset with the worker's random stream
     */
    public DiffDriveCircle(Function<SplittableRandom, DiffDriveDynamics> dynamicsSampler) {
        this(DiffDriveTask.MODEL, DiffDriveTask.GEOMETRY, dynamicsSampler);
    }

    /**
     * @param model the robot. Not modified.
     * @param geometry the circle and corridor. Not modified.
     * @param dynamicsSampler called once per episode at reset with the worker's random stream; must not
     *     return null
     */
    public DiffDriveCircle(DiffDriveModel model, CircleGeometry geometry,
            Function<SplittableRandom, DiffDriveDynamics> dynamicsSampler) {
        this(model, geometry, dynamicsSampler, false);
    }

    private DiffDriveCircle(DiffDriveModel model, CircleGeometry geometry,
            Function<SplittableRandom, DiffDriveDynamics> dynamicsSampler, boolean speedConstraint) {
        if (model == null || geometry == null || dynamicsSampler == null) {
            throw new IllegalArgumentException("diffdrive-circle needs a model, a geometry and a dynamics sampler");
        }
        this.model = model;
        this.geometry = geometry;
        this.dynamicsSampler = dynamicsSampler;
        this.robot = new DiffDriveRobot(model);
        this.speedConstraint = speedConstraint;
    }

    /** Task {@code diffdrive-circle-2c}: the nominal task with the {@code speed} constraint as well. */
    public static DiffDriveCircle withSpeedConstraint() {
        return forTask(Tasks.DIFFDRIVE_CIRCLE_2C, rng -> DiffDriveDynamics.NOMINAL);
    }

    /**
     * Task {@code diffdrive-circle} or {@code diffdrive-circle-2c} on the standard robot and room with the given
     * dynamics (e.g. a fixed perturbed robot), so both tasks run on the same robot.
     *
     * @param dynamicsSampler called once per episode at reset with the worker's random stream
     * @throws IllegalArgumentException for any other task
     */
    public static DiffDriveCircle forTask(String task, Function<SplittableRandom, DiffDriveDynamics> dynamicsSampler) {
        if (!Tasks.DIFFDRIVE_CIRCLE.equals(task) && !Tasks.DIFFDRIVE_CIRCLE_2C.equals(task)) {
            throw new IllegalArgumentException("task " + task + " is not a diffdrive-circle task; they are "
                    + Tasks.DIFFDRIVE_CIRCLE + " and " + Tasks.DIFFDRIVE_CIRCLE_2C);
        }
        return new DiffDriveCircle(DiffDriveTask.MODEL, DiffDriveTask.GEOMETRY, dynamicsSampler,
                Tasks.DIFFDRIVE_CIRCLE_2C.equals(task));
    }

    /** The task with each episode's dynamics drawn from {@code ranges}. */
    public static DiffDriveCircle randomized(DiffDriveDynamics.Ranges ranges) {
        if (ranges == null) {
            throw new IllegalArgumentException("randomisation ranges must not be null");
        }
        return new DiffDriveCircle(rng -> DiffDriveDynamics.sample(ranges, rng));
    }

    @Override
    public java.util.List<String> constraintNames() {
        return speedConstraint ? CONSTRAINTS_2C : CONSTRAINTS;
    }

    /** The corridor constraint's name: 1 per step outside the corridor. */
    public static final String OUTSIDE = "outside";
    /** {@code diffdrive-circle}'s one constraint. */
    public static final java.util.List<String> CONSTRAINTS = java.util.List.of(OUTSIDE);
    /** {@code diffdrive-circle-2c}'s constraints, in the order of {@link StepOutcome}'s costs. */
    public static final java.util.List<String> CONSTRAINTS_2C = java.util.List.of(OUTSIDE, "speed");

    @Override
    public int observationSize() {
        return DiffDriveObservation.SIZE;
    }

    @Override
    public int actionSize() {
        return 2;
    }

    @Override
    public double actionLow(int i) {
        return -actionHigh(i);
    }

    /**
     * Actions are fractions of the model's velocity limits, in [-1, 1], so that a policy's unit-scale Gaussian
     * explores the whole range on both channels; {@link DiffDriveTask#linearCommand} and {@link DiffDriveTask#angularCommand} turn them
     * into velocity commands (the ROS node uses the same two methods).
     */
    @Override
    public double actionHigh(int i) {
        if (i < 0 || i > 1) {
            throw new IndexOutOfBoundsException("diffdrive has 2 action components, asked for " + i);
        }
        return 1.0;
    }



    @Override
    public void reset(SplittableRandom rng, double[] observation) {
        Buffers.requireObservation(observation, DiffDriveObservation.SIZE);
        DiffDriveDynamics next = dynamicsSampler.apply(rng);
        if (next == null) {
            throw new IllegalStateException("dynamics sampler returned null");
        }
        double halfBox = START_BOX_FRACTION * geometry.xLimit();
        double x = rng.nextDouble(-halfBox, halfBox);
        double y = rng.nextDouble(-halfBox, halfBox);
        robot.reset(next, x, y, rng.nextDouble(-Math.PI, Math.PI));
        steps = 0;
        over = false;
        writeObservation(observation);
    }

    @Override
    public void step(double[] action, SplittableRandom rng, double[] observation, StepOutcome outcome) {
        Buffers.requireAction(action, 2);
        Buffers.requireObservation(observation, DiffDriveObservation.SIZE);
        if (over) {
            throw new IllegalStateException("diffdrive-circle episode is over (or never started); call reset");
        }
        robot.step(action, rng);
        steps++;
        writeObservation(observation);
        outcome.reward = DiffDriveTask.reward(geometry, robot.x(), robot.y(), robot.yaw(), robot.linearVelocity());
        outcome.cost = DiffDriveTask.cost(geometry, robot.x());
        if (speedConstraint) {
            outcome.furtherCosts[0] = DiffDriveTask.speedCost(geometry, robot.x(), robot.linearVelocity());
        }
        outcome.terminal = false;
        outcome.truncated = steps >= DiffDriveTask.HORIZON;
        over = outcome.truncated;
    }

    private void writeObservation(double[] observation) {
        DiffDriveObservation.write(geometry, model, robot.odometryX(), robot.odometryY(), robot.odometryYaw(),
                robot.measuredLinearVelocity(), robot.measuredAngularVelocity(), observation, 0);
    }

    /** Odometry x (integrated wheel speeds with the dynamics' noise and drift), m, relative to the task origin. */
    public double odometryX() {
        return robot.odometryX();
    }

    /** Odometry y, m, relative to the task origin. */
    public double odometryY() {
        return robot.odometryY();
    }

    /** Odometry heading, rad, unwrapped. */
    public double odometryYaw() {
        return robot.odometryYaw();
    }

    /** Measured forward speed over the last step, m/s. */
    public double measuredLinearVelocity() {
        return robot.measuredLinearVelocity();
    }

    /** Measured yaw rate over the last step, rad/s. */
    public double measuredAngularVelocity() {
        return robot.measuredAngularVelocity();
    }

    /** True x, m, relative to the task origin. */
    public double x() {
        return robot.x();
    }

    /** True y, m, relative to the task origin. */
    public double y() {
        return robot.y();
    }

    /** True heading, rad, unwrapped. */
    public double yaw() {
        return robot.yaw();
    }

    /** True forward speed over the last step, m/s. */
    public double linearVelocity() {
        return robot.linearVelocity();
    }

    /** True yaw rate over the last step, rad/s. */
    public double angularVelocity() {
        return robot.angularVelocity();
    }

    /** The command after the node-side limiter in the last step: what the node would publish on cmd_vel. */
    public double commandedLinearVelocity() {
        return robot.commandedLinearVelocity();
    }

    /** Yaw-rate counterpart of {@link #commandedLinearVelocity}, rad/s. */
    public double commandedAngularVelocity() {
        return robot.commandedAngularVelocity();
    }

    /** This episode's dynamics. */
    public DiffDriveDynamics dynamics() {
        return robot.dynamics();
    }

    /** The robot model. */
    public DiffDriveModel model() {
        return model;
    }

    /** The circle and corridor. */
    public CircleGeometry geometry() {
        return geometry;
    }
}
