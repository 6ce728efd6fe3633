package org.cponode.control;

import org.cponode.task.DiffDriveTask;

import org.cponode.node.NodeParameters;
import org.cponode.task.SafeArea;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.cponode.learn.OnlineLearner;
import org.cponode.learn.StepRing;
import org.cponode.learn.TrainedPolicy;
import org.cponode.task.CircleGeometry;
import org.cponode.task.DiffDriveModel;
import org.cponode.task.DiffDriveObservation;
import org.cponode.task.VelocityLimiter;

/**
 * One control step, single-threaded and allocation-free in steady state:
 * <ol>
 *   <li>read the newest odometry and let the {@link Supervisor} check it;</li>
 *   <li>account the safe-area cost of the pose in the current episode window, decide whether the supervisor
 *       takes over for the rest of the window (budget spent, or for the "return" fallback, the way back from
 *       where the robot is or, heading out, will be would spend the rest), and complete the previous step's
 *       learning record with the reward and cost observed now (with {@code intervention_bound}, a take-over adds
 *       one cost per step left in the window);</li>
 *   <li>choose who drives ({@link Mode}): e-stop and faults give zero velocity, a taken-over window gives the
 *       fallback, else the policy read from an {@link AtomicReference} (so a new policy takes over exactly at a
 *       step boundary);</li>
 *   <li>observation by {@link DiffDriveObservation#write} relative to the task origin, exactly as the embedded
 *       {@code diffdrive-circle} task builds it; action as fractions of the trained model's limits
 *       ({@link DiffDriveTask#linearCommand}); the node's own {@link VelocityLimiter}; publish.</li>
 * </ol>
 * Zero commands bypass the acceleration limit (a stop is immediate) and reset the limiter, so motion resumes
 * from rest. Mode and fault changes are logged once, not per step.
 */
public final class ControlCore {

    private static final System.Logger LOG = System.getLogger("org.cponode.control");

    /** The robot the policy was trained for: its limits define what an action of 1 means and scale observations. */
    public static final DiffDriveModel TRAINED_MODEL = DiffDriveTask.MODEL;

    private final NodeParameters params;
    private final NodeClock clock;
    private final SensorInputs inputs;
    private final RobotTransport transport;
    private final Supervisor supervisor;
    private final SafeArea safeArea;
    private final CircleGeometry geometry;
    private final AtomicReference<TrainedPolicy> active;
    private final AtomicReference<TrainedPolicy> lastSafe;
    private final OnlineLearner learner;
    private final StepRing ring;
    private final VelocityLimiter limiter;
    private final SplittableRandom rng;
    private final double period;
    private final int windowSteps;
    /** The way back into the safe area at this node's speed limits and rate (fallback "return"). */
    private final SafeAreaReturn returner;
    private final double[] escapeDirection = new double[2];

    private final SensorInputs.Odometry odom = new SensorInputs.Odometry();
    private final SensorInputs.Odometry latest = new SensorInputs.Odometry();
    private double[] observation = new double[DiffDriveObservation.SIZE];
    private double[] normalized = new double[DiffDriveObservation.SIZE];
    private double[] action = new double[2];
    /** The buffer that holds the last step's observation (the buffers rotate while learning). */
    private double[] lastObservation = observation;

    // The previous step's learning record, waiting for the reward and cost its action earned.
    private boolean pending;
    private double[] pendingObservation = new double[DiffDriveObservation.SIZE];
    private double[] pendingNormalized = new double[DiffDriveObservation.SIZE];
    private double[] pendingAction = new double[2];
    private double pendingLogProb;
    private long pendingVersion;
    private long pendingWindow;
    private int pendingStepInWindow;
    private long pathId;
    private long lastRecordedStep = -2;
    private long lastRecordedVersion = -1;
    private long lastRecordedWindow = -1;

    private long step;
    private long window = -1;
    private double windowCost;
    private double windowReward;
    private boolean budgetSpent;
    /** Fallback "return": the robot is back inside and stands still. */
    private boolean parked;
    /** Fallback "return": the direction the way back drives in, 0 before its first command. */
    private int returnDirection;
    private volatile double costLimit;
    private volatile boolean fleetEstop;

    // Published for diagnostics (written by the control thread only).
    private volatile Mode mode = Mode.FAULT;
    private volatile int faults = Fault.NO_ODOMETRY.bit();
    private volatile double lastLinear;
    private volatile double lastAngular;
    private volatile double lastWindowCost = Double.NaN;
    private volatile double lastWindowReward = Double.NaN;
    private volatile long actingVersion = -1;
    private volatile long steps;
    private volatile double odomAge = Double.NaN;
    private volatile long odomArrivalWall;
    private volatile long fallbackWindows;

