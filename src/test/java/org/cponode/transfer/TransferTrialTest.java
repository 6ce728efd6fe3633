package org.cponode.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cponode.learn.Checkpoint;
import org.cponode.learn.PolicyCompatibility;
import org.cponode.learn.TestCheckpoints;
import org.cponode.parallel.WorkerPool;
import org.cponode.sim.DiffDriveDynamics;
import org.cponode.task.DiffDriveObservation;
import org.cponode.sim.Tasks;
import org.cponode.transfer.TransferTrial.Phase;
import org.cponode.transfer.TransferTrial.Result;
import org.cponode.transfer.TransferTrial.Settings;
import org.cponode.transfer.TransferTrial.Window;
import org.junit.jupiter.api.Test;

/** The trial's phases, supervisor, budget and updates, on a scripted robot and on the perturbed simulator. */
class TransferTrialTest {

    /** A scripted diffdrive robot for the trial: subclasses script the windows. */
    private abstract static class TestRobot implements TargetRobot {
        final double[] observation = new double[DiffDriveObservation.SIZE];
        final double[] action = new double[2];
        private final String name;
        private final int steps;

        TestRobot(String name, int steps) {
            this.name = name;
            this.steps = steps;
        }

        @Override
        public String description() {
            return name;
        }

        @Override
        public PolicyCompatibility.Requirements requirements() {
            return PolicyCompatibility.Requirements.forTask(Tasks.DIFFDRIVE_CIRCLE);
        }

        @Override
        public int windowSteps() {
            return steps;
        }

        @Override
        public void close() {}
    }

    /**
     * A robot that costs 1 and rewards 0.5 on every step and records which steps were stopped; it can be told to
     * fail in one window, as a real robot might part-way through a trial.
     */
    private static final class ScriptedRobot extends TestRobot {
        static final int STEPS = 20;
        int[] drivenPerWindow = new int[16];
        private final long failingWindow;

        ScriptedRobot() {
            this(-1);
        }

        ScriptedRobot(long failingWindow) {
            super("scripted", STEPS);
            this.failingWindow = failingWindow;
        }

        @Override
        public void runWindow(long window, StepDriver driver) {
            if (window == failingWindow) {
                throw new IllegalStateException("robot lost (test)");
            }
            for (int t = 0; t < STEPS; t++) {
                observation[0] = t * 0.1;
                if (driver.act(observation, action)) {
                    drivenPerWindow[(int) window]++;
                }
                driver.outcome(0.5, 1.0);
            }
        }
    }

    /** A trial that fails part-way keeps the windows it ran and the policy its last update made, on disk. */
    @Test
    void aTrialStoppedPartWayKeepsItsWindowsAndPolicy(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        Settings settings = new Settings(8, 1, 2, 10, 0.5, 0.1, 4);
        List<Long> saved = new java.util.ArrayList<>();
        try (WorkerPool pool = new WorkerPool(1)) {
            TrialProgressFiles files = new TrialProgressFiles(dir, 10, new TransferTrial.Listener() {
                @Override
                public void windowDone(Window window, TransferTrial.Update updateOrNull) {}

                @Override
                public void policyUpdated(Checkpoint policy) {
                    saved.add(Long.parseLong(policy.require("policy_version")));
                }
            });
            assertThrows(IllegalStateException.class, () -> TransferTrial.run(
                    TestCheckpoints.untrained(Tasks.DIFFDRIVE_CIRCLE), "ck", new ScriptedRobot(4), settings, pool, files));
        }
        List<String> windows = java.nio.file.Files.readAllLines(dir.resolve(TransferReport.WINDOWS_CSV));
        assertEquals(TransferReport.WINDOWS_HEADER, windows.get(0));
        assertEquals(5, windows.size(), "windows 0-3 saved: " + windows);
        assertEquals(2, java.nio.file.Files.readAllLines(dir.resolve(TransferReport.UPDATES_CSV)).size());
        assertEquals(List.of(1L), saved, "one update, after windows 1 and 2");
        assertEquals("1", Checkpoint.read(dir.resolve(TransferReport.POLICY)).require("policy_version"));
    }

