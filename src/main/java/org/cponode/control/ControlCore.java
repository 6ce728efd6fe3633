package org.cponode.control;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.cponode.learn.OnlineLearner;
import org.cponode.learn.TrainedPolicy;
import org.cponode.task.CircleGeometry;
import org.cponode.task.DiffDriveModel;
import org.cponode.task.DiffDriveObservation;
import org.cponode.task.DiffDriveTask;
import org.cponode.task.SafeArea;

/**
 * The one control core: every velocity command any part of cpo-node sends to a robot (the node, the transfer
 * trial in process and over ROS) is written here. One step, single-threaded and allocation-free:
 * <ol>
 *   <li><b>sensor health</b>: the newest odometry, then the step's time, checked by the {@link Supervisor};</li>
 *   <li><b>observation of the last action's outcome</b>: the reward and each constraint's cost of the pose it
 *       led to ({@link ConstraintCosts}, or the robot's own cost measurements), charged to the episode window in
 *       which it was taken (the first pose after
 *       a start or a relocation follows no action and is charged to nobody);</li>
 *   <li><b>window arbiter</b> ({@link WindowArbiter}): faults, e-stop, the window's costs against their budgets
 *       (one per constraint) and the fallback decide the mode, the command source and what the last action is charged;</li>
 *   <li><b>command source</b>: the acting policy (sampled while learning, read from an {@link AtomicReference}
 *       so a new version takes over exactly at a step boundary), the last safe version, the way back
 *       ({@link WayBack}) or zero; the observation is {@link DiffDriveObservation#write} relative to the task
 *       origin, exactly as the embedded task builds it;</li>
 *   <li><b>range zones</b> ({@link RangeZone}): an obstacle near in the direction of travel stops or slows the
 *       command;</li>
 *   <li><b>experience</b> ({@link ExperienceRecorder}): the last action completes with its charge (a zone that
 *       holds the policy takes that step over), and a sampled action waits for its outcome;</li>
 *   <li><b>actuator</b> ({@link Actuator}): the node's velocity and acceleration limits, then the transport.</li>
 * </ol>
 * Cost budgets and velocity limits set while the core runs ({@link LiveLimits}) take over together at the start of
 * a step. Mode and fault changes are logged once, not per step.
 */
public final class ControlCore {

    private static final System.Logger LOG = System.getLogger("org.cponode.control");

    /** The robot the policy was trained for: its limits define what an action of 1 means and scale observations. */
    public static final DiffDriveModel TRAINED_MODEL = DiffDriveTask.MODEL;

    /** Receives each episode window as it ends; called on the control thread, must not block. */
    public interface WindowListener {
        void windowClosed(WindowSummary window);
    }

    private final ControlSettings settings;
    private final NodeClock clock;
    private final SensorInputs inputs;
    private final Supervisor supervisor;
    private final SafeArea safeArea;
    private final CircleGeometry geometry;
    private final ConstraintCosts constraintCosts;
    private final AtomicReference<TrainedPolicy> active;
    private final AtomicReference<TrainedPolicy> lastSafe;
    private final OnlineLearner learner;
    private final ExperienceRecorder recorder;
    private final Actuator actuator;
    private final WayBack wayBack;
    private final SplittableRandom rng;
    private final int windowSteps;
    private final WindowArbiter.Decision decision = new WindowArbiter.Decision();
    private final double[] escapeDirection = new double[2];
    private volatile WindowListener windowListener;

    private final SensorInputs.Odometry odom = new SensorInputs.Odometry();
    private final SensorInputs.Odometry latest = new SensorInputs.Odometry();
    private final double[] observation = new double[DiffDriveObservation.SIZE];
    private final double[] normalized = new double[DiffDriveObservation.SIZE];
    private final double[] action = new double[DiffDriveTask.ACTION_SIZE];
    /** The command source's velocity command, m/s and rad/s. */
    private final double[] command = new double[2];
    private final RangeZone zone;