    /**
     * @param active the acting policy (published by the online learner, or fixed)
     * @param lastSafe the newest version measured within the cost limit, or empty
     * @param learner the online learner whose ring receives steps, or null when not learning
     */
    public ControlCore(NodeParameters params, NodeClock clock, SensorInputs inputs, RobotTransport transport,
            AtomicReference<TrainedPolicy> active, AtomicReference<TrainedPolicy> lastSafe, OnlineLearner learner) {
        this.params = params;
        this.clock = clock;
        this.inputs = inputs;
        this.transport = transport;
        this.supervisor = new Supervisor(clock, params);
        this.safeArea = params.safeArea();
        this.geometry = params.geometry();
        this.active = active;
        this.lastSafe = lastSafe;
        this.learner = learner;
        this.ring = learner == null ? null : learner.ring();
        this.limiter = new VelocityLimiter(params.maxLinearVelocity(), params.maxAngularVelocity(),
                params.maxLinearAcceleration(), params.maxAngularAcceleration());
        this.rng = new SplittableRandom(params.seed());
        this.period = params.controlPeriod();
        this.windowSteps = params.windowSteps();
        this.costLimit = params.costLimit();
        this.returner = new SafeAreaReturn(TRAINED_MODEL.withLimits(
                Math.min(TRAINED_MODEL.maxLinearVelocity(), params.maxLinearVelocity()),
                Math.min(TRAINED_MODEL.maxAngularVelocity(), params.maxAngularVelocity()),
                params.maxLinearAcceleration(), params.maxAngularAcceleration(), params.controlRate()),
                params.returnMarginSteps(), params.returnInset());
    }

    /** Runs one control step at the clock's current time. */
    public void step() {
        double now = clock.now();
        long wallNow = clock.wallNanos();
        inputs.readOdometry(odom);
        int f = supervisor.check(odom, inputs, now, wallNow);
        odomAge = odom.count == 0 ? Double.NaN : now - odom.arrival;
        odomArrivalWall = odom.arrivalWall;

        long w = step / windowSteps;
        if (w != window) {
            startWindow(w);
        }
        double x = odom.x - params.taskOriginX();
        double y = odom.y - params.taskOriginY();
        double yaw = f == 0 ? odom.yaw() : 0.0;
        double cost = 0;
        double reward = 0;
        if (f == 0) {
            cost = safeArea.cost(x, y);
            reward = DiffDriveTask.reward(geometry, x, y, yaw, odom.linear);
            windowCost += cost;
            windowReward += reward;
        }
        boolean returning = params.fallback() == NodeParameters.Fallback.RETURN;
        double outside = f == 0 && returning ? safeArea.escape(x, y, escapeDirection) : Double.NaN;
        boolean takeOver = false;
        if (!budgetSpent && windowCost > 0 && windowCost >= costLimit) {
            takeOver = true;
            LOG.log(System.Logger.Level.WARNING, "cost budget of window {0} spent ({1} >= limit {2}): fallback \"{3}\""
                    + " for the rest of the window", w, windowCost, costLimit, params.fallback().id());
        } else if (!budgetSpent && f == 0 && returning && returner.mustReturn(windowCost, costLimit, outside,
                Math.cos(yaw), Math.sin(yaw), escapeDirection[0], escapeDirection[1], odom.linear, odom.angular)) {
            takeOver = true;
            LOG.log(System.Logger.Level.WARNING, "window {0}: cost {1} plus the way back (the robot {2} m outside,"
                    + " {3} m once it has reacted and braked) would spend the budget {4}: returning to the safe area",
                    w, windowCost, outside, returner.predictedDistance(outside, Math.cos(yaw), Math.sin(yaw),
                            escapeDirection[0], escapeDirection[1], odom.linear), costLimit);
        }
        if (takeOver) {
            budgetSpent = true;
            fallbackWindows++;
        }
        if (f == 0) {
            // The supervisor drives from this step to the window's end: with the bound, the path the policy
            // drove pays the most those steps could cost, as the transfer trial charges it. A record from the
            // previous window (a take-over at a window's first step) has none of its window left to pay for.
            completePending(reward, takeOver && params.interventionBound()
                    ? cost + Math.max(0, (pendingWindow + 1) * windowSteps - step) * CircleGeometry.MAX_STEP_COST
                    : cost);
        } else if (pending) {
            pending = false; // the outcome of the last action is unknown: the path ends there
        }

        Mode next;
        TrainedPolicy policy = null;
        if (fleetEstop || inputs.estopLatched()) {
            next = Mode.ESTOP;
        } else if (f != 0) {
            next = Mode.FAULT;
        } else if (budgetSpent && returning) {
            parked = returner.parked(parked, outside);
            next = parked ? Mode.FALLBACK_STOP : Mode.FALLBACK_RETURN;
        } else if (budgetSpent) {
            policy = params.fallback() == NodeParameters.Fallback.LAST_SAFE ? lastSafe.get() : null;
            next = policy == null ? Mode.FALLBACK_STOP : Mode.FALLBACK_LAST_SAFE;
        } else {
            policy = active.get();
            next = Mode.RUNNING;
        }
        if (next == Mode.FALLBACK_RETURN) {
            returnDirection = returner.command(outside, Math.cos(yaw), Math.sin(yaw), escapeDirection[0],
                    escapeDirection[1], odom.angular, returnDirection, action);
            limiter.update(DiffDriveTask.linearCommand(returner.model(), action[0]),
                    DiffDriveTask.angularCommand(returner.model(), action[1]), period);
            publish(now, limiter.linear(), limiter.angular());
            actingVersion = -1;
        } else if (policy == null) {
            stop(now);
        } else {
            DiffDriveObservation.write(geometry, TRAINED_MODEL, x, y, yaw, odom.linear, odom.angular, observation, 0);
            lastObservation = observation;
            boolean record = next == Mode.RUNNING && learner != null && !learner.paused();
            double logProb = 0;
            if (record) {
                logProb = policy.sampleAction(observation, rng, normalized, action);
            } else {
                policy.meanAction(observation, action);
            }
            if (!Double.isFinite(action[0]) || !Double.isFinite(action[1]) || !Double.isFinite(logProb)) {
                // A non-finite action never reaches cmd_vel: zero, a fault until the policy acts normally.
                stop(now);
                next = Mode.FAULT;
                f |= Fault.POLICY_NOT_FINITE.bit();
            } else {
                limiter.update(DiffDriveTask.linearCommand(TRAINED_MODEL, action[0]),
                        DiffDriveTask.angularCommand(TRAINED_MODEL, action[1]), period);
                publish(now, limiter.linear(), limiter.angular());
                actingVersion = policy.version();
                if (record) {
                    hold(policy.version(), w, logProb);
                }
            }
        }
        if (next != mode || f != faults) {
            transition(mode, next, faults, f);
        }
        mode = next;
        faults = f;
        step++;
        steps = step;
    }

