package org.cponode.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cponode.control.InterventionCharge;
import org.cponode.learn.Checkpoint;
import org.cponode.learn.PolicyCompatibility;
import org.cponode.learn.TestCheckpoints;
import org.cponode.learn.TrainedPolicy;
import org.cponode.learn.Trainer;
import org.cponode.parallel.WorkerPool;
import org.cponode.sim.DiffDriveCircle;
import org.cponode.sim.DiffDriveDynamics;
import org.cponode.sim.TaskSpec;
import org.cponode.sim.Tasks;
import org.cponode.transfer.TransferTrial.Phase;
import org.cponode.transfer.TransferTrial.Result;
import org.cponode.transfer.TransferTrial.Settings;
import org.cponode.transfer.TransferTrial.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trial's phases, supervisor, budget and updates, on scripted robots stepped through the node's control core
 * and on the perturbed simulator.
 */
class TransferTrialTest {

    @TempDir
    Path dir;

    /**
     * A robot on the x axis facing +x, stepped by the trial at 20 Hz: subclasses say where each window starts and
     * how a command moves it. The supervisor measures its cost from the odometry as on any robot (1 per step
     * outside |x| <= 0.5); the true pose is not known to the report.
     */
    private abstract static class TestRobot extends SteppedTargetRobot {
        private final String name;
        /** Per window, the last step at which the robot received a non-zero command, -1 if none. */
        final int[] lastMoved = new int[16];
        /** Commands received in all. */
        int commands;
        int window;
        private int step;

        TestRobot(String name, int steps) {
            super(Tasks.DIFFDRIVE_CIRCLE, 20, steps);
            this.name = name;
        }

        @Override
        public String description() {
            return name;
        }

        @Override
        protected void startWindow(long w, double[] odometry) {
            window = (int) w;
            step = 0;
            lastMoved[window] = -1;
            java.util.Arrays.fill(odometry, 0);
            odometry[0] = start(w);
        }

        @Override
        protected void move(double linear, double angular, double[] odometry, double[] truth) {
            if (linear != 0 || angular != 0) {
                lastMoved[window] = step;
            }
            step++;
            commands++;
            odometry[0] = next(odometry[0], linear);
            odometry[3] = linear;
            truth[0] = Double.NaN;
            truth[1] = Double.NaN;
        }

        /** x of window {@code w}'s first pose. */
        abstract double start(long w);

        /** x after one step at forward speed {@code linear} from {@code x}. */
        abstract double next(double x, double linear);
    }

    /** A robot stuck outside the corridor (x = 1): every observed pose costs 1; it can fail in one window. */
    private static final class StuckRobot extends TestRobot {
        static final int STEPS = 20;
        private final long failingWindow;

        StuckRobot() {
            this(-1);
        }

        StuckRobot(long failingWindow) {
            super("stuck", STEPS);
            this.failingWindow = failingWindow;
        }

        @Override
        double start(long w) {
            if (w == failingWindow) {
                throw new IllegalStateException("robot lost (test)");
            }
            return 1.0;
        }

        @Override
        double next(double x, double linear) {
            return 1.0;
        }
    }

