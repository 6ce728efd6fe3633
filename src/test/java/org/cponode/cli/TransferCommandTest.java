package org.cponode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.cponode.cli.RandomizeCommandTest.Outcome;
import org.cponode.learn.Checkpoint;
import org.cponode.learn.PolicyCompatibility;
import org.cponode.learn.TestCheckpoints;
import org.cponode.sim.Tasks;
import org.cponode.transfer.TransferReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code transfer} end to end in process on the perturbed sim-robot: the report files and the refusals. */
class TransferCommandTest {

    @TempDir
    Path dir;

    @Test
    void shortTrialWritesAReadableReport() throws Exception {
        Path ck = dir.resolve("dd.bin");
        TestCheckpoints.untrained(Tasks.DIFFDRIVE_CIRCLE).write(ck);
        Path out = dir.resolve("report");
        Outcome o = RandomizeCommandTest.run("transfer", ck.toString(), "--robot", "config/perturbed_robot.yaml",
                "--windows", "6", "--baseline", "2", "--batch", "2", "--threads", "1", "--seed", "3", "--evaluate", "4",
                "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("update -> v1"), o.out());

        List<String> updates = Files.readAllLines(out.resolve(TransferReport.UPDATES_CSV));
        assertEquals(TransferReport.UPDATES_HEADER, updates.getFirst());
        assertEquals(3, updates.size());
        double budgetAfterFirst = Double.parseDouble(updates.get(1).split(",")[6]);
        assertTrue(budgetAfterFirst == 10 || budgetAfterFirst == 12, "unchanged or widened by 0.1 x limit");

        List<String> lines = Files.readAllLines(out.resolve(TransferReport.WINDOWS_CSV));
        assertEquals(TransferReport.WINDOWS_HEADER, lines.getFirst());
        assertEquals(7, lines.size());
        double baselineCost = 0;
        int baselineViolations = 0;
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            assertEquals(11, f.length, lines.get(i));
            assertEquals(i - 1, Integer.parseInt(f[0]));
            assertEquals(i <= 2 ? "baseline" : "fine-tune", f[1]);
            long version = Long.parseLong(f[2]);
            assertEquals(i <= 4 ? 0 : 1, version, "one update after each batch of two fine-tuning windows");
            double budget = Double.parseDouble(f[3]);
            double limit = Double.parseDouble(f[4]);
            assertEquals(20, limit, 1e-9);
            assertEquals(i <= 2 ? 20 : i <= 4 ? 10 : budgetAfterFirst, budget, 1e-9,
                    "baseline at the limit, fine-tuning from 0.5 x limit, then the budget after the first update");
            double cost = Double.parseDouble(f[6]);
            double measured = Double.parseDouble(f[7]);
            assertTrue(measured >= 0 && measured <= 400, "at most one cost per step, from odometry: " + lines.get(i));
            int steps = Integer.parseInt(f[8]);
            assertTrue(steps >= 1 && steps <= 400);
            assertEquals(cost > limit ? 1 : 0, Integer.parseInt(f[10]));
            assertEquals(steps < 400 ? 1 : 0, Integer.parseInt(f[9]), "a stopped window is an intervention");
            Double.parseDouble(f[5]);
            if (i <= 2) {
                baselineCost += cost / 2;
                baselineViolations += Integer.parseInt(f[10]);
            }
        }

        for (String png : List.of(TransferReport.RETURN_PNG, TransferReport.COST_PNG)) {
            BufferedImage img = ImageIO.read(out.resolve(png).toFile());
            assertNotNull(img, png + " decodes");
            assertEquals(900, img.getWidth());
            assertEquals(450, img.getHeight());
        }

        String md = Files.readString(out.resolve(TransferReport.SUMMARY_MD));
        assertTrue(md.contains(String.format(Locale.ROOT, "| baseline (unchanged policy) | 2 | ")), md);
        assertTrue(md.contains(String.format(Locale.ROOT, "| %.2f ± ", baselineCost)), "baseline cost in:\n" + md);
        assertTrue(md.contains(" | " + baselineViolations + " | "), md);
        assertTrue(md.contains("policy updates: 2 (versions 0 to 2)"), md);
        assertTrue(md.contains("config/perturbed_robot.yaml"), md);
        assertTrue(md.contains("CPO charged for a window it took over: the bound"), "the default charge in:\n" + md);
        assertTrue(md.contains("supervisor: return into the corridor once the cost plus the way back"), md);
        assertTrue(md.contains("- exploration: the policy's own, standard deviation 1.00, 1.00 (action units)"),
                "an untrained policy already explores as widely as the default floor of 1.0:\n" + md);

        Checkpoint tuned = PolicyCompatibility.load(out.resolve(TransferReport.POLICY),
                PolicyCompatibility.Requirements.forTask(Tasks.DIFFDRIVE_CIRCLE));
        assertEquals("2", tuned.require("policy_version"));

        // The policy alone before and after: the rows are what eval prints for the same episodes.
        assertTrue(md.contains("## The policy alone, without supervisor"), md);
        assertTrue(md.contains("4 stochastic episodes of each policy on the same robot, the same episodes for both"
                + " (seed 3)"), md);
        assertTrue(md.contains("| before fine-tuning (version 0) | " + evalColumns(ck)), md);
        assertTrue(md.contains("| after fine-tuning (version 2) | " + evalColumns(out.resolve(TransferReport.POLICY))),
                md);

        Outcome again = RandomizeCommandTest.run("transfer", ck.toString(), "--robot", "config/perturbed_robot.yaml",
                "--out", out.toString());
        assertEquals(2, again.code(), "a report is never overwritten");

        Files.delete(out.resolve(TransferReport.SUMMARY_MD)); // as a trial stopped part-way leaves it
        Outcome partial = RandomizeCommandTest.run("transfer", ck.toString(), "--robot", "config/perturbed_robot.yaml",
                "--out", out.toString());
        assertEquals(2, partial.code(), "nor is a trial stopped part-way");
        assertTrue(partial.err().contains("stopped part-way"), partial.err());
    }

