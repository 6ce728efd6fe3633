package org.cponode.sim;

import org.cponode.task.CircleGeometry;
import org.cponode.task.DiffDriveModel;
import org.cponode.task.DiffDriveObservation;
import org.cponode.task.DiffDriveTask;
import org.cponode.task.VelocityLimiter;

import java.util.Arrays;
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
    private final double controlPeriod;
    /** The node's command shaping, always with the model's limits. */
    private final VelocityLimiter commandLimiter;
    /** The physical drive; rebuilt at reset only when an episode's limit scales change. */
    private VelocityLimiter drive;
    /** Limited commands waiting out the latency: slot {@code k mod length} holds step k's command. */
    private double[] delayedLinear = new double[1];
    private double[] delayedAngular = new double[1];
    private final double[] truePose = new double[3];
    private final double[] odometryPose = new double[3];
    private double trueLinear;
    private double trueAngular;
    private double measuredLinear;
    private double measuredAngular;
    private DiffDriveDynamics dynamics = DiffDriveDynamics.NOMINAL;
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
        this.controlPeriod = model.controlPeriod();
        this.commandLimiter = VelocityLimiter.forModel(model);
        this.drive = VelocityLimiter.forModel(model);
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
        if (next.velocityLimitScale() != dynamics.velocityLimitScale()
                || next.accelerationLimitScale() != dynamics.accelerationLimitScale()) {
            drive = new VelocityLimiter(
                    model.maxLinearVelocity() * next.velocityLimitScale(),
                    model.maxAngularVelocity() * next.velocityLimitScale(),
                    model.maxLinearAcceleration() * next.accelerationLimitScale(),
                    model.maxAngularAcceleration() * next.accelerationLimitScale());
        }
        dynamics = next;
        if (delayedLinear.length <= dynamics.latencySteps()) {
            delayedLinear = new double[dynamics.latencySteps() + 1];
            delayedAngular = new double[dynamics.latencySteps() + 1];
        }
        Arrays.fill(delayedLinear, 0.0);
        Arrays.fill(delayedAngular, 0.0);
        double halfBox = START_BOX_FRACTION * geometry.xLimit();
        truePose[Unicycle.X] = rng.nextDouble(-halfBox, halfBox);
        truePose[Unicycle.Y] = rng.nextDouble(-halfBox, halfBox);
        truePose[Unicycle.YAW] = rng.nextDouble(-Math.PI, Math.PI);
        System.arraycopy(truePose, 0, odometryPose, 0, 3);
        commandLimiter.reset(0, 0);
        drive.reset(0, 0);
        trueLinear = 0;
        trueAngular = 0;
        measuredLinear = 0;
        measuredAngular = 0;
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
        commandLimiter.update(DiffDriveTask.linearCommand(model, action[0]),
                DiffDriveTask.angularCommand(model, action[1]), controlPeriod);

        int slots = delayedLinear.length;
        delayedLinear[steps % slots] = commandLimiter.linear();
        delayedAngular[steps % slots] = commandLimiter.angular();
        int applied = Math.floorMod(steps - dynamics.latencySteps(), slots);
        double linearCommand = delayedLinear[applied];
        double angularCommand = delayedAngular[applied];

        double dt = controlPeriod;
        if (dynamics.controlPeriodJitter() > 0) {
            dt *= 1.0 + rng.nextDouble(-dynamics.controlPeriodJitter(), dynamics.controlPeriodJitter());
        }
        drive.update(dynamics.linearGain() * linearCommand + dynamics.linearBias(),
                dynamics.angularGain() * angularCommand + dynamics.angularBias(), dt);
        double wheelLinear = drive.linear();
        double wheelAngular = drive.angular();

        trueLinear = (1.0 - dynamics.wheelSlip()) * wheelLinear;
        trueAngular = (1.0 - dynamics.wheelSlip()) * wheelAngular;
        Unicycle.integrate(truePose, trueLinear, trueAngular, dt);

        measuredLinear = wheelLinear;
        measuredAngular = wheelAngular;
        // Exact zeros draw nothing and add nothing, so nominal dynamics keep the plain task's numbers and stream.
        if (dynamics.odometryNoiseStd() > 0) {
            measuredLinear += dynamics.odometryNoiseStd() * model.maxLinearVelocity() * rng.nextGaussian();
            measuredAngular += dynamics.odometryNoiseStd() * model.maxAngularVelocity() * rng.nextGaussian();
        }
        if (dynamics.odometryDriftRate() != 0) {
            measuredAngular += dynamics.odometryDriftRate();
        }
        Unicycle.integrate(odometryPose, measuredLinear, measuredAngular, dt);

        steps++;
        writeObservation(observation);
        outcome.reward = DiffDriveTask.reward(geometry, truePose[Unicycle.X], truePose[Unicycle.Y],
                truePose[Unicycle.YAW], trueLinear);
        outcome.cost = DiffDriveTask.cost(geometry, truePose[Unicycle.X]);
        if (speedConstraint) {
            outcome.furtherCosts[0] = DiffDriveTask.speedCost(geometry, truePose[Unicycle.X], trueLinear);
        }
        outcome.terminal = false;
        outcome.truncated = steps >= DiffDriveTask.HORIZON;
        over = outcome.truncated;
    }

    private void writeObservation(double[] observation) {
        DiffDriveObservation.write(geometry, model, odometryPose[Unicycle.X], odometryPose[Unicycle.Y],
                odometryPose[Unicycle.YAW], measuredLinear, measuredAngular, observation, 0);
    }

    /** Odometry x (integrated wheel speeds with the dynamics' noise and drift), m, relative to the task origin. */
    public double odometryX() {
        return odometryPose[Unicycle.X];
    }

    /** Odometry y, m, relative to the task origin. */
    public double odometryY() {
        return odometryPose[Unicycle.Y];
    }

    /** Odometry heading, rad, unwrapped. */
    public double odometryYaw() {
        return odometryPose[Unicycle.YAW];
    }

    /** Measured forward speed over the last step, m/s. */
    public double measuredLinearVelocity() {
        return measuredLinear;
    }

    /** Measured yaw rate over the last step, rad/s. */
    public double measuredAngularVelocity() {
        return measuredAngular;
    }

    /** True x, m, relative to the task origin. */
    public double x() {
        return truePose[Unicycle.X];
    }

    /** True y, m, relative to the task origin. */
    public double y() {
        return truePose[Unicycle.Y];
    }

    /** True heading, rad, unwrapped. */
    public double yaw() {
        return truePose[Unicycle.YAW];
    }

    /** True forward speed over the last step, m/s. */
    public double linearVelocity() {
        return trueLinear;
    }

    /** True yaw rate over the last step, rad/s. */
    public double angularVelocity() {
        return trueAngular;
    }

    /** The command after the node-side limiter in the last step: what the node would publish on cmd_vel. */
    public double commandedLinearVelocity() {
        return commandLimiter.linear();
    }

    /** Yaw-rate counterpart of {@link #commandedLinearVelocity}, rad/s. */
    public double commandedAngularVelocity() {
        return commandLimiter.angular();
    }

    /** This episode's dynamics. */
    public DiffDriveDynamics dynamics() {
        return dynamics;
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