    /** A trial that fails part-way keeps the windows it ran and the policy its last update made, on disk. */
    @Test
    void aTrialStoppedPartWayKeepsItsWindowsAndPolicy() throws Exception {
        Settings settings = new Settings(8, 1, 2, 10, 0.5, 0.1, 4);
        List<Long> saved = new ArrayList<>();
        try (WorkerPool pool = new WorkerPool(1)) {
            TrialProgressFiles files = new TrialProgressFiles(dir, List.of(DiffDriveCircle.OUTSIDE), new TransferTrial.Listener() {
                @Override
                public void windowDone(Window window, TransferTrial.Update updateOrNull) {}

                @Override
                public void policyUpdated(Checkpoint policy) {
                    saved.add(Long.parseLong(policy.require("policy_version")));
                }
            });
            assertThrows(IllegalStateException.class, () -> TransferTrial.run(
                    TestCheckpoints.untrained(Tasks.DIFFDRIVE_CIRCLE), "ck", new StuckRobot(4), settings, pool,
                    dir.resolve("checkpoints"), files));
        }
        List<String> windows = Files.readAllLines(dir.resolve(TransferReport.WINDOWS_CSV));
        assertEquals(TransferReport.WINDOWS_HEADER, windows.get(0));
        assertEquals(5, windows.size(), "windows 0-3 saved: " + windows);
        assertEquals(2, Files.readAllLines(dir.resolve(TransferReport.UPDATES_CSV)).size());
        assertEquals(List.of(1L), saved, "one update, after windows 1 and 2");
        assertEquals("1", Checkpoint.read(dir.resolve(TransferReport.POLICY)).require("policy_version"));
    }

