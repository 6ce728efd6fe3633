package org.cponode.control;

import org.cponode.task.DiffDriveTask;

import org.cponode.node.NodeParameters;
import org.cponode.task.SafeArea;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.cponode.Allocations;
import org.cponode.learn.Learner;
import org.cponode.learn.OnlineLearner;
import org.cponode.learn.StepRing;
import org.cponode.learn.TrainedPolicy;
import org.cponode.parallel.WorkerPool;
import org.cponode.task.CircleGeometry;
import org.cponode.sim.DiffDriveCircle;
import org.cponode.task.DiffDriveModel;
import org.cponode.task.DiffDriveObservation;
import org.cponode.sim.StepOutcome;
import org.cponode.sim.Tasks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The control step with a hand-moved clock: observation, commands, supervisor, cost budget, swaps, allocation. */
class ControlCoreTest {

    private static final WorkerPool POOL = new WorkerPool(1);
    private static final double PERIOD = 0.05;

    @AfterAll
    static void closePool() {
        POOL.close();
    }

    static TrainedPolicy freshPolicy(long seed, long version, double measuredCost) {
        Learner l = new Learner(OnlineLearner.freshConfig(Tasks.spec(Tasks.DIFFDRIVE_CIRCLE), seed,
                new double[] {20}, 1), DiffDriveObservation.SIZE, 2, POOL);
        return TrainedPolicy.of(Tasks.DIFFDRIVE_CIRCLE, DiffDriveObservation.LAYOUT, version, new double[] {measuredCost},
                l.policy(), l.params(), l.normalizer());
    }

    /** The overrides, with no start-up grace unless they set one: most tests drive from the first step. */
    static Map<String, Object> withoutGrace(Map<String, Object> overrides) {
        Map<String, Object> p = new HashMap<>(overrides);
        p.putIfAbsent("startup_grace", 0.0);
        return p;
    }

    /** A core on a manual clock with a fixed policy. */
    static final class Rig {
        final ManualClock clock = new ManualClock();
        final FakeTransport transport = new FakeTransport();
        final SensorInputs inputs = new SensorInputs(clock);
        final AtomicReference<TrainedPolicy> active = new AtomicReference<>(freshPolicy(1, 0, Double.NaN));
        final AtomicReference<TrainedPolicy> lastSafe = new AtomicReference<>();
        final ControlCore core;

        Rig(Map<String, Object> overrides) {
            this(overrides, null);
        }

        Rig(Map<String, Object> overrides, OnlineLearner learner) {
            core = new ControlCore(NodeParameters.from(withoutGrace(overrides)).controlSettings(), clock, inputs, transport, active, lastSafe, learner);
        }

        void odom(double x, double y, double yaw, double v, double w) {
            inputs.odometry(clock.now, x, y, 0, 0, Math.sin(yaw / 2), Math.cos(yaw / 2), v, w);
        }

        /** Odometry now, then one period later a step. */
        void tick(double x, double y, double yaw, double v, double w) {
            odom(x, y, yaw, v, w);
            clock.advance(PERIOD);
            core.step();
        }

        boolean stopped() {
            return transport.linear == 0.0 && transport.angular == 0.0;
        }
    }

    @Test
    void observationAndCommandsMatchTheEmbeddedTask() {
        // Task origin away from the odometry origin: the node must subtract it, the task has it at 0.
        double ox = 2.0;
        double oy = -1.0;
        Rig rig = new Rig(Map.of("task_origin_x", ox, "task_origin_y", oy));
        TrainedPolicy policy = freshPolicy(1, 0, Double.NaN); // same weights as the node's, separate buffers
        DiffDriveCircle env = new DiffDriveCircle();
        SplittableRandom rng = new SplittableRandom(5);
        double[] obs = new double[DiffDriveObservation.SIZE];
        double[] nodeObs = new double[DiffDriveObservation.SIZE];
        double[] action = new double[2];
        StepOutcome out = new StepOutcome();
        env.reset(rng, obs);
        double v = 0;
        double w = 0;
        for (int t = 0; t < 200; t++) {
            rig.tick(env.x() + ox, env.y() + oy, env.yaw(), v, w);
            rig.core.copyObservation(nodeObs);
            assertArrayEquals(obs, nodeObs, 1e-12, "observation at step " + t);
            policy.meanAction(obs, action);
            env.step(action, rng, obs, out);
            assertEquals(env.commandedLinearVelocity(), rig.transport.linear, 1e-12, "v command at step " + t);
            assertEquals(env.commandedAngularVelocity(), rig.transport.angular, 1e-12, "w command at step " + t);
            v = env.linearVelocity();
            w = env.angularVelocity();
        }
        assertTrue(Math.abs(env.x()) + Math.abs(env.y()) > 0, "the robot moved");
    }

    @Test
    void nodeLimitsBelowTheModelsClampTheCommand() {
        Rig rig = new Rig(Map.of("max_linear_velocity", 0.05, "max_angular_velocity", 0.3,
                "max_linear_acceleration", 10.0, "max_angular_acceleration", 10.0));
        rig.active.set(constantPolicy(1.0, -1.0));
        rig.tick(0, 0, 0, 0, 0);
        assertEquals(0.05, rig.transport.linear, 1e-12);
        assertEquals(-0.3, rig.transport.angular, 1e-12);
        Rig slow = new Rig(Map.of("max_linear_acceleration", 0.5, "max_angular_acceleration", 1.0));
        slow.active.set(constantPolicy(1.0, 1.0));
        slow.tick(0, 0, 0, 0, 0);
        assertEquals(0.5 * PERIOD, slow.transport.linear, 1e-12, "acceleration limit");
        assertEquals(1.0 * PERIOD, slow.transport.angular, 1e-12);
    }