    /** Zero velocity now, bypassing the acceleration limit; motion resumes from rest. */
    private void stop(double now) {
        limiter.reset(0.0, 0.0);
        publish(now, 0.0, 0.0);
        actingVersion = -1;
    }

    /**
     * Called by the loop when {@link #step} threw: reports the fault, then publishes zero so a bug can never
     * leave the last command standing. Never throws: if the zero cannot be published either (the transport is
     * failing), the fault stands and the next step tries again.
     */
    public void stepFailed(Throwable e) {
        boolean first = (faults & Fault.STEP_FAILED.bit()) == 0;
        faults |= Fault.STEP_FAILED.bit();
        mode = Mode.FAULT;
        pending = false;
        try {
            stop(clock.now());
            if (first) {
                LOG.log(System.Logger.Level.ERROR, "control step failed, zero velocity published", e);
            }
        } catch (Throwable zeroFailed) {
            if (first) {
                e.addSuppressed(zeroFailed);
                LOG.log(System.Logger.Level.ERROR, "control step failed and zero velocity could not be published;"
                        + " retrying every step", e);
            }
        }
    }

    private void startWindow(long w) {
        if (window >= 0) {
            lastWindowCost = windowCost;
            lastWindowReward = windowReward;
            if (budgetSpent) {
                LOG.log(System.Logger.Level.INFO, "window {0} over: the policy drives again", window);
            }
        }
        window = w;
        windowCost = 0;
        windowReward = 0;
        budgetSpent = false;
        parked = false;
        returnDirection = 0;
        if (ring != null) {
            ring.markWindow(w);
        }
    }