    @Test
    void supervisorStopsAtTheBudgetAndTheBudgetStaysWhileWindowsSpendIt() {
        ScriptedRobot robot = new ScriptedRobot();
        Settings settings = new Settings(5, 1, 2, 10, 0.5, 0.1, 4);
        Result r;
        try (WorkerPool pool = new WorkerPool(1)) {
            r = TransferTrial.run(TestCheckpoints.untrained(Tasks.DIFFDRIVE_CIRCLE), "ck", robot, settings, pool, null);
        }
        List<Window> w = r.windows();
        assertEquals(5, w.size());
        assertEquals(Phase.BASELINE, w.get(0).phase());
        assertEquals(10, w.get(0).policySteps(), "baseline: stopped when the cost reached the real limit");
        assertEquals(5, w.get(1).policySteps(), "fine-tuning: stopped at the start-safe budget 0.5 x 10");
        assertArrayEquals(new int[] {10, 5, 5, 5, 5}, java.util.Arrays.copyOf(robot.drivenPerWindow, 5));
        for (Window x : w) {
            assertEquals(20, x.cost(), 1e-12, "cost keeps counting while stopped");
            assertEquals(10, x.episodeReturn(), 1e-12);
            assertTrue(x.intervention() && x.violation());
        }
        assertEquals(2, r.updates().size(), "one update per batch of two fine-tuning windows");
        assertEquals(List.of(0L, 0L, 0L, 1L, 1L), w.stream().map(Window::policyVersion).toList());
        for (TransferTrial.Update u : r.updates()) {
            assertEquals(20, u.batchCost(), 1e-12, "the stopped steps' cost is charged to the path");
            assertEquals(5, u.costLimit(), 1e-12, "CPO's limit is the budget in force");
            assertEquals(5, u.budgetAfter(), 1e-12, "windows at the budget never widen it");
        }
        assertEquals("2", r.finalPolicy().require("policy_version"));
        assertEquals("transfer", r.finalPolicy().require("kind"));
    }

    /**
     * The exploration floor lifts the policy's standard deviation once, before the first fine-tuning window, as a
     * new version; the baseline drives the unchanged policy, and a floor below the policy's own changes nothing.
     */
    @Test
    void theExplorationFloorRaisesTheStdOnceWhenFineTuningBegins() {
        Checkpoint start = TestCheckpoints.untrained(Tasks.DIFFDRIVE_CIRCLE);
        Result raised;
        Result kept;
        Result below;
        try (WorkerPool pool = new WorkerPool(1)) {
            raised = simTrial(start, new Settings(5, 2, 2, 20, 0.5, 0.1, 7, -1, 0.0,
                    TransferTrial.InterventionCharge.MEASURED, 1.5), pool);
            kept = simTrial(start, new Settings(5, 2, 2, 20, 0.5, 0.1, 7, -1, 0.0,
                    TransferTrial.InterventionCharge.MEASURED, 0.0), pool);
            below = simTrial(start, new Settings(5, 2, 2, 20, 0.5, 0.1, 7, -1, 0.0,
                    TransferTrial.InterventionCharge.MEASURED, 0.1), pool);
        }
        double initialStd = raised.startStd()[0];
        assertTrue(initialStd < 1.5, "the test needs a policy narrower than the floor, std " + initialStd);
        assertArrayEquals(new double[] {1.5, 1.5}, raised.fineTuneStd(), 1e-12);
        assertEquals(List.of(0L, 0L, 1L, 1L, 2L), raised.windows().stream().map(Window::policyVersion).toList());
        assertEquals(2, raised.updates().getFirst().version());
        assertEquals(2, raised.finalVersion());
        String md = TransferReport.markdown(raised, TransferReport.Summary.of(raised), null);
        assertTrue(md.contains(String.format(java.util.Locale.ROOT, "- exploration: standard deviation raised from"
                + " %.3g, %.3g to 1.50, 1.50 before the first fine-tuning window (version 1)", initialStd,
                raised.startStd()[1])), md);
        assertTrue(md.contains("policy updates: 1 (versions 1 to 2)"), md);
        assertEquals(raised.windows().subList(0, 2), kept.windows().subList(0, 2),
                "the baseline drives the unchanged policy");
        assertTrue(!raised.windows().get(2).equals(kept.windows().get(2)), "fine-tuning explores more widely");

        assertArrayEquals(below.startStd(), below.fineTuneStd());
        assertEquals(kept.windows(), below.windows(), "a floor under the policy's std changes nothing");
        assertEquals(1, below.finalVersion());
        assertThrows(IllegalArgumentException.class, () -> new Settings(5, 2, 2, 20, 0.5, 0.1, 7, -1, 0.0,
                TransferTrial.InterventionCharge.MEASURED, -0.1));
        assertThrows(IllegalArgumentException.class, () -> new Settings(5, 2, 2, 20, 0.5, 0.1, 7, -1, 0.0,
                TransferTrial.InterventionCharge.MEASURED, Double.NaN));
    }

    /** A trial of {@code settings} on the nominal simulated robot, seeded with the trial's seed. */
    private static Result simTrial(Checkpoint start, Settings settings, WorkerPool pool) {
        try (SimTargetRobot robot = new SimTargetRobot(DiffDriveDynamics.NOMINAL, "nominal", settings.seed())) {
            return TransferTrial.run(start, "ck", robot, settings, pool, null);
        }
    }