    /**
     * A {@code diffdrive-circle-2c} policy's trial carries both constraints: {@code --cost-limit speed=...} sets
     * one by name, the other keeps the checkpoint's; the perturbed simulator reports its true speed cost; an unknown
     * name, or a limit of 0, is refused in one line before anything is written.
     */
    @Test
    void aTwoConstraintTrialTakesEachLimitByName() throws Exception {
        Path ck = dir.resolve("dd2c.bin");
        TestCheckpoints.untrained(Tasks.DIFFDRIVE_CIRCLE_2C).write(ck);
        Path out = dir.resolve("report-2c");
        Outcome o = RandomizeCommandTest.run("transfer", ck.toString(), "--robot", "config/perturbed_robot.yaml",
                "--windows", "3", "--baseline", "1", "--batch", "2", "--threads", "1", "--seed", "6", "--evaluate", "2",
                "--cost-limit", "speed=6", "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("limits outside 20.00 (start budget 10.00), speed 6.000 (start budget 3.000)"),
                o.out());
        assertTrue(o.out().contains("update -> v1: batch cost outside "), o.out());

        List<String> lines = Files.readAllLines(out.resolve(TransferReport.WINDOWS_CSV));
        List<String> header = List.of(lines.getFirst().split(","));
        assertEquals(TransferReport.windowsHeader(List.of("outside", "speed")), lines.getFirst());
        assertEquals(21, header.size());
        double speedCost = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            boolean baseline = "baseline".equals(f[1]);
            assertEquals(20, Double.parseDouble(f[header.indexOf("limit_outside")]), 1e-9, "the checkpoint's");
            assertEquals(6, Double.parseDouble(f[header.indexOf("limit_speed")]), 1e-9, "--cost-limit speed=6");
            assertEquals(baseline ? 20 : 10, Double.parseDouble(f[header.indexOf("budget_outside")]), 1e-9);
            assertEquals(baseline ? 6 : 3, Double.parseDouble(f[header.indexOf("budget_speed")]), 1e-9);
            assertEquals(f[header.indexOf("cost")], f[header.indexOf("cost_outside")], "the first constraint's");
            double cost = Double.parseDouble(f[header.indexOf("cost_speed")]);
            assertEquals(cost > 6 ? "1" : "0", f[header.indexOf("violation_speed")], line);
            speedCost += cost;
        }
        assertTrue(speedCost > 0, "the simulator runs diffdrive-circle-2c and reports its speed cost (seed 6's"
                + " baseline drives fast near the edge for 3 steps)");
        List<String> updates = Files.readAllLines(out.resolve(TransferReport.UPDATES_CSV));
        assertEquals(TransferReport.updatesHeader(List.of("outside", "speed")), updates.getFirst());
        String[] u = updates.get(1).split(",");
        assertEquals(3, Double.parseDouble(u[10]), 1e-9, "CPO's speed limit: the budget in force");
        String md = Files.readString(out.resolve(TransferReport.SUMMARY_MD));
        assertTrue(md.contains("- cost limits per window: outside 20.00, speed 6.000;"), md);
        // the policy alone: each constraint's cost and episodes over its own limit
        assertTrue(md.contains("| policy | mean return | mean cost (outside) | episodes over the limit (outside) | mean"
                + " cost (speed) | episodes over the limit (speed) |\n|---|---|---|---|---|---|\n"), md);
        assertTrue(md.lines().filter(l -> l.startsWith("| before fine-tuning") || l.startsWith("| after fine-tuning"))
                .allMatch(l -> l.split("\\|").length == 7), md);
        assertTrue(md.contains("- speed: largest window cost after the first fine-tuning batch"), md);
        Checkpoint tuned = PolicyCompatibility.load(out.resolve(TransferReport.POLICY),
                PolicyCompatibility.Requirements.forTask(Tasks.DIFFDRIVE_CIRCLE_2C));
        assertEquals("outside,speed", tuned.require("constraints"));

