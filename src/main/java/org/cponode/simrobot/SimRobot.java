package org.cponode.simrobot;

import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import org.cponode.sim.DiffDriveCircle;
import org.cponode.sim.DiffDriveDynamics;
import org.cponode.task.DiffDriveModel;
import org.cponode.task.DiffDriveObservation;
import org.cponode.sim.StepOutcome;

/**
 * The embedded {@code diffdrive-circle} task as a robot: each control period of the model (50 ms for
 * {@link DiffDriveModel#BURGER}) it applies the newest {@code cmd_vel} (converted back to the task's action
 * fractions, so the task's own limiter and unicycle move the robot), then publishes odometry and, with sim time,
 * {@code /clock}. A command older than {@code commandTimeout} counts as zero, like real base drivers; after the
 * task's episode length the robot is reset to a random start inside the corridor, as in training. With
 * {@code realTimeFactor} above 1 simulated time runs faster than the wall clock (sim time only).
 */
public final class SimRobot implements AutoCloseable {

    /**
     * @param simTime publish {@code /clock} and stamp odometry with simulated time
     * @param realTimeFactor simulated seconds per wall second (1 = real time)
     * @param commandTimeout s of simulated time after which the last command is dropped
     * @param seed start poses
     */
    public record Settings(boolean simTime, double realTimeFactor, double commandTimeout, long seed) {
        public Settings {
            if (!(realTimeFactor > 0) || !Double.isFinite(realTimeFactor) || realTimeFactor > 100) {
                throw new IllegalArgumentException("real-time factor must be in (0, 100], got " + realTimeFactor);
            }
            if (!simTime && realTimeFactor != 1.0) {
                throw new IllegalArgumentException("a real-time factor other than 1 needs sim time (--sim-time)");
            }
            if (!(commandTimeout > 0) || !Double.isFinite(commandTimeout)) {
                throw new IllegalArgumentException("command timeout must be > 0 s, got " + commandTimeout);
            }
        }
    }

    private final Settings settings;
    private final SimRobotTransport transport;
    private final DiffDriveCircle task;
    private final DiffDriveModel model;
    private final double period;
    private final SplittableRandom rng;
    private final double[] observation = new double[DiffDriveObservation.SIZE];
    private final double[] action = new double[2];
    private final StepOutcome outcome = new StepOutcome();
    private final Thread thread;
    private volatile boolean running = true;

    private volatile double commandLinear;
    private volatile double commandAngular;
    private volatile double commandTime = Double.NEGATIVE_INFINITY;
    private volatile double simTime;
    private volatile long steps;
    private volatile long commands;
    private volatile long episodes;
    private final double wallEpoch = System.currentTimeMillis() / 1e3;

    /** A robot that talks through {@code transport} (closed with the robot); call {@link #start}. */
    public SimRobot(Settings settings, SimRobotTransport transport) {
        this(settings, transport, DiffDriveDynamics.NOMINAL);
    }

    /**
     * A robot that departs from the model as {@code dynamics} says (actuation error, latency, slip, ...), the
     * stand-in for a physical robot in sim-to-real trials. Odometry still reports the true pose and velocity.
     */
    public SimRobot(Settings settings, SimRobotTransport transport, DiffDriveDynamics dynamics) {
        this.task = new DiffDriveCircle(rng -> dynamics);
        this.model = task.model();
        this.period = model.controlPeriod();
        this.settings = settings;
        this.transport = transport;
        this.rng = new SplittableRandom(settings.seed());
        this.thread = Thread.ofPlatform().name("sim-robot").unstarted(this::run);
    }

    /** Starts receiving commands and stepping. */
    public void start() {
        task.reset(rng, observation);
        transport.start(this::command);
        thread.start();
    }

    private void command(double linear, double angular) {
        if (!Double.isFinite(linear) || !Double.isFinite(angular)) {
            return; // a driver ignores malformed commands
        }
        commandLinear = linear;
        commandAngular = angular;
        commandTime = simTime;
        commands++;
    }

    private void run() {
        long periodNanos = Math.round(period / settings.realTimeFactor() * 1e9);
        long next = System.nanoTime();
        publish();
        while (running) {
            next += periodNanos;
            if (System.nanoTime() - next > periodNanos) {
                next = System.nanoTime(); // delayed by more than a step: restart the schedule, do not burst
            }
            for (long left = next - System.nanoTime(); left > 0 && running; left = next - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
            step();
        }
    }

    private void step() {
        boolean fresh = simTime - commandTime <= settings.commandTimeout();
        action[0] = fresh ? commandLinear / model.maxLinearVelocity() : 0.0;
        action[1] = fresh ? commandAngular / model.maxAngularVelocity() : 0.0;
        task.step(action, rng, observation, outcome);
        simTime += period;
        steps++;
        if (outcome.done()) {
            task.reset(rng, observation);
            episodes++;
        }
        publish();
    }

    private void publish() {
        double stamp = settings.simTime() ? simTime : wallEpoch + simTime;
        // State before time: a node stepping on /clock then finds this step's odometry already sent.
        transport.publishOdometry(stamp, task.x(), task.y(), task.yaw(), task.linearVelocity(),
                task.angularVelocity());
        if (settings.simTime()) {
            transport.publishClock(simTime);
        }
    }

    /** Simulated seconds so far. */
    public double simTime() {
        return simTime;
    }

    /** Simulation steps so far. */
    public long steps() {
        return steps;
    }

    /** Commands received. */
    public long commands() {
        return commands;
    }

    /** Episodes finished (robot reset to a start pose). */
    public long episodes() {
        return episodes;
    }

    /** True x, m. */
    public double x() {
        return task.x();
    }

    /** Newest command's forward speed, m/s. */
    public double commandLinear() {
        return commandLinear;
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        transport.close();
    }
}