    private long step;
    /** Node time of the current step, taken just after its odometry was read. */
    private double stepTime;
    private long window = -1;
    /** The last step's action was taken in this episode, so the next observation is its outcome. */
    private boolean observing;
    /** Each constraint's cost so far in the current window (read racily for diagnostics). */
    private final double[] windowCosts;
    /** This step's observed cost of each constraint. */
    private final double[] stepCosts;
    private double windowReward;
    private int windowPolicySteps;
    private long windowPolicyVersion = -1;
    private int windowFaultSteps;
    private boolean budgetSpent;
    /** Fallback "return": the robot is back inside and stands still. */
    private boolean parked;
    /** The limits asked for; adopted at the start of the next step. */
    private final AtomicReference<LiveLimits> requestedLimits;
    /** The limits in force (control thread). */
    private LiveLimits adoptedLimits;
    /** Each constraint's budget per window in force: {@link #adoptedLimits}' (control thread). */
    private double[] costLimits;
    private volatile boolean fleetEstop;

    // Published for diagnostics (written by the control thread only).
    private volatile Mode mode = Mode.FAULT;
    private volatile int faults = Fault.NO_ODOMETRY.bit();
    /** Each constraint's cost over the last finished window (read racily for diagnostics). */
    private final double[] lastWindowCosts;
    private volatile double lastWindowReward = Double.NaN;
    private volatile long actingVersion = -1;
    private volatile long steps;
    private volatile double odomAge = Double.NaN;
    private volatile long odomArrivalWall;
    private volatile long fallbackWindows;
    private volatile long windowStartStep;
    private volatile long zoneInterventions;
    private volatile double lastZoneFactor = 1;
    private volatile double lastObstacleDistance = Double.NaN;

    /**
     * @param active the acting policy (published by the online learner, or fixed)
     * @param lastSafe the newest version measured within every cost limit, or empty
     * @param learner the online learner whose ring receives steps, or null when not learning
     */
    public ControlCore(ControlSettings settings, NodeClock clock, SensorInputs inputs, RobotTransport transport,
            AtomicReference<TrainedPolicy> active, AtomicReference<TrainedPolicy> lastSafe, OnlineLearner learner) {
        this.settings = settings;
        this.clock = clock;
        this.inputs = inputs;
        this.supervisor = new Supervisor(clock, settings);
        this.safeArea = settings.safeArea();
        this.geometry = settings.geometry();
        this.constraintCosts = new ConstraintCosts(settings, inputs);
        this.active = active;
        this.lastSafe = lastSafe;
        this.learner = learner;
        this.windowSteps = settings.windowSteps();
        this.recorder = learner == null ? null : new ExperienceRecorder(learner.ring(), windowSteps,
                DiffDriveObservation.SIZE, DiffDriveTask.ACTION_SIZE);
        this.actuator = new Actuator(transport, settings);
        this.wayBack = new WayBack(settings);
        this.rng = new SplittableRandom(settings.seed());
        this.adoptedLimits = LiveLimits.of(settings);
        this.requestedLimits = new AtomicReference<>(adoptedLimits);
        this.costLimits = adoptedLimits.costLimits();
        int m = costLimits.length;
        if (learner != null && learner.ring().constraints() != m) {
            throw new IllegalArgumentException("the online learner learns " + learner.ring().constraints()
                    + " constraint(s), the control core has " + m);
        }
        this.windowCosts = new double[m];
        this.stepCosts = new double[m];
        this.lastWindowCosts = new double[m];
        Arrays.fill(lastWindowCosts, Double.NaN);
        this.zone = settings.zone();
    }