    /** A policy whose mean is (a, b) whatever the observation: zero weights, output biases set. */
    /**
     * Limits set while the core runs (a parameter set) wait for the next step and then take over together: the
     * velocity limits of the command and the budget the window is compared with.
     */
    @Test
    void limitsRequestedMidRunTakeOverTogetherAtTheNextStep() {
        Rig rig = new Rig(Map.of("max_linear_acceleration", 50.0, "max_angular_acceleration", 100.0));
        rig.active.set(constantPolicy(1.0, -1.0));
        for (int s = 0; s < 5; s++) {
            rig.tick(0.6, 0, 0, 0, 0); // outside the corridor: 1 cost step per step after the first
        }
        assertEquals(Mode.RUNNING, rig.core.mode());
        assertEquals(ControlCore.TRAINED_MODEL.maxLinearVelocity(), rig.transport.linear, 1e-12);
        assertEquals(-ControlCore.TRAINED_MODEL.maxAngularVelocity(), rig.transport.angular, 1e-12);
        rig.core.requestLimits(new LiveLimits(new double[] {6}, 0.1, 0.5));
        assertArrayEquals(new double[] {6}, rig.core.costLimits(), "in force from the next step");
        rig.odom(0.6, 0, 0, 0, 0);
        rig.clock.advance(PERIOD);
        assertEquals(ControlCore.TRAINED_MODEL.maxLinearVelocity(), rig.transport.linear, 1e-12,
                "nothing changes between steps");
        rig.core.step();
        assertEquals(Mode.RUNNING, rig.core.mode(), "5 cost steps, budget 6");
        assertEquals(0.1, rig.transport.linear, 1e-12, "the new speed limit at the first step after the request");
        assertEquals(-0.5, rig.transport.angular, 1e-12);
        rig.tick(0.6, 0, 0, 0, 0);
        assertEquals(Mode.FALLBACK_STOP, rig.core.mode(), "the sixth cost step spends the new budget");
        assertTrue(rig.stopped());
        assertThrows(IllegalArgumentException.class, () -> new LiveLimits(new double[] {-1}, 0.1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> rig.core.requestLimits(new LiveLimits(new double[] {1, 2},
                0.1, 0.5)), "one budget per constraint");
        assertArrayEquals(new double[] {6}, rig.core.costLimits(), "a refused request changes nothing");
    }

    static TrainedPolicy constantPolicy(double a, double b) {
        TrainedPolicy p = freshPolicy(1, 7, Double.NaN);
        double[] params = p.params().clone();
        java.util.Arrays.fill(params, 0.0);
        int biases = p.policy().logStdOffset() - 2;
        params[biases] = a;
        params[biases + 1] = b;
        return TrainedPolicy.of(p.task(), p.observationLayout(), p.version(), p.measuredCosts(), p.policy(), params,
                p.normalizer());
    }

    @Test
    void staleOdometryStopsWithinOnePeriodAndRecovers() {
        Rig rig = new Rig(Map.of());
        rig.active.set(constantPolicy(1.0, 0.5));
        rig.tick(0, 0, 0, 0, 0);
        assertNotEquals(0.0, rig.transport.linear);
        // No odometry for longer than sensor_timeout (0.5 s): the first step past it stops.
        int steps = 0;
        while (!rig.stopped()) {
            rig.clock.advance(PERIOD);
            rig.core.step();
            steps++;
            assertTrue(steps < 100);
        }
        assertTrue(rig.core.faults() == Fault.ODOMETRY_STALE.bit(), Fault.describe(rig.core.faults()));
        assertEquals(0.55, steps * PERIOD + PERIOD, 1e-9, "stopped at the first step with age > 0.5 s");
        rig.tick(0, 0, 0, 0, 0);
        assertEquals(Mode.RUNNING, rig.core.mode(), "fresh odometry clears the fault");
    }

    /** Odometry that keeps arriving with one frozen stamp is not live: it stops the robot like stale data. */
    @Test
    void odometryWithAFrozenStampStopsAfterTheTimeoutAndRecovers() {
        Rig rig = new Rig(Map.of());
        rig.active.set(constantPolicy(1.0, 0.5));
        rig.tick(0, 0, 0, 0, 0);
        double frozen = rig.clock.now; // a new stamp, arriving now: the last time it moves
        int steps = 0;
        while (!rig.stopped()) {
            rig.inputs.odometry(frozen, 0, 0, 0, 0, 0, 1, 0, 0); // arrives every step, stamp never moves
            rig.clock.advance(PERIOD);
            rig.core.step();
            steps++;
            assertTrue(steps < 100);
        }
        assertEquals(Fault.ODOMETRY_FROZEN.bit(), rig.core.faults(), Fault.describe(rig.core.faults()));
        assertEquals(0.55, steps * PERIOD, 1e-9, "stopped at the first step more than 0.5 s after the stamp moved");
        rig.tick(0, 0, 0, 0, 0);
        assertEquals(Mode.RUNNING, rig.core.mode(), "a moving stamp clears the fault");
    }

    @Test
    void wallClockGuardsAFrozenSimClock() {
        Rig rig = new Rig(Map.of());
        rig.tick(0, 0, 0, 0, 0);
        rig.clock.wall += 600_000_000L; // sim time stands still, wall time runs on
        rig.core.step();
        assertTrue(rig.stopped());
        assertEquals(Fault.ODOMETRY_STALE.bit(), rig.core.faults());
        rig.clock.silent = 600_000_000L;
        rig.core.step();
        assertTrue((rig.core.faults() & Fault.CLOCK_SILENT.bit()) != 0);
    }

    @Test
    void nonFiniteAndImplausibleOdometryStop() {
        Rig rig = new Rig(Map.of());
        rig.active.set(constantPolicy(1.0, 0.5));
        rig.tick(0, 0, 0, 0, 0);
        rig.tick(Double.NaN, 0, 0, 0, 0);
        assertTrue(rig.stopped());
        assertEquals(Fault.ODOMETRY_NOT_FINITE.bit(), rig.core.faults());
        rig.tick(0, 0, 0, Double.POSITIVE_INFINITY, 0);
        assertEquals(Fault.ODOMETRY_NOT_FINITE.bit(), rig.core.faults());
        rig.tick(0, 0, 0, 0, 0);
        assertEquals(Mode.RUNNING, rig.core.mode());
        rig.tick(0, 0, 0, 25.0, 0);
        assertEquals(Fault.ODOMETRY_OUT_OF_RANGE.bit(), rig.core.faults());
        assertTrue(rig.stopped());
        rig.inputs.odometry(rig.clock.now, 0, 0, 0, 0, 0, 0.5, 0, 0); // quaternion of norm 0.5
        rig.clock.advance(PERIOD);
        rig.core.step();
        assertEquals(Fault.ODOMETRY_OUT_OF_RANGE.bit(), rig.core.faults());
    }

    @Test
    void timeJumpLatchesUntilNewOdometry() {
        Rig rig = new Rig(Map.of());
        rig.active.set(constantPolicy(1.0, 0.5));
        rig.tick(0, 0, 0, 0, 0);
        rig.clock.now -= 5.0; // clock went back (e.g. simulation reset)
        rig.core.step();
        assertTrue(rig.stopped());
        assertTrue((rig.core.faults() & Fault.TIME_JUMP.bit()) != 0, Fault.describe(rig.core.faults()));
        rig.clock.advance(PERIOD);
        rig.core.step();
        assertTrue((rig.core.faults() & Fault.TIME_JUMP.bit()) != 0, "latched without new odometry");
        rig.tick(0, 0, 0, 0, 0);
        assertEquals(Mode.RUNNING, rig.core.mode());
        // Odometry stamps going back is a jump of the sender's clock.
        rig.inputs.odometry(rig.clock.now - 10, 0, 0, 0, 0, 0, 1, 0, 0);
        rig.clock.advance(PERIOD);
        rig.core.step();
        assertTrue((rig.core.faults() & Fault.TIME_JUMP.bit()) != 0);
        rig.tick(0, 0, 0, 0, 0);
        assertEquals(Mode.RUNNING, rig.core.mode());
    }

    @Test
    void estopTopicAndFleetLatchUntilExplicitRelease() {
        Rig rig = new Rig(Map.of());
        rig.active.set(constantPolicy(1.0, 0.5));
        rig.tick(0, 0, 0, 0, 0);
        rig.inputs.estop(true);
        rig.tick(0, 0, 0, 0, 0);
        assertTrue(rig.stopped());
        assertEquals(Mode.ESTOP, rig.core.mode());
        rig.tick(0, 0, 0, 0, 0);
        assertEquals(Mode.ESTOP, rig.core.mode(), "healthy data does not release an e-stop");
        rig.inputs.estop(false);
        rig.tick(0, 0, 0, 0, 0);
        assertEquals(Mode.RUNNING, rig.core.mode());
        rig.core.setFleetEstop(true);
        rig.inputs.estop(false);
        rig.tick(0, 0, 0, 0, 0);
        assertEquals(Mode.ESTOP, rig.core.mode(), "the topic cannot release the fleet's e-stop");
        rig.core.setFleetEstop(false);
        rig.tick(0, 0, 0, 0, 0);
        assertEquals(Mode.RUNNING, rig.core.mode());
    }

    @Test
    void scanAndImuAreWatchedWhenUsed() {
        Rig rig = new Rig(Map.of("use_scan", true, "use_imu", true));
        rig.tick(0, 0, 0, 0, 0);
        assertEquals(Fault.SCAN_UNHEALTHY.bit() | Fault.IMU_UNHEALTHY.bit(), rig.core.faults());
        rig.inputs.scan(rig.clock.now, true, 0, 0.1, 0.1, 3.5, new float[] {1f});
        rig.inputs.imu(rig.clock.now, false);
        rig.tick(0, 0, 0, 0, 0);
        assertEquals(Fault.IMU_UNHEALTHY.bit(), rig.core.faults());
        rig.inputs.imu(rig.clock.now, true);
        rig.inputs.scan(rig.clock.now, true, 0, 0.1, 0.1, 3.5, new float[] {1f});
        rig.tick(0, 0, 0, 0, 0);
        assertEquals(0, rig.core.faults());
    }

    @Test
    void spentBudgetStopsForTheRestOfTheWindow() {
        // 1 s windows of 20 steps, 3 cost steps allowed; the robot sits outside the corridor (x = 1 > 0.5).
        Rig rig = new Rig(Map.of("episode_window", 1.0, "cost_limits.outside", 3.0));
        rig.active.set(constantPolicy(1.0, 0.5));
        // The first pose follows no action and costs nothing; every later one costs 1, so step 3 spends it.
        for (int s = 0; s < 20; s++) {
            rig.tick(1.0, 0, 0, 0, 0);
            boolean spent = s >= 3;
            assertEquals(spent ? Mode.FALLBACK_STOP : Mode.RUNNING, rig.core.mode(), "step " + s);
            assertEquals(spent, rig.stopped(), "step " + s);
        }
        rig.tick(0.45, 0, 0, 0, 0);
        assertEquals(Mode.RUNNING, rig.core.mode(), "a new window restores the policy");
        assertEquals(19.0, rig.core.lastWindowCosts()[0], "steps 1..19 outside, step 20 (the last action's outcome) in");
        assertEquals(1, rig.core.fallbackWindows());
    }

    /**
     * With two constraints each has its window budget: the speed constraint's spends the window while the corridor's
     * is untouched, and the other way round; each window cost counts on its own.
     */
    @Test
    void eachConstraintHasItsOwnBudgetAndAnySpentOneTakesTheWindowOver() {
        Rig rig = new Rig(Map.of("task", "diffdrive-circle-2c", "episode_window", 1.0, "cost_limits.outside", 3.0,
                "cost_limits.speed", 2.0));
        assertEquals(List.of("outside", "speed"), rig.core.constraintNames());
        rig.active.set(constantPolicy(0.5, 0.0));
        // Window 0: inside the corridor but in its edge band (x = 0.4 > 0.3) at 0.2 m/s: speed costs 1 per step.
        for (int s = 0; s < 20; s++) {
            rig.tick(0.4, 0, 0, 0.2, 0);
            assertEquals(s >= 2 ? Mode.FALLBACK_STOP : Mode.RUNNING, rig.core.mode(), "step " + s);
            if (s == 2) {
                assertArrayEquals(new double[] {0, 2}, rig.core.windowCosts(), "speed spent, outside untouched");
            }
        }
        // Outside the corridor standing still: only the corridor's cost, 3 steps allowed.
        Map<String, Object> twoConstraints = Map.of("task", "diffdrive-circle-2c", "episode_window", 1.0,
                "cost_limits.outside", 3.0, "cost_limits.speed", 2.0);
        Rig outside = new Rig(twoConstraints);
        outside.active.set(constantPolicy(0.5, 0.0));
        for (int s = 0; s < 20; s++) {
            outside.tick(1.0, 0, 0, 0, 0);
            assertEquals(s >= 3 ? Mode.FALLBACK_STOP : Mode.RUNNING, outside.core.mode(), "outside, step " + s);
        }
        assertArrayEquals(new double[] {19, 0}, outside.core.windowCosts(), "standing still: speed costs nothing");
        outside.tick(1.0, 0, 0, 0, 0);
        assertArrayEquals(new double[] {20, 0}, outside.core.lastWindowCosts());
        // Slow in the band, or fast in the middle: no cost at all, the policy drives the whole window.
        for (double[] xv : new double[][] {{0.4, 0.1}, {0.0, 0.2}}) {
            Rig free = new Rig(twoConstraints);
            free.active.set(constantPolicy(0.5, 0.0));
            for (int s = 0; s < 20; s++) {
                free.tick(xv[0], 0, 0, xv[1], 0);
                assertEquals(Mode.RUNNING, free.core.mode(), "x " + xv[0] + ", v " + xv[1] + ", step " + s);
            }
            assertArrayEquals(new double[] {0, 0}, free.core.windowCosts());
        }
        // A limit set at run time names its constraint by position; an invalid one changes nothing.
        rig.core.setCostLimits(new double[] {3.0, 7.0});
        assertThrows(IllegalArgumentException.class, () -> rig.core.setCostLimits(new double[] {Double.NaN, 7.0}));
        assertArrayEquals(new double[] {3, 7}, rig.core.costLimits());
    }

    /**
     * With a speed constraint the way back never drives fast enough to pay it: a window handed to the "return"
     * fallback keeps below the speed constraint's threshold all the way into the corridor.
     */
    @Test
    void theWayBackOfATaskWithASpeedConstraintDrivesBelowItsSpeed() {
        Rig rig = new Rig(Map.of("task", "diffdrive-circle-2c", "episode_window", 20.0, "fallback", "return",
                "cost_limits.outside", 1.0, "return_inset", 0.1));
        rig.active.set(constantPolicy(1.0, 0.0));
        double x = 0.6; // outside, facing out: the first costing pose hands the window to the way back
        double yaw = 0.0;
        double fastest = 0;
        int returning = 0;
        for (int s = 0; s < 300; s++) {
            rig.tick(x, 0, yaw, rig.transport.linear, rig.transport.angular);
            if (rig.core.mode() == Mode.FALLBACK_RETURN) {
                returning++;
                fastest = Math.max(fastest, Math.abs(rig.transport.linear));
            }
            // the robot follows its command exactly
            yaw += rig.transport.angular * PERIOD;
            x += rig.transport.linear * Math.cos(yaw) * PERIOD;
        }
        assertTrue(returning > 0, "the way back drove");
        assertTrue(x < 0.5, "back inside the corridor: x " + x);
        assertTrue(fastest <= WayBack.SPEED_CONSTRAINT_MARGIN * DiffDriveTask.EDGE_SPEED_LIMIT + 1e-12,
                "fastest way-back command " + fastest);
        assertEquals(Mode.FALLBACK_STOP, rig.core.mode(), "parked inside");
    }

    @Test
    void returnFallbackBacksIntoTheSafeAreaBeforeTheBudgetIsSpentThenStops() {
        // 2 s windows of 40 steps, 30 cost steps allowed. The robot sits 0.1 m outside the corridor facing out;
        // the way back to 0.1 m inside (reverse, no turn) takes ceil((0.2 / 0.22 + 0.22 / 2.5) / 0.05) = 20 steps,
        // + a margin of 5 (set here, not the default).
        Rig rig = new Rig(Map.of("episode_window", 2.0, "cost_limits.outside", 30.0, "fallback", "return", "return_inset", 0.1,
                "return_margin_steps", 5L));
        rig.active.set(constantPolicy(1.0, 0.0));
        for (int s = 0; s < 5; s++) {
            rig.tick(0.6, 0, 0, 0, 0);
            assertEquals(Mode.RUNNING, rig.core.mode(), "cost " + s + " + 25 steps back < 30: step " + s);
        }
        double driving = rig.transport.linear;
        assertTrue(driving > 0);
        rig.tick(0.6, 0, 0, 0, 0);
        assertEquals(Mode.FALLBACK_RETURN, rig.core.mode(), "cost 5 + 25 steps back reaches the budget");
        assertTrue(rig.transport.linear < driving, "braking within the acceleration limit: " + rig.transport.linear);
        assertEquals(0.0, rig.transport.angular, 1e-12);
        assertEquals(1, rig.core.fallbackWindows());
        rig.tick(0.6, 0, 0, 0, 0);
        assertTrue(rig.transport.linear < 0, "facing away from the corridor: it reverses, " + rig.transport.linear);
        assertEquals(Mode.FALLBACK_RETURN, rig.core.mode());
        rig.tick(0.45, 0, 0, -0.1, 0);
        assertEquals(Mode.FALLBACK_RETURN, rig.core.mode(), "inside, but not yet return_inset (0.1 m) deep");
        rig.tick(0.38, 0, 0, -0.1, 0);
        assertEquals(Mode.FALLBACK_STOP, rig.core.mode(), "0.12 m inside: parked for the rest of the window");
        assertTrue(rig.stopped());
        rig.tick(0.48, 0, 0, 0, 0);
        assertEquals(Mode.FALLBACK_STOP, rig.core.mode(), "odometry noise within the corridor does not restart it");
        for (int s = 10; s < 40; s++) {
            rig.tick(0.45, 0, 0, 0, 0);
        }
        assertEquals(Mode.FALLBACK_STOP, rig.core.mode());
        rig.tick(0.45, 0, 0, 0, 0);
        assertEquals(Mode.RUNNING, rig.core.mode(), "a new window restores the policy");
        assertEquals(6.0, rig.core.lastWindowCosts()[0], "the window cost stayed within its budget");
    }

    @Test
    void returnFallbackTakesOverBeforeARobotItCannotBringBackInTimeLeaves() {
        // 10 cost steps allowed. Driving at 0.2 m/s: along the edge 2 cm inside, or straight out from 0.3 m inside,
        // the robot stays in (0.2 * (8 * 0.05 + 0.2 / 5) = 0.088 m of reaction and braking with the default margin);
        // straight out from 2 cm inside it would leave, and the way back from there is more than the budget: taken
        // over at once.
        Map<String, Object> settings = Map.of("episode_window", 2.0, "cost_limits.outside", 10.0, "fallback", "return");
        Rig along = new Rig(settings);
        along.active.set(constantPolicy(1.0, 0.0));
        along.tick(0.48, 0, Math.PI / 2, 0.2, 0);
        assertEquals(Mode.RUNNING, along.core.mode(), "along the edge");
        Rig deep = new Rig(settings);
        deep.active.set(constantPolicy(1.0, 0.0));
        deep.tick(0.2, 0, 0, 0.2, 0);
        assertEquals(Mode.RUNNING, deep.core.mode(), "0.3 m inside");
        Rig leaving = new Rig(settings);
        leaving.active.set(constantPolicy(1.0, 0.0));
        leaving.tick(0.48, 0, 0, 0.2, 0);
        assertEquals(Mode.FALLBACK_RETURN, leaving.core.mode(), "2 cm inside, heading out");
        assertEquals(0.0, leaving.core.windowCosts()[0], "before any cost");
        assertTrue(leaving.transport.linear < 0, "backing in: " + leaving.transport.linear);
    }

    @Test
    void aReturnInsetTheCorridorCannotHoldIsRefused() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> NodeParameters.from(Map.of("fallback", "return", "return_inset", 0.5)));
        assertTrue(e.getMessage().contains("'return_inset' (0.5 m) must be below corridor_half_width"), e.getMessage());
        NodeParameters.from(Map.of("fallback", "stop", "return_inset", 0.5)); // irrelevant without "return"
    }

    @Test
    void escapeFindsTheWayBackIntoCorridorAndPolygon() {
        double[] u = new double[2];
        SafeArea corridor = SafeArea.corridor(CircleGeometry.ROOM);
        assertEquals(-0.2, corridor.escape(0.3, 2.0, u), 1e-12);
        assertEquals(-1.0, u[0], "inside, deeper in is towards the centre line");
        assertEquals(0.2, corridor.escape(-0.7, 1.0, u), 1e-12);
        assertEquals(1.0, u[0]);
        assertEquals(0.0, u[1]);
        SafeArea square = SafeArea.parse(CircleGeometry.ROOM, "[[-2, -2], [2, -2], [2, 2], [-2, 2]]");
        assertEquals(-0.1, square.escape(1.9, -1.5, u), 1e-12);
        assertEquals(-1.0, u[0], 1e-12);
        assertEquals(0.0, u[1], 1e-12);
        assertEquals(1.0, square.escape(3.0, 0.5, u), 1e-12);
        assertEquals(-1.0, u[0], 1e-12);
        assertEquals(0.0, u[1], 1e-12);
        assertEquals(0.0, square.escape(2.0, 0.5, u), 1e-12, "on an edge");
        assertEquals(-1.0, u[0], 1e-12, "into the area along the edge's normal");
        assertEquals(0.0, u[1], 1e-12);
        assertEquals(Math.sqrt(2), square.escape(3.0, 3.0, u), 1e-12);
        assertEquals(-Math.sqrt(0.5), u[0], 1e-12);
        assertEquals(-Math.sqrt(0.5), u[1], 1e-12);
    }

    @Test
    void lastSafeFallbackDrivesWithTheSafeVersion() {
        Rig rig = new Rig(Map.of("episode_window", 1.0, "cost_limits.outside", 1.0, "fallback", "last_safe"));
        rig.active.set(constantPolicy(1.0, 0.5));
        rig.tick(1.0, 0, 0, 0, 0);
        rig.tick(1.0, 0, 0, 0, 0);
        assertEquals(Mode.FALLBACK_STOP, rig.core.mode(), "no safe version known: stop");
        TrainedPolicy safe = constantPolicy(-0.5, 0.0);
        rig.lastSafe.set(safe);
        rig.tick(1.0, 0, 0, 0, 0);
        assertEquals(Mode.FALLBACK_LAST_SAFE, rig.core.mode());
        assertEquals(-0.5 * DiffDriveModel.BURGER.maxLinearVelocity(), rig.transport.linear, 1e-12);
        assertEquals(safe.version(), rig.core.actingVersion());
    }

    @Test
    void polygonSafeAreaChangesTheCost() {
        Rig rig = new Rig(Map.of("episode_window", 1.0, "cost_limits.outside", 1.0,
                "safe_polygon", "[[-2, -2], [2, -2], [2, 2], [-2, 2]]"));
        for (int s = 0; s < 5; s++) {
            rig.tick(1.0, 0, 0, 0, 0); // outside the corridor but inside the polygon
        }
        assertEquals(Mode.RUNNING, rig.core.mode());
        rig.tick(1.5, 0, 0, 0, 0);
        rig.tick(1.9, 0, 0, 0, 0);
        assertEquals(Mode.RUNNING, rig.core.mode(), "still inside the polygon");
        rig.tick(2.4, 0, 0, 0, 0);
        assertEquals(Mode.FALLBACK_STOP, rig.core.mode());
        SafeArea corridor = SafeArea.corridor(CircleGeometry.ROOM);
        assertEquals(DiffDriveTask.cost(CircleGeometry.ROOM, 0.7), corridor.cost(0.7, 5.0));
    }

    @Test
    void nonFiniteActionsAndFailedStepsPublishZero() {
        Rig rig = new Rig(Map.of());
        rig.active.set(constantPolicy(1.0, 0.5));
        rig.tick(0, 0, 0, 0, 0);
        assertTrue(!rig.stopped());
        rig.active.set(constantPolicy(Double.NaN, 0.0));
        rig.tick(0, 0, 0, 0, 0);
        assertTrue(rig.stopped());
        assertEquals(Mode.FAULT, rig.core.mode());
        assertEquals(Fault.POLICY_NOT_FINITE.bit(), rig.core.faults());
        rig.active.set(constantPolicy(1.0, 0.5));
        rig.tick(0, 0, 0, 0, 0);
        assertEquals(Mode.RUNNING, rig.core.mode());
        rig.core.stepFailed(new IllegalStateException("test"));
        assertTrue(rig.stopped());
        assertEquals(Mode.FAULT, rig.core.mode());
        assertTrue((rig.core.faults() & Fault.STEP_FAILED.bit()) != 0);
    }

    /**
     * A step whose command and then whose zero both fail to publish (with Errors) must neither end the loop's
     * thread nor leave the last command standing: the fault shows at once and the next steps retry the zero.
     */
    @Test
    void aFailingTransportNeitherStopsTheLoopNorLeavesTheLastCommand() throws Exception {
        Rig rig = new Rig(Map.of());
        rig.active.set(constantPolicy(1.0, 0.5));
        rig.tick(0, 0, 0, 0, 0);
        assertTrue(!rig.stopped(), "the policy drives");
        rig.transport.failures = 3;
        try (ControlLoop loop = new ControlLoop(rig.core, rig.clock)) {
            loop.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while ((rig.transport.failures > 0 || !rig.stopped()) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(0, rig.transport.failures);
            assertTrue(rig.stopped(), "zero published once the transport works again");
            assertEquals(Mode.FAULT, rig.core.mode());
            long steps = rig.core.steps();
            while (rig.core.steps() < steps + 3 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(rig.core.steps() >= steps + 3, "the loop keeps stepping");
        }
    }

    @Test
    void newPolicyTakesOverAtTheNextStep() {
        Rig rig = new Rig(Map.of());
        rig.tick(0, 0, 0, 0, 0);
        assertEquals(0, rig.core.actingVersion());
        rig.active.set(constantPolicy(0.2, 0.0));
        rig.tick(0, 0, 0, 0, 0);
        assertEquals(7, rig.core.actingVersion());
    }

    @Test
    void steadyStateStepsAllocateNothingWhileLearning(@TempDir Path dir) {
        AtomicReference<TrainedPolicy> active = new AtomicReference<>();
        AtomicReference<TrainedPolicy> lastSafe = new AtomicReference<>();
        Learner l = new Learner(OnlineLearner.freshConfig(Tasks.spec(Tasks.DIFFDRIVE_CIRCLE), 1, new double[] {20}, 1),
                DiffDriveObservation.SIZE, 2, POOL);
        // The learner thread is not started: the ring fills and then drops, both paths must be allocation-free.
        OnlineLearner learner = new OnlineLearner(l, 0, new OnlineLearner.Settings(1, new double[] {20}, dir, "t",
                DiffDriveObservation.LAYOUT, 1, 0.0), active, lastSafe, 4096, POOL, new OnlineLearner.Listener() {
                    @Override
                    public void updated(OnlineLearner.Update update) {}

                    @Override
                    public void failed(String message) {}
                });
        ManualClock clock = new ManualClock();
        FakeTransport transport = new FakeTransport();
        SensorInputs inputs = new SensorInputs(clock);
        ControlCore core = new ControlCore(NodeParameters.from(withoutGrace(Map.of("learning", true,
                "episode_window", 1.0))).controlSettings(),
                clock, inputs, transport, active, lastSafe, learner);
        // Warm up long enough for the JIT to finish compiling the step (its compiles allocate on this thread).
        runSteps(core, inputs, clock, 60_000);
        long allocated = Allocations.fewest(3, 1024, () -> runSteps(core, inputs, clock, 20_000));
        assertTrue(allocated < 1024, "20,000 steps allocated " + allocated + " bytes");
        assertTrue(learner.ring().dropped() > 0, "the drop path was exercised");
        learner.close();
    }

    private static void runSteps(ControlCore core, SensorInputs inputs, ManualClock clock, int n) {
        for (int i = 0; i < n; i++) {
            double t = clock.now * 0.2; // continuous across calls: a pose that jumped would be a fault
            // Inside the corridor: steady state, no mode changes (whose log lines allocate).
            inputs.odometry(clock.now, 0.3 * Math.cos(t), 1.5 * Math.sin(t), 0, 0, Math.sin(t / 2), Math.cos(t / 2),
                    0.1, 0.2);
            clock.advance(PERIOD);
            core.step();
        }
    }

    /** A learning core whose online learner's thread is not started, so the ring keeps every record. */
    private static final class RecordingRig {
        final ManualClock clock = new ManualClock();
        final SensorInputs inputs = new SensorInputs(clock);
        final OnlineLearner learner;
        final ControlCore core;

        RecordingRig(Path dir, Map<String, Object> overrides) {
            Map<String, Object> p = new HashMap<>(overrides);
            p.put("learning", true);
            NodeParameters params = NodeParameters.from(withoutGrace(p));
            AtomicReference<TrainedPolicy> active = new AtomicReference<>();
            Learner l = new Learner(OnlineLearner.freshConfig(Tasks.spec(Tasks.DIFFDRIVE_CIRCLE), 1, new double[] {20}, 1),
                    DiffDriveObservation.SIZE, 2, POOL);
            learner = new OnlineLearner(l, 0, new OnlineLearner.Settings(1, params.costLimits(), dir, "t",
                    DiffDriveObservation.LAYOUT, 1, 0.0), active, new AtomicReference<>(), 256, POOL, null);
            core = new ControlCore(params.controlSettings(), clock, inputs, new FakeTransport(), active, new AtomicReference<>(), learner);
        }

        /** Odometry at (x, 0) facing +x at linear speed v, then one period later a step. */
        void step(double x, double v) {
            inputs.odometry(clock.now, x, 0, 0, 0, 0, 1, v, 0);
            clock.advance(PERIOD);
            core.step();
        }

        /** The records in the ring, oldest first. */
        List<StepRing.Step> records() {
            List<StepRing.Step> out = new ArrayList<>();
            StepRing.Step s = new StepRing.Step(DiffDriveObservation.SIZE, 2, 1);
            while (learner.ring().poll(s)) {
                out.add(s);
                s = new StepRing.Step(DiffDriveObservation.SIZE, 2, 1);
            }
            return out;
        }
    }

    @Test
    void learningRecordsCompleteStepsWithTheirOutcome(@TempDir Path dir) {
        RecordingRig rig = new RecordingRig(dir, Map.of("episode_window", 1.0));
        for (int i = 0; i < 5; i++) {
            rig.step(0.6 + 0.1 * i, 0.1);
        }
        // Five steps: four completed records (the fifth waits for its outcome), one path, cost 1 each (x > 0.5).
        List<StepRing.Step> records = rig.records();
        for (int n = 0; n < records.size(); n++) {
            StepRing.Step s = records.get(n);
            assertEquals(1.0, s.costs[0]);
            assertEquals(0, s.policyVersion);
            assertEquals(0, s.windowIndex);
            assertEquals(1, s.pathId);
            assertEquals((0.6 + 0.1 * n) / 1.5, s.rawObservation[DiffDriveObservation.X_OVER_RADIUS], 1e-12,
                    "record " + n + " holds the observation its action was chosen from");
        }
        assertEquals(4, records.size());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aPathTheSupervisorCutsIsChargedTheRestOfItsWindowWithTheBound(boolean bound, @TempDir Path dir) {
        // 1 s windows of 20 steps, 3 cost steps allowed, the robot outside the corridor from the first step.
        RecordingRig rig = new RecordingRig(dir, Map.of("episode_window", 1.0, "cost_limits.outside", 3.0,
                "intervention_bound", bound));
        // Outside for steps 0..9, back inside from step 10 on, and one step into the next window.
        for (int i = 0; i < 21; i++) {
            rig.step(i < 10 ? 1.0 : 0.0, 0);
        }
        // The poses of steps 1..9 cost 1 each (step 0's follows no action); at step 3 the window's cost reaches 3,
        // so the supervisor drives steps 3..19 and the policy's three actions (chosen at steps 0..2) are the path.
        List<StepRing.Step> records = rig.records();
        assertEquals(3, records.size(), "the third action's outcome is observed at the take-over step and carries"
                + " the charge");
        assertEquals(1.0, records.get(0).costs[0]);
        assertEquals(bound ? 1.0 + 17 : 1.0 + 6, records.get(2).costs[0], 1e-12, bound
                ? "the take-over at step 3 leaves 17 steps of the window: the bound charges them all"
                : "measured: the 6 costs of the supervisor's steps 3..8 (observed at 4..9) are added as they come");
        assertEquals(Mode.RUNNING, rig.core.mode(), "the next window starts with the policy");
    }

    @Test
    void theReturnFallbacksTakeOverIsChargedFromItsOwnStep(@TempDir Path dir) {
        // As returnFallbackBacksIntoTheSafeAreaBeforeTheBudgetIsSpentThenStops: 40-step windows, budget 30, the
        // robot 0.1 m outside facing out, 25 steps back; cost 1 per step, so the take-over comes at step 4.
        RecordingRig rig = new RecordingRig(dir, Map.of("episode_window", 2.0, "cost_limits.outside", 30.0,
                "fallback", "return", "return_inset", 0.1, "return_margin_steps", 5L));
        for (int i = 0; i < 6; i++) {
            rig.step(0.6, 0);
        }
        assertEquals(Mode.FALLBACK_RETURN, rig.core.mode());
        List<StepRing.Step> records = rig.records();
        assertEquals(5, records.size(), "actions chosen at steps 0..4, the last one's outcome seen at the take-over"
                + " step 5");
        assertEquals(5 + 35, records.stream().mapToDouble(r -> r.costs[0]).sum(), 1e-12,
                "1 per policy step (steps 1..5 observed) + the 35 steps 5..39 left");
    }

    @Test
    void theLastActionOfAWindowPaysItsOutcomeThereAndTheNextWindowStartsWithItsWholeBudget(@TempDir Path dir) {
        // cost_limits.outside 1: a robot that crosses out exactly as window 1 begins.
        RecordingRig rig = new RecordingRig(dir, Map.of("episode_window", 1.0, "cost_limits.outside", 1.0));
        for (int i = 0; i < 21; i++) {
            rig.step(i < 20 ? 0.0 : 0.55, 0);
        }
        assertEquals(Mode.RUNNING, rig.core.mode(), "window 1 has spent nothing yet");
        assertEquals(1.0, rig.core.lastWindowCosts()[0], "the pose window 0's last action led to is window 0's cost");
        List<StepRing.Step> records = rig.records();
        for (StepRing.Step s : records) {
            assertEquals(0, s.windowIndex);
        }
        assertEquals(20, records.size(), "window 0's 20 actions");
        assertEquals(1.0, records.getLast().costs[0], 1e-12, "its last action pays its own outcome only");
        rig.step(1.0, 0);
        assertEquals(Mode.FALLBACK_STOP, rig.core.mode(), "window 1's first cost spends its budget of 1");
    }

    /**
     * A message that arrives while a step runs, just after the step took its time, is no "odometry from the
     * future": the core reads odometry before it takes the step's time (at kHz odometry rates this happened once
     * every few dozen steps, each a spurious stale fault and a zero command).
     */
    @Test
    void odometryArrivingDuringAStepIsNoFault() {
        Rig rig = new Rig(Map.of());
        rig.active.set(constantPolicy(0.5, 0.0));
        InterleavingClock clock = new InterleavingClock(rig.clock, rig.inputs);
        ControlCore core = new ControlCore(NodeParameters.from(withoutGrace(Map.of())).controlSettings(), clock,
                rig.inputs,
                rig.transport, rig.active, rig.lastSafe, null);
        rig.inputs.odometry(rig.clock.now, 0, 0, 0, 0, 0, 1, 0, 0);
        for (int s = 0; s < 200; s++) {
            clock.deliverOnNextTime = true;
            rig.clock.advance(PERIOD);
            core.step();
            assertEquals(0, core.faults(), "step " + s + ": " + Fault.describe(core.faults()));
            assertEquals(Mode.RUNNING, core.mode());
        }
    }

    /**
     * A clock that, when asked for the time with {@code deliverOnNextTime} set, answers the time it had and then
     * lets a new odometry message arrive a microsecond later, as a transport thread would in between.
     */
    private static final class InterleavingClock extends NodeClock {
        private final ManualClock base;
        private final SensorInputs inputs;
        boolean deliverOnNextTime;

        InterleavingClock(ManualClock base, SensorInputs inputs) {
            this.base = base;
            this.inputs = inputs;
        }

        @Override
        public double now() {
            double answer = base.now;
            if (deliverOnNextTime) {
                deliverOnNextTime = false;
                base.advance(1e-6);
                inputs.odometry(base.now, 0, 0, 0, 0, 0, 1, 0, 0);
            }
            return answer;
        }

        @Override
        public long wallNanos() {
            return base.wall;
        }
    }

    /**
     * Closing a loop on simulated time stops it at once, as on wall time, not at the next tick or the wall guard
     * (two periods: 2 s here at 1 Hz), so the shutdown zeros go out without waiting for the simulation.
     */
    @Test
    @org.junit.jupiter.api.Timeout(30)
    void closingALoopOnSimTimeDoesNotWaitForTheNextTick() throws InterruptedException {
        NodeClock.Simulated clock = new NodeClock.Simulated();
        clock.set(100.0);
        SensorInputs inputs = new SensorInputs(clock);
        FakeTransport transport = new FakeTransport();
        ControlCore core = new ControlCore(NodeParameters.from(Map.of("control_rate", 1.0, "use_sim_time", true, "sensor_timeout", 3.0))
                .controlSettings(), clock, inputs, transport, new AtomicReference<>(freshPolicy(1, 0, Double.NaN)),
                new AtomicReference<>(), null);
        ControlLoop loop = new ControlLoop(core, clock);
        loop.start();
        while (core.steps() == 0) {
            Thread.sleep(1);
        }
        Thread.sleep(50); // the loop now waits for simulated time 101 s, which never comes
        transport.linear = Double.NaN;
        long start = System.nanoTime();
        assertEquals(ControlLoop.STOP_ZEROS, loop.stopWithZeros());
        long took = System.nanoTime() - start;
        assertEquals(0.0, transport.linear, "the zeros went out");
        assertTrue(took < 1_000_000_000L, "closing waited " + took / 1e6 + " ms: for the tick or the wall guard");
    }

    /**
     * Odometry that moves further between two messages than a robot can is a fault until a message consistent
     * with its predecessor arrives: poses alternating 0 m / 100 m every 50 ms stop the robot throughout.
     */
    @Test
    void physicallyImpossiblePoseJumpsStopTheRobot() {
        Rig rig = new Rig(Map.of());
        rig.active.set(constantPolicy(1.0, 0.0));
        rig.tick(0, 0, 0, 0, 0);
        assertEquals(Mode.RUNNING, rig.core.mode());
        for (int i = 0; i < 20; i++) {
            rig.tick(i % 2 == 0 ? 100.0 : 0.0, 0, 0, 0, 0);
            assertEquals(Fault.ODOMETRY_JUMP.bit(), rig.core.faults(), "step " + i);
            assertTrue(rig.stopped());
        }
        rig.tick(0.0, 0, 0, 0, 0);
        assertEquals(Mode.RUNNING, rig.core.mode(), "a consistent message clears it");
        rig.tick(0.55, 0, 0, 0, 0);
        assertEquals(Mode.RUNNING, rig.core.mode(), "0.55 m in 50 ms: fast, but within 10 m/s plus 0.1 m");
        rig.tick(1.3, 0, 0, 0, 0);
        assertEquals(Fault.ODOMETRY_JUMP.bit(), rig.core.faults(), "0.75 m in 50 ms is not");
    }

    /**
     * The start-up grace: zero velocity for startup_grace seconds of wall time from the first step, so an e-stop
     * latched before the start is received before the robot moves; the policy drives once it is over.
     */
    @Test
    void theStartUpGraceHoldsTheRobotAtFirst() {
        Rig rig = new Rig(Map.of("startup_grace", 0.5));
        rig.active.set(constantPolicy(1.0, 0.0));
        for (int s = 0; s < 10; s++) {
            rig.tick(0, 0, 0, 0, 0);
            assertEquals(Fault.STARTING.bit(), rig.core.faults(), "step " + s);
            assertTrue(rig.stopped());
        }
        rig.tick(0, 0, 0, 0, 0);
        assertEquals(Mode.RUNNING, rig.core.mode(), "0.55 s after the first step");
        assertTrue(rig.transport.linear > 0);
    }

    /**
     * A latched e-stop that reaches a starting node 0.3 s after its first step (discovery, then the publisher's
     * history) with odometry already flowing: with the default start-up grace the robot never moves.
     */
    @Test
    void aLatchedEstopArrivingAfterTheStartIsHonouredBeforeAnyMotion() {
        double grace = NodeParameters.defaults().startupGrace();
        assertTrue(grace >= 0.5, "the default grace covers discovery on a robot's network: " + grace);
        Rig rig = new Rig(Map.of("startup_grace", grace));
        rig.active.set(constantPolicy(1.0, 0.5));
        for (int s = 0; s < 40; s++) {
            if (s == 6) {
                rig.inputs.estop(true);
            }
            rig.tick(0, 0, 0, 0, 0);
            assertTrue(rig.stopped(), "step " + s + ": " + rig.core.mode());
        }
        assertEquals(Mode.ESTOP, rig.core.mode());
    }

    /** A 360-ray scan, 1 degree apart from angle 0 (forward): {@code ahead} m within 20 degrees of forward, {@code
     * behind} m within 20 degrees of backward, nothing (+inf) elsewhere. */
    private static float[] scan(double ahead, double behind) {
        float[] r = new float[360];
        for (int i = 0; i < 360; i++) {
            int fromForward = Math.min(i, 360 - i);
            r[i] = fromForward <= 20 ? (float) ahead : fromForward >= 160 ? (float) behind : Float.POSITIVE_INFINITY;
        }
        return r;
    }

    private static void tickWithScan(Rig rig, float[] ranges) {
        rig.inputs.scan(rig.clock.now, true, 0, Math.toRadians(1), 0.12, 3.5, ranges);
        rig.tick(0, 0, 0, 0.1, 0);
    }

    /**
     * The stop zone holds the robot when an obstacle is near in the direction it is driving, and only then: not
     * for one behind a robot driving forward, nor for a pure turn; the slow-down zone scales the command.
     */
    @Test
    void rangeZonesStopAndSlowInTheDirectionOfTravel() {
        Map<String, Object> zones = Map.of("use_scan", true, "stop_zone_distance", 0.3, "slow_zone_distance", 0.6,
                "slow_zone_factor", 0.5);
        Rig forward = new Rig(zones);
        forward.active.set(constantPolicy(1.0, 0.0));
        tickWithScan(forward, scan(2.0, 0.1));
        assertEquals(Mode.RUNNING, forward.core.mode(), "an obstacle behind a robot driving forward");
        double free = forward.transport.linear;
        assertTrue(free > 0);
        tickWithScan(forward, scan(0.2, 2.0));
        assertEquals(Mode.ZONE_STOP, forward.core.mode(), "0.2 m ahead, inside the 0.3 m stop zone");
        assertTrue(forward.stopped());
        assertEquals(1, forward.core.zoneInterventions());
        tickWithScan(forward, scan(2.0, 2.0));
        assertEquals(Mode.RUNNING, forward.core.mode(), "clear again");
        double ramped = forward.transport.linear;
        tickWithScan(forward, scan(0.5, 2.0));
        assertEquals(Mode.RUNNING, forward.core.mode());
        assertEquals(0.5, forward.core.lastZoneFactor());
        assertTrue(forward.transport.linear < ramped + 1e-9, "slowed: " + forward.transport.linear);

        // REP 117's -inf is an object too close to measure: a stop; a driver's 0 for "no return" is not one.
        tickWithScan(forward, scan(Double.NEGATIVE_INFINITY, 2.0));
        assertEquals(Mode.ZONE_STOP, forward.core.mode(), "-inf ahead: too close to measure");
        tickWithScan(forward, scan(0.0, 2.0));
        assertEquals(Mode.RUNNING, forward.core.mode(), "0 is below range_min: no reading");

        Rig reverse = new Rig(zones);
        reverse.active.set(constantPolicy(-1.0, 0.0));
        tickWithScan(reverse, scan(0.1, 2.0));
        assertEquals(Mode.RUNNING, reverse.core.mode(), "an obstacle ahead of a robot reversing");
        tickWithScan(reverse, scan(2.0, 0.2));
        assertEquals(Mode.ZONE_STOP, reverse.core.mode(), "0.2 m behind a robot reversing");

        Rig turning = new Rig(zones);
        turning.active.set(constantPolicy(0.0, 1.0));
        tickWithScan(turning, scan(0.05, 0.05));
        assertEquals(Mode.RUNNING, turning.core.mode(), "a pure turn has no direction of travel");
        assertTrue(turning.transport.angular > 0);

        assertThrows(IllegalArgumentException.class, () -> NodeParameters.from(Map.of("stop_zone_distance", 0.3)),
                "zones need the scan");
    }

    /**
     * A zone that overrides the policy is an intervention for the learner: that step is not the policy's, and
     * the action that led into the zone pays what the step could cost (the bound) or what it did cost (measured).
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aZoneInterventionIsChargedToThePathThatLedThere(boolean bound, @TempDir Path dir) {
        Map<String, Object> p = new HashMap<>(Map.of("use_scan", true, "stop_zone_distance", 0.3,
                "episode_window", 1.0, "intervention_bound", bound));
        RecordingRig rig = new RecordingRig(dir, p);
        float[] clear = scan(2.0, 2.0);
        float[] blocked = scan(0.2, 0.2);
        for (int i = 0; i < 6; i++) {
            rig.inputs.scan(rig.clock.now, true, 0, Math.toRadians(1), 0.12, 3.5, i == 3 ? blocked : clear);
            rig.step(0.6, 0.1); // outside the corridor: every observed pose costs 1
        }
        // Steps 0..2 policy, 3 the zone (obstacles ahead and behind hold any motion), 4..5 policy again.
        assertEquals(1, rig.core.zoneInterventions());
        List<StepRing.Step> records = rig.records();
        assertEquals(4, records.size(), "actions 0, 1, 2 and 4 (5 waits for its outcome)");
        assertEquals(2.0, records.get(2).costs[0], 1e-12, bound
                ? "the action that led into the zone pays its outcome and the most the zone step could cost"
                : "the action that led into the zone pays its outcome and the zone step's measured cost");
        assertTrue(records.get(3).pathId != records.get(2).pathId, "the zone step cut the path");
    }
}