        for (String[] bad : new String[][] {{"sped=4", "--cost-limit sped=4: task diffdrive-circle-2c has no"
                + " constraint 'sped'; its constraints: outside, speed"},
                {"speed=0", "speed: a trial's cost limit must be > 0"}}) {
            Path refused = dir.resolve("refused-" + bad[0]);
            Outcome r = RandomizeCommandTest.run("transfer", ck.toString(), "--robot", "config/perturbed_robot.yaml",
                    "--cost-limit", bad[0], "--out", refused.toString());
            assertEquals(2, r.code(), bad[0]);
            assertTrue(r.err().contains(bad[1]), r.err());
            assertFalse(Files.exists(refused), "nothing written for " + bad[0]);
        }
        Path one = dir.resolve("dd.bin");
        TestCheckpoints.untrained(Tasks.DIFFDRIVE_CIRCLE).write(one);
        Outcome noSpeed = RandomizeCommandTest.run("transfer", one.toString(), "--robot", "config/perturbed_robot.yaml",
                "--cost-limit", "speed=4", "--out", dir.resolve("refused-one").toString());
        assertEquals(2, noSpeed.code());
        assertTrue(noSpeed.err().contains("task diffdrive-circle has no constraint 'speed'; its constraints: outside"),
                noSpeed.err());
    }

    /** {@code eval}'s return and cost for 4 episodes from seed 3 on the perturbed robot, as the summary's columns. */
    private static String evalColumns(Path policy) {
        Outcome e = RandomizeCommandTest.run("eval", policy.toString(), "--episodes", "4", "--seed", "3",
                "--dynamics", "config/perturbed_robot.yaml");
        assertEquals(0, e.code(), e.err());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "return (\\S+) ± (\\S+)\\s+cost (\\S+) ± (\\S+) .*over the limit (\\d+) \\((\\S+) %\\)").matcher(e.out());
        assertTrue(m.find(), e.out());
        return String.format(Locale.ROOT, "%.3f ± %.3f | %.2f ± %.2f | %s (%s %%) |", Double.parseDouble(m.group(1)),
                Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)),
                m.group(5), m.group(6));
    }

    @Test
    void refusesAnotherTasksPolicyABadRobotFileAndAnUnknownTarget() throws Exception {
        Path pc = dir.resolve("pc.bin");
        TestCheckpoints.untrained(Tasks.POINT_CIRCLE).write(pc);
        Outcome task = RandomizeCommandTest.run("transfer", pc.toString(), "--robot", "config/perturbed_robot.yaml",
                "--out", dir.resolve("a").toString());
        assertEquals(2, task.code());
        assertTrue(task.err().contains("trained for task point-circle"), task.err());
        assertFalse(Files.exists(dir.resolve("a")), "nothing written for a refused policy");

        Path dd = dir.resolve("dd.bin");
        TestCheckpoints.untrained(Tasks.DIFFDRIVE_CIRCLE).write(dd);
        Path robot = dir.resolve("robot.yaml");
        Files.writeString(robot, "latency_steps: [1, 2]\n");
        Outcome file = RandomizeCommandTest.run("transfer", dd.toString(), "--robot", robot.toString(), "--out",
                dir.resolve("b").toString());
        assertEquals(2, file.code());
        assertTrue(file.err().contains("latency_steps: a target robot has one value per key"), file.err());

        Outcome target = RandomizeCommandTest.run("transfer", dd.toString(), "--robot", "config/perturbed_robot.yaml",
                "--target", "mars-rover", "--out", dir.resolve("c").toString());
        assertEquals(2, target.code());
        assertTrue(target.err().contains("--target"), target.err());

        Outcome noRobot = RandomizeCommandTest.run("transfer", dd.toString(), "--out", dir.resolve("e").toString());
        assertEquals(2, noRobot.code());
        assertTrue(noRobot.err().contains("--target sim-robot needs --robot FILE"), noRobot.err());
        Outcome rosWithFile = RandomizeCommandTest.run("transfer", dd.toString(), "--target", "ros", "--robot",
                "config/perturbed_robot.yaml", "--out", dir.resolve("f").toString());
        assertEquals(2, rosWithFile.code());
        assertTrue(rosWithFile.err().contains("--robot is for --target sim-robot"), rosWithFile.err());

        Outcome steps = RandomizeCommandTest.run("transfer", dd.toString(), "--robot", "config/perturbed_robot.yaml",
                "--window-steps", "50", "--out", dir.resolve("g").toString());
        assertEquals(2, steps.code());
        assertTrue(steps.err().contains("--window-steps is for --target ros"), steps.err());

        Outcome settings = RandomizeCommandTest.run("transfer", dd.toString(), "--robot", "config/perturbed_robot.yaml",
                "--start-fraction", "0", "--out", dir.resolve("d").toString());
        assertEquals(2, settings.code());
        assertTrue(settings.err().contains("start fraction"), settings.err());

        Outcome exploration = RandomizeCommandTest.run("transfer", dd.toString(), "--robot",
                "config/perturbed_robot.yaml", "--exploration-std", "-0.5", "--out", dir.resolve("x").toString());
        assertEquals(2, exploration.code());
        assertTrue(exploration.err().contains("exploration std must be finite and >= 0"), exploration.err());

        Outcome charge = RandomizeCommandTest.run("transfer", dd.toString(), "--robot", "config/perturbed_robot.yaml",
                "--charge-interventions", "half", "--out", dir.resolve("h").toString());
        assertEquals(2, charge.code());
        assertTrue(charge.err().contains("--charge-interventions must be bound or measured (got 'half')"), charge.err());
        assertFalse(Files.exists(dir.resolve("h")), "nothing written for refused settings");

        Outcome unsupervised = RandomizeCommandTest.run("transfer", dd.toString(), "--target", "ros", "--evaluate",
                "10", "--out", dir.resolve("i").toString());
        assertEquals(2, unsupervised.code());
        assertTrue(unsupervised.err().contains("--evaluate is for --target sim-robot: on a real robot it would drive"
                + " without supervisor"), unsupervised.err());
        Outcome negative = RandomizeCommandTest.run("transfer", dd.toString(), "--robot", "config/perturbed_robot.yaml",
                "--evaluate", "-1", "--out", dir.resolve("j").toString());
        assertEquals(2, negative.code());
        assertTrue(negative.err().contains("--evaluate must be >= 0 episodes"), negative.err());
    }

    @Test
    void evalRunsAPolicyOnThePerturbedRobotWithoutSupervisor() throws Exception {
        Path dd = dir.resolve("dd.bin");
        TestCheckpoints.untrained(Tasks.DIFFDRIVE_CIRCLE).write(dd);
        Outcome nominal = RandomizeCommandTest.run("eval", dd.toString(), "--episodes", "3");
        Outcome perturbed = RandomizeCommandTest.run("eval", dd.toString(), "--episodes", "3", "--dynamics",
                "config/perturbed_robot.yaml");
        assertEquals(0, perturbed.code(), perturbed.err());
        assertTrue(perturbed.out().contains("on diffdrive-circle with config/perturbed_robot.yaml"), perturbed.out());
        String numbers = perturbed.out().lines().skip(1).findFirst().orElseThrow();
        assertFalse(nominal.out().contains(numbers), "other dynamics, other outcomes: " + numbers);

        Path pc = dir.resolve("pc.bin");
        TestCheckpoints.untrained(Tasks.POINT_CIRCLE).write(pc);
        Outcome wrong = RandomizeCommandTest.run("eval", pc.toString(), "--dynamics", "config/perturbed_robot.yaml");
        assertEquals(2, wrong.code());
        assertTrue(wrong.err().contains("--dynamics is for diffdrive-circle policies"), wrong.err());
    }

    /** eval reports every constraint of a two-constraint policy, each against its own limit, by name. */
    @Test
    void evalReportsEachConstraintAgainstItsLimit() throws Exception {
        Path two = dir.resolve("2c.bin");
        TestCheckpoints.untrained(Tasks.DIFFDRIVE_CIRCLE_2C).write(two);
        Outcome e = RandomizeCommandTest.run("eval", two.toString(), "--episodes", "3");
        assertEquals(0, e.code(), e.err());
        String numbers = e.out().lines().skip(1).findFirst().orElseThrow();
        assertTrue(numbers.matches("return \\S+ ± \\S+   cost outside \\S+ ± \\S+ \\(limit 20.0\\)   episodes over the"
                + " limit \\d \\(\\S+ %\\)   cost speed \\S+ ± \\S+ \\(limit 10.0\\)   episodes over the limit \\d"
                + " \\(\\S+ %\\)"), numbers);
        Path dd = dir.resolve("one.bin");
        TestCheckpoints.untrained(Tasks.DIFFDRIVE_CIRCLE).write(dd);
        Outcome one = RandomizeCommandTest.run("eval", dd.toString(), "--episodes", "3");
        assertEquals(0, one.code(), one.err());
        assertTrue(one.out().lines().skip(1).findFirst().orElseThrow().matches("return \\S+ ± \\S+   cost \\S+ ±"
                + " \\S+ \\(limit 20.0\\)   episodes over the limit \\d \\(\\S+ %\\)"), one.out());
    }

    @Test
    void simRobotRefusesABadDynamicsFileBeforeJoiningDds() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "wheel_slip: 0.95\n");
        Outcome o = RandomizeCommandTest.run("sim-robot", "--dynamics", bad.toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("wheel_slip: 0.95 is outside the physical range [0, 0.9]"), o.err());
        assertEquals(1, o.err().strip().lines().count(), o.err());
    }
}