    /** Runs one control step at the clock's current time. */
    public void step() {
        adoptRequestedLimits();
        int f = checkSensors();
        double now = stepTime;
        long w = step / windowSteps;
        double x = odom.x - settings.taskOriginX();
        double y = odom.y - settings.taskOriginY();
        double yaw = f == 0 ? odom.yaw() : 0.0;
        double reward = 0;
        observeCosts(f, x, y);
        if (f == 0) {
            reward = DiffDriveTask.reward(geometry, x, y, yaw, odom.linear);
        }
        boolean newWindow = w != window;
        if (newWindow) {
            // This observation is the outcome of the last window's last action: it closes that window.
            closeObservation(f, reward);
            startWindow(w);
        } else if (observing && f == 0) {
            addToWindow(reward);
        }

        double[] limits = costLimits;
        boolean returning = settings.fallback() == Fallback.RETURN;
        int o = constraintCosts.outside(); // present whenever returning (ControlSettings)
        double outside = f == 0 && returning
                ? safeArea.escape(safeArea.isPolygon() ? x : wayBack.correctedX(x, stepCosts[o]), y, escapeDirection)
                : Double.NaN;
        double cos = Math.cos(yaw);
        double sin = Math.sin(yaw);
        boolean wayBackDue = f == 0 && returning && !budgetSpent && wayBack.returner().mustReturn(windowCosts[o],
                limits[o], outside, cos, sin, escapeDirection[0], escapeDirection[1], odom.linear, odom.angular);
        boolean backInside = returning && wayBack.returner().parked(parked, outside);
        int reached = WindowArbiter.budgetReached(windowCosts, limits);
        WindowArbiter.decide(f, estopLatched(), budgetSpent, reached >= 0, settings.fallback(), wayBackDue,
                parked, backInside, lastSafe.get() != null, settings.charge(), decision);
        if (decision.takeOver()) {
            fallbackWindows++;
            logTakeOver(w, wayBackDue, reached, limits, outside, cos, sin);
        }
        budgetSpent = decision.budgetSpent();
        parked = decision.parked();

        // The command source.
        Mode next = decision.mode();
        boolean zero = decision.source() == WindowArbiter.Source.ZERO;
        boolean policyDrives = decision.source() == WindowArbiter.Source.POLICY
                || decision.source() == WindowArbiter.Source.LAST_SAFE;
        boolean sampled = false;
        double logProb = 0;
        TrainedPolicy policy = null;
        if (decision.source() == WindowArbiter.Source.WAY_BACK) {
            wayBack.command(outside, cos, sin, escapeDirection[0], escapeDirection[1], odom.angular, command);
        } else if (policyDrives) {
            policy = decision.source() == WindowArbiter.Source.POLICY ? active.get() : lastSafe.get();
            DiffDriveObservation.write(geometry, TRAINED_MODEL, x, y, yaw, odom.linear, odom.angular, observation, 0);
            sampled = next == Mode.RUNNING && recorder != null && learner.collecting();
            if (sampled) {
                logProb = policy.sampleAction(observation, rng, normalized, action);
            } else {
                policy.meanAction(observation, action);
            }
            if (!Double.isFinite(action[0]) || !Double.isFinite(action[1]) || !Double.isFinite(logProb)) {
                // A non-finite action never reaches cmd_vel: zero, a fault until the policy acts normally.
                zero = true;
                policyDrives = false;
                sampled = false;
                next = Mode.FAULT;
                f |= Fault.POLICY_NOT_FINITE.bit();
            } else {
                command[0] = DiffDriveTask.linearCommand(TRAINED_MODEL, action[0]);
                command[1] = DiffDriveTask.angularCommand(TRAINED_MODEL, action[1]);
            }
        }
        // The range zones, after the command source and before the limiter.
        double zoneFactor = zero ? 1 : zoneFactor(command[0]);
        boolean zoneIntervened = zoneFactor < 1;
        lastZoneFactor = zoneFactor;
        if (zoneIntervened) {
            zoneInterventions++;
            if (zoneFactor == 0) {
                zero = true;
                next = Mode.ZONE_STOP;
            }
        }

        // The last action's outcome; a zone that overrides the policy takes this one step over.
        if (!newWindow && observing && recorder != null) {
            boolean zoneTakesPolicyStep = zoneIntervened && policyDrives && next != Mode.FAULT
                    && decision.mode() == Mode.RUNNING;
            if (decision.takeOver()) {
                recorder.observe(decision.charge(), (int) ((w + 1) * windowSteps - step), reward, stepCosts);
            } else if (zoneTakesPolicyStep) {
                recorder.observe(WindowArbiter.takeOverCharge(settings.charge()), 1, reward, stepCosts);
            } else {
                recorder.observe(decision.charge(), 0, reward, stepCosts);
            }
        }

        // The actuator.
        if (zero) {
            stop(now);
        } else {
            actuator.drive(now, command[0] * zoneFactor, command[1] * zoneFactor);
            actingVersion = policyDrives && !zoneIntervened ? policy.version() : -1;
            if (policyDrives && !zoneIntervened && next == Mode.RUNNING) {
                windowPolicySteps++;
                windowPolicyVersion = policy.version();
            }
            if (sampled && !zoneIntervened) {
                recorder.record(observation, normalized, action, logProb, policy.version(), step, w);
            }
        }
        observing = true;
        if (f != 0) {
            windowFaultSteps++;
        }
        if (next != mode || f != faults) {
            transition(mode, next, faults, f);
        }
        mode = next;
        faults = f;
        step++;
        steps = step;
    }