    @Test
    void supervisorStopsAtTheBudgetAndTheBudgetStaysWhileWindowsSpendIt() {
        StuckRobot robot = new StuckRobot();
        Settings settings = new Settings(5, 1, 2, 10, 0.5, 0.1, 4);
        Result r = run(robot, settings);
        List<Window> w = r.windows();
        assertEquals(5, w.size());
        assertEquals(Phase.BASELINE, w.get(0).phase());
        // The first pose follows no action; the outcomes of steps 0..9 cost 1 each, so the 10th spends the limit.
        assertEquals(10, w.get(0).policySteps(), "baseline: stopped when the cost reached the real limit");
        assertEquals(5, w.get(1).policySteps(), "fine-tuning: stopped at the start-safe budget 0.5 x 10");
        for (Window x : w) {
            assertTrue(robot.lastMoved[x.window()] < x.policySteps(), "window " + x.window()
                    + ": the robot receives zero velocity from the take-over on");
            assertEquals(20, x.cost(), 1e-12, "cost keeps counting while stopped, the last step's outcome included");
            assertEquals(x.cost(), x.measuredCost(), 1e-12, "a robot that does not know its true pose");
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
     * A {@code diffdrive-circle-2c} robot stuck outside the corridor that measures its own costs: {@code outside} 1
     * and {@code speed} 0.5 at every step.
     */
    private static final class MeasuringStuckRobot extends SteppedTargetRobot {
        static final int STEPS = 20;

        MeasuringStuckRobot() {
            super(Tasks.DIFFDRIVE_CIRCLE_2C, 20, STEPS);
        }

        @Override
        public String description() {
            return "stuck, measuring";
        }

        @Override
        protected void startWindow(long w, double[] odometry) {
            java.util.Arrays.fill(odometry, 0);
            odometry[0] = 1.0;
        }

        @Override
        protected void move(double linear, double angular, double[] odometry, double[] truth) {
            odometry[3] = linear;
            truth[0] = Double.NaN;
            truth[1] = 1;
            truth[2] = 0.5;
        }
    }

    /**
     * A two-constraint trial keeps a budget per constraint: each one's supervisor budget, widening, violations,
     * CPO limit and table columns are its own.
     */
    @Test
    void everyConstraintHasItsOwnBudgetLimitAndColumns() throws Exception {
        // outside: limit 10, spent by the stuck robot in every window, so its budget stays at 0.5 x 10 = 5;
        // speed: limit 30, the robot pays 10 per window, below every budget, so its budget widens from 15 by 3
        // after each batch.
        List<TaskSpec.Constraint> limits = List.of(new TaskSpec.Constraint(DiffDriveCircle.OUTSIDE, 10),
                new TaskSpec.Constraint("speed", 30));
        Settings settings = new Settings(5, 1, 2, limits, 0.5, 0.1, 4, -1, 0.0, InterventionCharge.MEASURED, 0.0);
        Result r;
        try (WorkerPool pool = new WorkerPool(1); MeasuringStuckRobot robot = new MeasuringStuckRobot()) {
            r = TransferTrial.run(TestCheckpoints.untrained(Tasks.DIFFDRIVE_CIRCLE_2C), "ck", robot, settings, pool,
                    dir.resolve("checkpoints"), null);
        }
        List<Window> w = r.windows();
        assertEquals(List.of(10, 5, 5, 5, 5), w.stream().map(Window::policySteps).toList(),
                "outside's budget takes each window over: the limit 10 in the baseline, 5 while fine-tuning");
        assertEquals(List.of(10.0, 5.0, 5.0, 5.0, 5.0), w.stream().map(x -> x.costs().get(0).budget()).toList());
        assertEquals(List.of(30.0, 15.0, 15.0, 18.0, 18.0), w.stream().map(x -> x.costs().get(1).budget()).toList(),
                "speed's budget widens on speed's own costs");
        for (Window x : w) {
            assertEquals(20, x.costs().get(0).cost(), 1e-12, "outside keeps counting while stopped");
            assertEquals(10, x.costs().get(1).cost(), 1e-12, "the robot's own measurement of speed");
            assertTrue(x.costs().get(0).violation() && !x.costs().get(1).violation(), "each against its own limit");
            assertTrue(x.intervention());
        }
        assertEquals(2, r.updates().size());
        TransferTrial.Update first = r.updates().getFirst();
        assertEquals(List.of(new TransferTrial.UpdateCost(5, 20, 5), new TransferTrial.UpdateCost(15, 10, 18)),
                first.costs(), "CPO's limits are the budgets in force, its costs each constraint's batch cost");
        assertEquals(List.of(5.0, 18.0), r.updates().get(1).costs().stream()
                .map(TransferTrial.UpdateCost::costLimit).toList());
        assertArrayEquals(new double[] {5, 18}, Trainer.savedConfig(r.finalPolicy()).costLimits(),
                1e-12, "the learner's limits in the fine-tuned checkpoint");
        assertArrayEquals(new double[] {20, 10}, TrainedPolicy.measuredCosts(r.finalPolicy()), 1e-12);

        TransferReport.Summary summary = TransferReport.write(r, null, dir.resolve("report"));
        assertEquals(List.of(1, 0), summary.constraints().stream()
                .map(TransferReport.ConstraintSummary::baselineViolations).toList());
        assertEquals(List.of(4, 0), summary.constraints().stream()
                .map(TransferReport.ConstraintSummary::fineTuneViolations).toList());
        assertEquals(List.of(5.0, 21.0), summary.constraints().stream()
                .map(TransferReport.ConstraintSummary::finalBudget).toList());
        List<String> windows = Files.readAllLines(dir.resolve("report").resolve(TransferReport.WINDOWS_CSV));
        assertEquals(TransferReport.WINDOWS_HEADER + ",budget_outside,limit_outside,cost_outside,measured_cost_outside,"
                + "violation_outside,budget_speed,limit_speed,cost_speed,measured_cost_speed,violation_speed",
                windows.getFirst());
        List<String> row = new ArrayList<>(List.of(windows.get(4).split(",")));
        row.remove(5); // the return, from odometry
        assertEquals("3,fine-tune,1,5.00000,10.0000,20.0000,20.0000,5,1,1,5.00000,10.0000,20.0000,20.0000,1,18.0000,"
                + "30.0000,10.0000,10.0000,0", String.join(",", row), "the first constraint's columns, then each's");
        List<String> updates = Files.readAllLines(dir.resolve("report").resolve(TransferReport.UPDATES_CSV));
        assertEquals(TransferReport.UPDATES_HEADER + ",limit_outside,batch_cost_outside,budget_after_outside,"
                + "limit_speed,batch_cost_speed,budget_after_speed", updates.getFirst());
        assertTrue(updates.get(1).startsWith("2,1,5.00000,20.0000,") && updates.get(1).endsWith(
                ",5.00000,5.00000,20.0000,5.00000,15.0000,10.0000,18.0000"), updates.get(1));
        String md = Files.readString(dir.resolve("report").resolve(TransferReport.SUMMARY_MD));
        assertTrue(md.contains("| mean cost (outside) | limit violations (outside) | mean cost (speed) |"), md);
        assertTrue(md.contains("- final budgets: outside 5.00, speed 21.0"), md);
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
            raised = simTrial(start, new Settings(5, 2, 2, outside(20), 0.5, 0.1, 7, -1, 0.0,
                    InterventionCharge.MEASURED, 1.5), pool, dir.resolve("raised"));
            kept = simTrial(start, new Settings(5, 2, 2, outside(20), 0.5, 0.1, 7, -1, 0.0,
                    InterventionCharge.MEASURED, 0.0), pool, dir.resolve("kept"));
            below = simTrial(start, new Settings(5, 2, 2, outside(20), 0.5, 0.1, 7, -1, 0.0,
                    InterventionCharge.MEASURED, 0.1), pool, dir.resolve("below"));
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
        assertThrows(IllegalArgumentException.class, () -> new Settings(5, 2, 2, outside(20), 0.5, 0.1, 7, -1, 0.0,
                InterventionCharge.MEASURED, -0.1));
        assertThrows(IllegalArgumentException.class, () -> new Settings(5, 2, 2, outside(20), 0.5, 0.1, 7, -1, 0.0,
                InterventionCharge.MEASURED, Double.NaN));
    }

    /** {@code diffdrive-circle}'s one constraint with the given limit. */
    private static List<TaskSpec.Constraint> outside(double limit) {
        return List.of(new TaskSpec.Constraint(DiffDriveCircle.OUTSIDE, limit));
    }

    /** A trial of {@code settings} on the nominal simulated robot, seeded with the trial's seed. */
    private static Result simTrial(Checkpoint start, Settings settings, WorkerPool pool, Path checkpoints) {
        try (SimTargetRobot robot = new SimTargetRobot(Tasks.DIFFDRIVE_CIRCLE, DiffDriveDynamics.NOMINAL, "nominal",
                settings.seed())) {
            return TransferTrial.run(start, "ck", robot, settings, pool, checkpoints, null);
        }
    }

    /** A trial of an untrained policy on {@code robot}. */
    private Result run(TestRobot robot, Settings settings) {
        try (WorkerPool pool = new WorkerPool(1)) {
            return TransferTrial.run(TestCheckpoints.untrained(Tasks.DIFFDRIVE_CIRCLE), "ck", robot, settings, pool,
                    dir.resolve("checkpoints-" + System.nanoTime()), null);
        }
    }

    /**
     * A robot on the corridor's edge: just outside (cost 1) while it is driven, just inside (no cost) once the
     * supervisor stops it.
     */
    private static final class RescuedRobot extends TestRobot {
        static final int STEPS = 20;

        RescuedRobot() {
            super("rescued", STEPS);
        }

        @Override
        double start(long w) {
            return 0.49;
        }

        @Override
        double next(double x, double linear) {
            return linear != 0 ? 0.51 : 0.49;
        }
    }

    @Test
    void theBoundChargesATakenOverWindowTheMostItsRestCouldHaveCost() {
        // limit 10, fine-tuning budget 5: the stop fallback takes over after 5 driven steps of the 20
        Result measured = run(new RescuedRobot(), new Settings(3, 1, 2, outside(10), 0.5, 0.1, 4, -1, 0.0,
                InterventionCharge.MEASURED, 0.0));
        Result bound = run(new RescuedRobot(), new Settings(3, 1, 2, outside(10), 0.5, 0.1, 4, -1, 0.0,
                InterventionCharge.BOUND, 0.0));
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
        // The return fallback takes over at a step before acting: that step is the supervisor's. The line robot
        // starts outside and is taken over before it can get back in, so each of the policy's steps cost 1 and the
        // window is charged exactly its length, wherever the take-over falls. The budget (the full limit of 30)
        // pays for the way back from the start (18 steps), so the policy drives first.
        Result r = run(new LineRobot(), new Settings(3, 1, 1, outside(30), 1.0, 0.1, 5, 2, 0.05, InterventionCharge.BOUND,
                0.0));
        assertEquals(2, r.updates().size());
        for (int i = 0; i < 2; i++) {
            Window w = r.windows().get(i + 1);
            assertTrue(w.intervention() && w.policySteps() > 0 && w.policySteps() < LineRobot.STEPS,
                    "taken over mid-window after " + w.policySteps() + " steps");
            assertEquals(LineRobot.STEPS, r.updates().get(i).batchCost(), 1e-12,
                    "policySteps driven at 1 each + one per step left");
        }
    }

    /** A robot on a line, facing +x, that starts 0.1 m outside the corridor (x = 0.6) and moves as commanded. */
    private static final class LineRobot extends TestRobot {
        static final int STEPS = 60;

        LineRobot() {
            super("line", STEPS);
        }

        @Override
        double start(long w) {
            return 0.6;
        }

        @Override
        double next(double x, double linear) {
            return x + linear * 0.05;
        }
    }

    @Test
    void returnFallbackBringsTheRobotBackBeforeTheBudgetIsSpent() {
        // limit 30 per 60-step window; fine-tuning budget 0.5 x 30 = 15
        Result returning = run(new LineRobot(), new Settings(6, 2, 2, outside(30), 0.5, 0.1, 3, 2, 0.05,
                InterventionCharge.MEASURED, 0.0));
        Result stopping = run(new LineRobot(), new Settings(6, 2, 2, 30, 0.5, 0.1, 3));
        for (Window w : returning.windows()) {
            assertTrue(w.cost() <= w.budget(), "window " + w.window() + ": cost " + w.cost() + " within budget "
                    + w.budget());
        }
        assertTrue(returning.windows().stream().anyMatch(Window::intervention), "the supervisor took over");
        assertTrue(stopping.windows().stream().anyMatch(w -> w.cost() > w.budget()),
                "stopped where the budget ran out, the robot keeps paying");
        assertThrows(IllegalArgumentException.class, () -> new Settings(6, 2, 2, outside(30), 0.5, 0.1, 3, -2, 0.05,
                InterventionCharge.MEASURED, 0.0));
    }

    @Test
    void theFineTunedPolicyIsAValidHandOffAndDiffersFromTheStart() {
        Checkpoint start = TestCheckpoints.untrained(Tasks.DIFFDRIVE_CIRCLE);
        DiffDriveDynamics perturbed = DynamicsFile.readRobot(java.nio.file.Path.of("config/perturbed_robot.yaml"));
        Result r;
        try (WorkerPool pool = new WorkerPool(1);
                SimTargetRobot robot = new SimTargetRobot(Tasks.DIFFDRIVE_CIRCLE, perturbed, "perturbed", 9)) {
            r = TransferTrial.run(start, "ck", robot, new Settings(4, 2, 2, 20, 0.5, 0.1, 9), pool, dir, null);
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
        StuckRobot robot = new StuckRobot();
        try (WorkerPool pool = new WorkerPool(1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TransferTrial.run(TestCheckpoints.untrained(Tasks.POINT_CIRCLE), "pc.bin", robot,
                            new Settings(2, 1, 1, 10, 0.5, 0.1, 1), pool, dir, null));
            assertTrue(e.getMessage().contains("trained for task point-circle"), e.getMessage());
        }
        assertEquals(0, robot.commands, "no command reached the robot");
    }

    private Result simTrial(Checkpoint start, long seed) {
        try (WorkerPool pool = new WorkerPool(1)) {
            return simTrial(start, new Settings(3, 1, 1, 20, 0.5, 0.1, seed), pool,
                    dir.resolve("checkpoints-" + System.nanoTime()));
        }
    }
}