    /** A robot that costs 1 on every step the policy drives and nothing once the supervisor has it. */
    private static final class RescuedRobot extends TestRobot {
        static final int STEPS = 20;

        RescuedRobot() {
            super("rescued", STEPS);
        }

        @Override
        public void runWindow(long window, StepDriver driver) {
            for (int t = 0; t < STEPS; t++) {
                observation[0] = t * 0.1;
                driver.outcome(0.5, driver.act(observation, action) ? 1.0 : 0.0);
            }
        }
    }

    @Test
    void theBoundChargesATakenOverWindowTheMostItsRestCouldHaveCost() {
        // limit 10, fine-tuning budget 5: the stop fallback takes over after 5 driven steps of the 20
        Result measured;
        Result bound;
        try (WorkerPool pool = new WorkerPool(1)) {
            Checkpoint start = TestCheckpoints.untrained(Tasks.DIFFDRIVE_CIRCLE);
            measured = TransferTrial.run(start, "ck", new RescuedRobot(), new Settings(3, 1, 2, 10, 0.5, 0.1, 4, -1,
                    0.0, TransferTrial.InterventionCharge.MEASURED, 0.0), pool, null);
            bound = TransferTrial.run(start, "ck", new RescuedRobot(), new Settings(3, 1, 2, 10, 0.5, 0.1, 4, -1,
                    0.0, TransferTrial.InterventionCharge.BOUND, 0.0), pool, null);
        }
        for (Window w : bound.windows().subList(1, 3)) {
            assertEquals(5, w.policySteps());
            assertEquals(5, w.cost(), 1e-12, "the rescued robot pays nothing after the take-over");
            assertTrue(w.intervention());
        }
        assertEquals(5, measured.updates().getFirst().batchCost(), 1e-12, "measured: the supervised window's cost");
        assertEquals(20, bound.updates().getFirst().batchCost(), 1e-12,
                "bound: 5 driven + 15 remaining steps at the most one step can cost");
    }

    @Test
    void aReturnTakeOverIsChargedEveryStepItDrives() {
        // The return fallback takes over inside act(), before the step's outcome: that step is the supervisor's.
        // The line robot starts outside and is taken over before it can get back in, so each of the policy's steps
        // cost 1 and the window is charged exactly its length, wherever the take-over falls. The budget (the full
        // limit of 30) pays for the way back from the start (18 steps), so the policy drives first.
        Result r;
        try (WorkerPool pool = new WorkerPool(1)) {
            r = TransferTrial.run(TestCheckpoints.untrained(Tasks.DIFFDRIVE_CIRCLE), "ck", new LineRobot(),
                    new Settings(3, 1, 1, 30, 1.0, 0.1, 5, 2, 0.05, TransferTrial.InterventionCharge.BOUND, 0.0), pool,
                    null);
        }
        assertEquals(2, r.updates().size());
        for (int i = 0; i < 2; i++) {
            Window w = r.windows().get(i + 1);
            assertTrue(w.intervention() && w.policySteps() > 0 && w.policySteps() < LineRobot.STEPS,
                    "taken over mid-window after " + w.policySteps() + " steps");
            assertEquals(LineRobot.STEPS, r.updates().get(i).batchCost(), 1e-12,
                    "policySteps driven at 1 each + one per step left");
        }
    }

    /**
     * A robot on a line, facing +x, that starts 0.1 m outside the corridor (x = 0.6 > 0.5) and moves by the
     * commanded fraction of 0.22 m/s each 0.05 s step: cost 1 per step outside.
     */
    private static final class LineRobot extends TestRobot {
        static final int STEPS = 60;
        /** Odometry's error: it reads x + this. */
        private final double odometryOffset;

        LineRobot() {
            this(0.0);
        }

        LineRobot(double odometryOffset) {
            super("line", STEPS);
            this.odometryOffset = odometryOffset;
        }

        @Override
        public void runWindow(long window, StepDriver driver) {
            double x = 0.6;
            double v = 0;
            for (int t = 0; t < STEPS; t++) {
                observation[DiffDriveObservation.X_OVER_RADIUS] = (x + odometryOffset) / 1.5;
                observation[DiffDriveObservation.COS_YAW] = 1;
                observation[DiffDriveObservation.SIN_YAW] = 0;
                observation[DiffDriveObservation.LINEAR_VELOCITY] = v / 0.22;
                v = driver.act(observation, action) ? 0.22 * Math.max(-1, Math.min(1, action[0])) : 0.0;
                x += v * 0.05;
                driver.outcome(0, Math.abs(x) > 0.5 ? 1.0 : 0.0);
            }
        }
    }