    /** Keeps this step's observation, action and log-probability until the next step observes their outcome. */
    private void hold(long version, long w, double logProb) {
        if (lastRecordedStep != step - 1 || lastRecordedVersion != version || lastRecordedWindow != w) {
            pathId++;
        }
        double[] t = pendingObservation;
        pendingObservation = observation;
        observation = t;
        t = pendingNormalized;
        pendingNormalized = normalized;
        normalized = t;
        t = pendingAction;
        pendingAction = action;
        action = t;
        pendingLogProb = logProb;
        pendingVersion = version;
        pendingWindow = w;
        pendingStepInWindow = (int) (step - w * windowSteps);
        pending = true;
        lastRecordedStep = step;
        lastRecordedVersion = version;
        lastRecordedWindow = w;
    }

    private void completePending(double reward, double cost) {
        if (!pending) {
            return;
        }
        pending = false;
        if (!ring.offer(pendingObservation, pendingNormalized, pendingAction, pendingLogProb, reward, cost,
                pendingVersion, pathId, pendingWindow, pendingStepInWindow)) {
            lastRecordedStep = -2; // a dropped step breaks the path
        }
    }

    private void publish(double now, double linear, double angular) {
        transport.publishVelocity(now, linear, angular);
        lastLinear = linear;
        lastAngular = angular;
    }

    private void transition(Mode from, Mode to, int oldFaults, int newFaults) {
        if (to == Mode.FAULT || from == Mode.FAULT) {
            LOG.log(to == Mode.FAULT ? System.Logger.Level.WARNING : System.Logger.Level.INFO,
                    "supervisor: {0} -> {1}; faults: {2}", from, to, Fault.describe(newFaults));
        } else {
            LOG.log(System.Logger.Level.INFO, "mode {0} -> {1}", from, to);
        }
    }

    /**
     * Copies the observation the policy saw at the last step that ran a policy.
     *
     * @param out receives {@link DiffDriveObservation#SIZE} values. Modified.
     */
    public void copyObservation(double[] out) {
        System.arraycopy(lastObservation, 0, out, 0, DiffDriveObservation.SIZE);
    }

    /** Publishes zero velocity now (shutdown); the loop must be stopped first. */
    public void publishZero() {
        mode = Mode.STOPPED;
        stop(clock.now());
    }

    /** Latches (true) or releases (false) the fleet link's e-stop; the topic's latch is separate. */
    public void setFleetEstop(boolean stop) {
        fleetEstop = stop;
    }

    /** Whether the fleet e-stop is latched. */
    public boolean fleetEstop() {
        return fleetEstop;
    }

    /** Sets the per-window cost budget from the next step on. */
    public void setCostLimit(double limit) {
        if (!(limit >= 0) || !Double.isFinite(limit)) {
            throw new IllegalArgumentException("cost limit must be finite and >= 0, got " + limit);
        }
        costLimit = limit;
    }

    /** The current per-window cost budget. */
    public double costLimit() {
        return costLimit;
    }

    /** Who drove at the last step. */
    public Mode mode() {
        return mode;
    }

    /** Supervisor faults at the last step ({@link Fault} bit mask, 0 when healthy). */
    public int faults() {
        return faults;
    }

    /** Forward speed of the last published command, m/s. */
    public double lastLinear() {
        return lastLinear;
    }

    /** Yaw rate of the last published command, rad/s. */
    public double lastAngular() {
        return lastAngular;
    }

    /** Steps run. */
    public long steps() {
        return steps;
    }

    /** Version of the policy that drove the last step, -1 if none did. */
    public long actingVersion() {
        return actingVersion;
    }

    /** Cost and reward sums of the last finished window (NaN before the first ends). */
    public double lastWindowCost() {
        return lastWindowCost;
    }

    /** Reward sum of the last finished window (NaN before the first ends). */
    public double lastWindowReward() {
        return lastWindowReward;
    }

    /** Cost spent so far in the current window (read racily for diagnostics). */
    public double windowCost() {
        return windowCost;
    }

    /** Windows in which the budget was spent. */
    public long fallbackWindows() {
        return fallbackWindows;
    }

    /** Age of the newest odometry at the last step, s (NaN before the first). */
    public double odomAge() {
        return odomAge;
    }

    /** Wall time (ns) of the newest odometry now (not necessarily the one the last step used). */
    public long latestOdometryArrivalWall() {
        inputs.readOdometry(latest);
        return latest.arrivalWall;
    }

    /** Odometry messages received so far, read with {@link #latestOdometryArrivalWall} (control thread only). */
    public long latestOdometryCount() {
        return latest.count;
    }

    /** Wall time (ns) at which the odometry used by the current or last step arrived. */
    public long odomArrivalWall() {
        return odomArrivalWall;
    }

    /** The node parameters this core runs with. */
    public NodeParameters parameters() {
        return params;
    }
}