    /**
     * The step boundary at which new limits take over: the budgets the arbiter compares with, the actuator's and the
     * way back's speed limits, all from the same request. Nothing is allocated unless a request is new.
     */
    private void adoptRequestedLimits() {
        LiveLimits requested = requestedLimits.get();
        if (requested == adoptedLimits) {
            return;
        }
        adoptedLimits = requested;
        costLimits = requested.costLimits();
        actuator.setSpeedLimits(requested.maxLinearVelocity(), requested.maxAngularVelocity());
        wayBack.setSpeedLimits(requested.maxLinearVelocity(), requested.maxAngularVelocity());
    }

    /**
     * Observes the outcome of the last action and closes the current window there, without acting: for a runner
     * that moves the robot itself between windows (the transfer trial's simulator starts every window from a
     * fresh pose). Call at a window boundary, before {@link #robotRelocated}.
     *
     * @throws IllegalStateException if the next step does not start a new window
     */
    public void closeWindow() {
        if (step % windowSteps != 0) {
            throw new IllegalStateException("step " + step + " is not at a window boundary");
        }
        int f = checkSensors();
        double x = odom.x - settings.taskOriginX();
        double y = odom.y - settings.taskOriginY();
        observeCosts(f, x, y);
        double reward = f == 0 ? DiffDriveTask.reward(geometry, x, y, odom.yaw(), odom.linear) : 0;
        closeObservation(f, reward);
        startWindow(step / windowSteps);
        observing = false;
    }

    /**
     * The robot was put down at rest somewhere else (a simulator's reset): no action leads to its next pose, the
     * limiter starts from rest, and the supervisor does not take the move for a pose jump.
     */
    public void robotRelocated() {
        observing = false;
        if (recorder != null) {
            recorder.pathBroken();
        }
        actuator.restFromHere();
        supervisor.relocated();
    }

    /**
     * Reads the newest odometry, then takes the step's time ({@link #stepTime}): in this order a message that
     * arrives while the step runs is either read and older than the step, or left for the next step, never read
     * and newer than the step's time (which the supervisor would take for a clock gone back).
     */
    private int checkSensors() {
        inputs.readOdometry(odom);
        double now = clock.now();
        stepTime = now;
        int f = supervisor.check(odom, inputs, now, clock.wallNanos());
        odomAge = odom.count == 0 ? Double.NaN : now - odom.arrival;
        odomArrivalWall = odom.arrivalWall;
        return f;
    }