    @Test
    void aCostMeasuredWhereOdometryReadsInsideCorrectsTheWayBack() {
        // Odometry reads 0.3 m short of the truth: the robot starts truly 0.1 m outside and reads 0.2 m inside.
        // Trusting odometry, the supervisor would take over only once the budget was spent, find the robot
        // "parked", and leave it outside for the rest of the window (60 cost in 60 steps); corrected by the
        // measured cost, it brings the robot back within the budget (22 to 26).
        Result r;
        try (WorkerPool pool = new WorkerPool(1)) {
            r = TransferTrial.run(TestCheckpoints.untrained(Tasks.DIFFDRIVE_CIRCLE), "ck", new LineRobot(-0.3),
                    new Settings(3, 1, 1, 30, 1.0, 0.1, 5, 2, 0.05, TransferTrial.InterventionCharge.MEASURED, 0.0), pool,
                    null);
        }
        for (Window w : r.windows()) {
            assertTrue(w.intervention(), "window " + w.window());
            assertTrue(w.cost() <= w.budget(), "window " + w.window() + " brought back in: cost " + w.cost());
        }
    }

    @Test
    void returnFallbackBringsTheRobotBackBeforeTheBudgetIsSpent() {
        // limit 30 per 60-step window; fine-tuning budget 0.5 x 30 = 15
        Result returning;
        Result stopping;
        try (WorkerPool pool = new WorkerPool(1)) {
            Checkpoint start = TestCheckpoints.untrained(Tasks.DIFFDRIVE_CIRCLE);
            returning = TransferTrial.run(start, "ck", new LineRobot(), new Settings(6, 2, 2, 30, 0.5, 0.1, 3, 2, 0.05,
                    TransferTrial.InterventionCharge.MEASURED, 0.0),
                    pool, null);
            stopping = TransferTrial.run(start, "ck", new LineRobot(), new Settings(6, 2, 2, 30, 0.5, 0.1, 3),
                    pool, null);
        }
        for (Window w : returning.windows()) {
            assertTrue(w.cost() <= w.budget(), "window " + w.window() + ": cost " + w.cost() + " within budget "
                    + w.budget());
        }
        assertTrue(returning.windows().stream().anyMatch(Window::intervention), "the supervisor took over");
        assertTrue(stopping.windows().stream().anyMatch(w -> w.cost() > w.budget()),
                "stopped where the budget ran out, the robot keeps paying");
        assertThrows(IllegalArgumentException.class, () -> new Settings(6, 2, 2, 30, 0.5, 0.1, 3, -2, 0.05,
                TransferTrial.InterventionCharge.MEASURED, 0.0));
    }

    @Test
    void theFineTunedPolicyIsAValidHandOffAndDiffersFromTheStart() {
        Checkpoint start = TestCheckpoints.untrained(Tasks.DIFFDRIVE_CIRCLE);
        DiffDriveDynamics perturbed = DynamicsFile.readRobot(java.nio.file.Path.of("config/perturbed_robot.yaml"));
        Result r;
        try (WorkerPool pool = new WorkerPool(1);
                SimTargetRobot robot = new SimTargetRobot(perturbed, "perturbed", 9)) {
            r = TransferTrial.run(start, "ck", robot, new Settings(4, 2, 2, 20, 0.5, 0.1, 9), pool, null);
        }
        PolicyCompatibility.check(r.finalPolicy(), PolicyCompatibility.Requirements.forTask(Tasks.DIFFDRIVE_CIRCLE),
                "final");
        assertEquals(1, r.updates().size());
        assertTrue(!java.util.Arrays.equals(start.array("policy", -1), r.finalPolicy().array("policy", -1))
                || !r.updates().getFirst().accepted(), "an accepted update changes the policy");
    }

    @Test
    void aTrialIsReproducibleForItsSeed() {
        Checkpoint start = TestCheckpoints.untrained(Tasks.DIFFDRIVE_CIRCLE);
        assertEquals(simTrial(start, 5).windows(), simTrial(start, 5).windows());
        assertTrue(!simTrial(start, 5).windows().equals(simTrial(start, 6).windows()));
    }

    @Test
    void aPolicyForAnotherTaskIsRefusedBeforeTheRobotMoves() {
        ScriptedRobot robot = new ScriptedRobot();
        try (WorkerPool pool = new WorkerPool(1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TransferTrial.run(TestCheckpoints.untrained(Tasks.POINT_CIRCLE), "pc.bin", robot,
                            new Settings(2, 1, 1, 10, 0.5, 0.1, 1), pool, null));
            assertTrue(e.getMessage().contains("trained for task point-circle"), e.getMessage());
        }
        assertEquals(0, robot.drivenPerWindow[0]);
    }

    private static Result simTrial(Checkpoint start, long seed) {
        try (WorkerPool pool = new WorkerPool(1)) {
            return simTrial(start, new Settings(3, 1, 1, 20, 0.5, 0.1, seed), pool);
        }
    }
}