    /**
     * This step's cost of each constraint into {@link #stepCosts}: the robot's own measurements where it has them,
     * else the costs of the odometry pose; zero under a fault (nothing is observed).
     */
    private void observeCosts(int f, double x, double y) {
        if (f == 0) {
            constraintCosts.measure(x, y, odom.linear, stepCosts);
        } else {
            Arrays.fill(stepCosts, 0);
        }
    }

    private void addToWindow(double reward) {
        for (int i = 0; i < stepCosts.length; i++) {
            windowCosts[i] += stepCosts[i];
        }
        windowReward += reward;
    }

    /** The last action's outcome at a window boundary, charged to the window it was taken in. */
    private void closeObservation(int f, double reward) {
        if (!observing) {
            return;
        }
        if (f == 0) {
            addToWindow(reward);
        }
        if (recorder != null) {
            recorder.observe(f == 0 ? WindowArbiter.Charge.MEASURED : WindowArbiter.Charge.UNKNOWN, 0, reward,
                    stepCosts);
        }
    }

    private boolean estopLatched() {
        return fleetEstop || inputs.estopLatched();
    }

    /** The range zones' factor for a command at forward speed {@code linear} (1 without zones or a direction). */
    private double zoneFactor(double linear) {
        if (!zone.enabled() || linear == 0) {
            return 1;
        }
        double nearest = inputs.nearestObstacle(linear > 0 ? 0 : Math.PI, zone.halfAngle());
        lastObstacleDistance = nearest;
        return Double.isNaN(nearest) ? 1 : zone.factor(nearest);
    }

    private void logTakeOver(long w, boolean wayBackDue, int reached, double[] limits, double outside, double cos,
            double sin) {
        List<String> names = settings.constraintNames();
        if (reached < 0 && wayBackDue) {
            int o = constraintCosts.outside();
            LOG.log(System.Logger.Level.WARNING, "window {0}: {1} cost {2} plus the way back (the robot {3} m"
                    + " outside, {4} m once it has reacted and braked) would spend its budget {5}: returning to the"
                    + " safe area", w, names.get(o), windowCosts[o], outside, wayBack.returner().predictedDistance(
                            outside, cos, sin, escapeDirection[0], escapeDirection[1], odom.linear), limits[o]);
        } else {
            LOG.log(System.Logger.Level.WARNING, "{0} cost budget of window {1} spent ({2} >= limit {3}): fallback"
                    + " \"{4}\" for the rest of the window", names.get(reached), w, windowCosts[reached],
                    limits[reached], settings.fallback().id());
        }
    }

    /** Zero velocity now, bypassing the acceleration limit; motion resumes from rest. */
    private void stop(double now) {
        actuator.stop(now);
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
        observing = false;
        if (recorder != null) {
            recorder.pathBroken();
        }
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
        long ended = window;
        if (recorder != null) {
            recorder.windowClosed();
            learner.ring().markWindow(w); // the ended window's steps are all in the ring before anyone hears of it
        }
        if (ended >= 0) {
            System.arraycopy(windowCosts, 0, lastWindowCosts, 0, windowCosts.length);
            lastWindowReward = windowReward;
            if (budgetSpent) {
                LOG.log(System.Logger.Level.INFO, "window {0} over: the policy drives again", ended);
            }
            WindowListener l = windowListener;
            if (l != null) {
                l.windowClosed(new WindowSummary(ended, windowCosts, windowReward, costLimits, windowPolicySteps,
                        budgetSpent, windowPolicyVersion, windowFaultSteps));
            }
        }
        window = w;
        windowStartStep = w * windowSteps;
        Arrays.fill(windowCosts, 0);
        windowReward = 0;
        windowPolicySteps = 0;
        windowPolicyVersion = -1;
        windowFaultSteps = 0;
        budgetSpent = false;
        parked = false;
        wayBack.reset();
    }

    private void transition(Mode from, Mode to, int oldFaults, int newFaults) {
        if (to == Mode.FAULT || from == Mode.FAULT) {
            LOG.log(to == Mode.FAULT ? System.Logger.Level.WARNING : System.Logger.Level.INFO,
                    "supervisor: {0} -> {1}; faults: {2}", from, to, Fault.describe(newFaults));
        } else {
            LOG.log(System.Logger.Level.INFO, "mode {0} -> {1}", from, to);
        }
    }

    /** Receives each finished window from now on (one listener; null removes it). */
    public void setWindowListener(WindowListener listener) {
        windowListener = listener;
    }

    /**
     * Copies the observation the policy saw at the last step that ran a policy.
     *
     * @param out receives {@link DiffDriveObservation#SIZE} values. Modified.
     */
    public void copyObservation(double[] out) {
        System.arraycopy(observation, 0, out, 0, DiffDriveObservation.SIZE);
    }

    /** Publishes zero velocity now (shutdown, deactivation); the loop must be stopped first. */
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

    /**
     * Sets every constraint's per-window cost budget (in the task's order) from the next step on, the velocity
     * limits as they are.
     *
     * @throws IllegalArgumentException for another number of budgets or an invalid one
     *     ({@link CostBudget#requireValid})
     */
    public synchronized void setCostLimits(double[] limits) {
        requestLimits(requestedLimits.get().withCostLimits(limits));
    }

    /**
     * Runs with {@code next} from the start of the next step on.
     *
     * @throws IllegalArgumentException if it has another number of budgets than the task has constraints
     */
    public synchronized void requestLimits(LiveLimits next) {
        if (next.costLimits().length != costLimitCount()) {
            throw new IllegalArgumentException("need " + costLimitCount() + " cost limits, got "
                    + next.costLimits().length);
        }
        requestedLimits.set(next);
    }

    private int costLimitCount() {
        return windowCosts.length;
    }

    /** The limits in force from the next step on (the last requested). */
    public LiveLimits requestedLimits() {
        return requestedLimits.get();
    }

    /** Each constraint's per-window cost budget from the next step on, in the task's order (a copy). */
    public double[] costLimits() {
        return requestedLimits.get().costLimits();
    }

    /** The constraints' names, in the task's order. */
    public List<String> constraintNames() {
        return settings.constraintNames();
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
        return actuator.lastLinear();
    }

    /** Yaw rate of the last published command, rad/s. */
    public double lastAngular() {
        return actuator.lastAngular();
    }

    /** Steps run. */
    public long steps() {
        return steps;
    }

    /** Version of the policy that drove the last step, -1 if none did. */
    public long actingVersion() {
        return actingVersion;
    }

    /** Each constraint's cost sum over the last finished window (NaN before the first ends; a copy). */
    public double[] lastWindowCosts() {
        return lastWindowCosts.clone();
    }

    /** Reward sum of the last finished window (NaN before the first ends). */
    public double lastWindowReward() {
        return lastWindowReward;
    }

    /** Each constraint's cost spent so far in the current window (read racily for diagnostics; a copy). */
    public double[] windowCosts() {
        return windowCosts.clone();
    }

    /** Time the current window has run, s (by its steps, read racily for diagnostics). */
    public double windowElapsed() {
        return Math.max(0, steps - windowStartStep) * settings.controlPeriod();
    }

    /** Steps at which a range zone stopped or slowed the command. */
    public long zoneInterventions() {
        return zoneInterventions;
    }

    /** The fraction of its command the range zones let through at the last step (1: none held it). */
    public double lastZoneFactor() {
        return lastZoneFactor;
    }

    /** The nearest obstacle in the direction of travel at the last step that checked it, m (NaN before). */
    public double lastObstacleDistance() {
        return lastObstacleDistance;
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

    /** The settings this core runs with. */
    public ControlSettings settings() {
        return settings;
    }
}
