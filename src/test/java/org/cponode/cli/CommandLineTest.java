package org.cponode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cponode.learn.Checkpoint;
import org.cponode.learn.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The train / eval command line end to end, in-process, with its exit codes and error lines. */
class CommandLineTest {

    @TempDir
    Path dir;

    private record Outcome(int code, String out, String err) {}

    private static Outcome run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void trainWritesProgressAndCheckpointThenResumesAndEvaluates() throws Exception {
        Path run = dir.resolve("r");
        Outcome first = run("train", "--task", "point-circle", "--iterations", "2", "--batch-size", "1200", "--out", run.toString());
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("it    2/2"), first.out());
        assertEquals(3, Files.readAllLines(run.resolve(Trainer.PROGRESS)).size());
        assertEquals("2", Checkpoint.read(run.resolve(Trainer.CHECKPOINT)).require("iteration"));

        Outcome again = run("train", "--iterations", "3", "--out", run.toString());
        assertEquals(2, again.code(), "an existing run is never overwritten");
        assertTrue(again.err().contains("--resume"), again.err());

        Outcome resumed = run("train", "--resume", "--iterations", "3", "--out", run.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(4, Files.readAllLines(run.resolve(Trainer.PROGRESS)).size());

        Outcome eval = run("eval", run.toString(), "--episodes", "5");
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains("return") && eval.out().contains("cost"), eval.out());
    }

    /**
     * {@code --task FILE.yaml} trains the task a file defines, records its name, layout and text in the
     * checkpoint, and resumes and evaluates from the recorded text when the file is gone (the task, unlike
     * diffdrive-goal, is not registered).
     */
    @Test
    void trainsATaskFileAndResumesAndEvaluatesItWithoutTheFile() throws Exception {
        Path file = dir.resolve("goal.yaml");
        Files.writeString(file, Files.readString(Path.of("config/tasks/diffdrive-goal.yaml"))
                .replace("name: diffdrive-goal", "name: my-goal").replace("diffdrive-goal/v1", "my-goal/v1"));
        Path run = dir.resolve("goal-run");
        Outcome first = run("train", "--task", file.toString(), "--iterations", "2", "--batch-size", "2000",
                "--out", run.toString());
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("training my-goal with cpo") && first.out().contains("it    2/2")
                && first.out().contains("cost limits keep_out=25.0, proximity=25.0"), first.out());
        Checkpoint ck = Checkpoint.read(run.resolve(Trainer.CHECKPOINT));
        assertEquals("my-goal", ck.require("task"));
        assertEquals("my-goal/v1", ck.require("observation_layout"));
        assertEquals(Files.readString(file), ck.require(TrainCommand.TASK_FILE));

        Files.delete(file);
        Outcome resumed = run("train", "--resume", "--iterations", "3", "--out", run.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(4, Files.readAllLines(run.resolve(Trainer.PROGRESS)).size());
        Outcome eval = run("eval", run.toString(), "--episodes", "2");
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains("on my-goal, 2 stochastic episodes"), eval.out());

        Outcome missing = run("train", "--task", file.toString(), "--out", dir.resolve("none").toString());
        assertEquals(2, missing.code());
        assertEquals("error: no such task file: " + file + " (see: cpo-node train --help)",
                missing.err().lines().findFirst().orElseThrow());
    }

    /** A resumed run keeps its target and settings unless told otherwise, and refuses settings it would ignore. */
    @Test
    void resumeKeepsTheSavedTargetAndRefusesNewSettings() throws Exception {
        Path run = dir.resolve("target");
        assertEquals(0, run("train", "--iterations", "3", "--batch-size", "600", "--threads", "1", "--out",
                run.toString(), "--quiet").code());
        Checkpoint three = Checkpoint.read(run.resolve(Trainer.CHECKPOINT));

        Outcome refused = run("train", "--resume", "--batch-size", "1200", "--seed", "7", "--out", run.toString());
        assertEquals(2, refused.code(), refused.out());
        assertTrue(refused.err().contains("--seed") && refused.err().contains("--batch-size"), refused.err());

        Outcome again = run("train", "--resume", "--out", run.toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("already has 3 iterations"), "the saved target of 3 stands: " + again.out());
        assertEquals(three.require("config.iterations"),
                Checkpoint.read(run.resolve(Trainer.CHECKPOINT)).require("config.iterations"));
    }

    /** Rows left by a run that never checkpointed are not mixed into a new run's progress. */
    @Test
    void aNewRunStartsItsProgressAfreshAndItsFilesAreReadableByOthers() throws Exception {
        Path run = dir.resolve("orphan");
        Files.createDirectories(run);
        Files.writeString(run.resolve(Trainer.PROGRESS), Trainer.CSV_HEADER + "\n1,9,9\n2,9,9\n3,9,9\n");
        assertEquals(0, run("train", "--iterations", "2", "--batch-size", "600", "--threads", "1", "--out",
                run.toString(), "--quiet").code());
        List<String> rows = Files.readAllLines(run.resolve(Trainer.PROGRESS));
        assertEquals(3, rows.size(), rows.toString());
        assertTrue(rows.get(1).startsWith("1,") && rows.get(2).startsWith("2,") && !rows.get(1).startsWith("1,9,"),
                rows.toString());
        for (String file : new String[] {Trainer.PROGRESS, Trainer.CHECKPOINT}) {
            assertTrue(Files.getPosixFilePermissions(run.resolve(file)).contains(PosixFilePermission.OTHERS_READ),
                    file + " " + PosixFilePermissions.toString(Files.getPosixFilePermissions(run.resolve(file))));
        }
    }

    /**
     * A resume keeps progress.csv whole or refuses: the rows up to the checkpoint must run without a gap and be
     * intact (a damaged one is named), whatever a crash left after them is rerun, and a deleted file starts again
     * with its header and keeps working over later resumes.
     */
    @Test
    void aResumeRefusesAProgressFileWithHolesAndRerunsWhatFollowsTheCheckpoint() throws Exception {
        Path run = dir.resolve("holes");
        assertEquals(0, run("train", "--iterations", "3", "--batch-size", "600", "--threads", "1", "--out",
                run.toString(), "--quiet").code());
        Path csv = run.resolve(Trainer.PROGRESS);
        List<String> rows = Files.readAllLines(csv);

        Files.writeString(csv, rows.get(0) + "\n" + rows.get(1) + "\n" + rows.get(2).substring(0, 20) + "\n"
                + rows.get(3) + "\n");
        Outcome cut = run("train", "--resume", "--iterations", "4", "--out", run.toString());
        assertEquals(1, cut.code(), cut.out());
        assertTrue(cut.err().contains("progress.csv line 3 has") && cut.err().contains("a damaged row"), cut.err());

        Files.writeString(csv, rows.get(0) + "\n" + rows.get(1) + "\ngarbage,1,2\n" + rows.get(3) + "\n");
        Outcome garbage = run("train", "--resume", "--iterations", "4", "--out", run.toString());
        assertEquals(1, garbage.code(), garbage.out());
        assertTrue(garbage.err().contains("progress.csv line 3") && garbage.err().contains("'garbage'"), garbage.err());

        Files.writeString(csv, rows.get(0) + "\n" + rows.get(1) + "\n" + rows.get(3) + "\n");
        Outcome gap = run("train", "--resume", "--iterations", "4", "--out", run.toString());
        assertEquals(1, gap.code(), gap.out());
        assertTrue(gap.err().contains("line 3 is iteration 3 where 2 belongs"), gap.err());

        Files.writeString(csv, rows.get(0) + "\n" + rows.get(1) + "\n" + rows.get(2) + "\n");
        Outcome shortFile = run("train", "--resume", "--iterations", "4", "--out", run.toString());
        assertEquals(1, shortFile.code(), shortFile.out());
        assertTrue(shortFile.err().contains("ends at iteration 2 but the checkpoint is at iteration 3"),
                shortFile.err());

        // A power cut while appending iteration 4 left "4,5" and zero bytes behind: dropped, iteration 4 runs again.
        Files.writeString(csv, String.join("\n", rows) + "\n4,5\u0000\u0000\u0000");
        Outcome afterCrash = run("train", "--resume", "--iterations", "4", "--out", run.toString(), "--quiet");
        assertEquals(0, afterCrash.code(), afterCrash.err());
        List<String> after = Files.readAllLines(csv);
        assertEquals(5, after.size(), after.toString());
        assertEquals(rows, after.subList(0, 4));
        assertEquals(rows.get(0).split(",").length, after.get(4).split(",").length, after.get(4));

        // A file an earlier version wrote, with 22 columns, is padded, not refused.
        List<String> older = new ArrayList<>();
        for (String row : Files.readAllLines(csv)) {
            older.add(String.join(",", Arrays.asList(row.split(",", -1)).subList(0, 22)));
        }
        Files.writeString(csv, String.join("\n", older) + "\n");
        assertEquals(0, run("train", "--resume", "--iterations", "4", "--out", run.toString(), "--quiet").code());
        assertTrue(Files.readAllLines(csv).get(4).endsWith(",NaN"), Files.readAllLines(csv).toString());

        Files.delete(csv);
        for (int target = 5; target <= 6; target++) {
            Outcome again = run("train", "--resume", "--iterations", Integer.toString(target), "--out", run.toString(),
                    "--quiet");
            assertEquals(0, again.code(), "resume to " + target + " after the file was deleted: " + again.err());
        }
        List<String> fresh = Files.readAllLines(csv);
        assertEquals(Trainer.CSV_HEADER, fresh.get(0));
        assertEquals(List.of("5,", "6,"), List.of(fresh.get(1).substring(0, 2), fresh.get(2).substring(0, 2)));
    }

    /** The GAE lambdas default to the task's, can be set, are recorded, and cannot change on resume. */
    @Test
    void theAdvantageLambdasAreTheTasksUnlessGivenAndAreRecorded() throws Exception {
        Path defaults = dir.resolve("defaults");
        assertEquals(0, run("train", "--task", "diffdrive-circle", "--iterations", "1", "--batch-size", "800",
                "--threads", "1", "--out", defaults.toString(), "--quiet").code());
        Checkpoint d = Checkpoint.read(defaults.resolve(Trainer.CHECKPOINT));
        assertEquals("0.95", d.require("config.lambda"));
        assertEquals("0.5", d.require("config.cost_lambda"));

        Path given = dir.resolve("given");
        Outcome set = run("train", "--task", "diffdrive-circle", "--iterations", "1", "--batch-size", "800",
                "--threads", "1", "--gae-lambda", "0.9", "--cost-gae-lambda", "0.8", "--out", given.toString(), "--quiet");
        assertEquals(0, set.code(), set.err());
        Checkpoint g = Checkpoint.read(given.resolve(Trainer.CHECKPOINT));
        assertEquals("0.9", g.require("config.lambda"));
        assertEquals("0.8", g.require("config.cost_lambda"));
        assertTrue(Files.readString(given.resolve("config.txt")).contains("cost_lambda = 0.8"));

        Outcome resumed = run("train", "--resume", "--cost-gae-lambda", "1", "--out", given.toString());
        assertEquals(2, resumed.code(), resumed.out());
        assertTrue(resumed.err().contains("--cost-gae-lambda"), resumed.err());

        Outcome outside = run("train", "--cost-gae-lambda", "1.5", "--out", dir.resolve("bad").toString());
        assertEquals(2, outside.code());
        assertEquals(1, outside.err().strip().lines().count(), outside.err());
        assertTrue(outside.err().contains("1.5"), outside.err());
    }

    /** --cost-limit sets a constraint's limit by name or the first one's by a bare number, recorded, fixed on resume. */
    @Test
    void costLimitsAreSetByNameOrForTheFirstConstraintAndCannotChangeOnResume() throws Exception {
        Path named = dir.resolve("named");
        Outcome set = run("train", "--task", "diffdrive-circle-2c", "--iterations", "1", "--batch-size", "800",
                "--threads", "1", "--cost-limit", "speed=4", "--cost-limit", "15", "--out", named.toString());
        assertEquals(0, set.code(), set.err());
        assertTrue(set.out().contains("cost limits outside=15.0, speed=4.0"), set.out());
        Checkpoint ck = Checkpoint.read(named.resolve(Trainer.CHECKPOINT));
        assertEquals("15.0", ck.require("config.cost_limit"));
        assertEquals("4.0", ck.require("config.more_cost_limits"));
        assertTrue(Files.readString(named.resolve("config.txt")).contains("more_cost_limits = 4.0"));
        String header = Files.readAllLines(named.resolve(Trainer.PROGRESS)).getFirst();
        assertTrue(header.contains("limit_speed"), header);

        Outcome resumed = run("train", "--resume", "--cost-limit", "speed=5", "--out", named.toString());
        assertEquals(2, resumed.code(), resumed.out());
        assertTrue(resumed.err().contains("--cost-limit"), resumed.err());

        Outcome bare = run("train", "--iterations", "1", "--batch-size", "1000", "--threads", "1", "--cost-limit",
                "3", "--out", dir.resolve("bare").toString(), "--quiet");
        assertEquals(0, bare.code(), bare.err());
        assertEquals("3.0", Checkpoint.read(dir.resolve("bare").resolve(Trainer.CHECKPOINT))
                .require("config.cost_limit"));

        for (String[] bad : new String[][] {{"diffdrive-circle-2c", "sped=4", "no constraint 'sped'; its constraints:"
                + " outside, speed"}, {"point-circle", "speed=4", "its constraints: cost"},
                {"diffdrive-circle-2c", "speed=-1", "finite number >= 0, got '-1'"},
                {"diffdrive-circle-2c", "speed=x", "got 'x'"}}) {
            Outcome refused = run("train", "--task", bad[0], "--cost-limit", bad[1], "--out",
                    dir.resolve("refused").toString());
            assertEquals(2, refused.code(), refused.out());
            assertEquals(1, refused.err().strip().lines().count(), refused.err());
            assertTrue(refused.err().contains(bad[2]), refused.err());
        }
        Outcome twice = run("train", "--task", "diffdrive-circle-2c", "--cost-limit", "9", "--cost-limit",
                "outside=8", "--out", dir.resolve("refused").toString());
        assertEquals(2, twice.code());
        assertTrue(twice.err().contains("'outside' is given more than once"), twice.err());
        assertTrue(Files.notExists(dir.resolve("refused")), "nothing written for refused limits");
    }

    @Test
    void badInputGetsOneLineErrorsAndNonZeroExit() throws Exception {
        Outcome task = run("train", "--task", "nope", "--out", dir.resolve("x").toString());
        assertEquals(2, task.code());
        assertEquals(1, task.err().strip().lines().count(), task.err());
        assertTrue(task.err().contains("valid tasks"), task.err());

        Outcome algo = run("train", "--algo", "ppo", "--out", dir.resolve("y").toString());
        assertEquals(2, algo.code());
        assertTrue(algo.err().contains("unknown algorithm"), algo.err());

        Path corrupt = dir.resolve("c.bin");
        Files.write(corrupt, new byte[] {1, 2, 3});
        Outcome eval = run("eval", corrupt.toString());
        assertEquals(1, eval.code());
        assertEquals(1, eval.err().strip().lines().count(), eval.err());

        Outcome hugeKl = run("train", "--max-kl", "1e200", "--out", dir.resolve("kl").toString());
        assertEquals(2, hugeKl.code());
        assertTrue(hugeKl.err().contains("maxKl must lie in (0, 1], got 1.0E200"), hugeKl.err());
        assertTrue(Files.notExists(dir.resolve("kl")), "nothing written for refused settings");

        Outcome hugeBatch = run("train", "--batch-size", "2147483000", "--out", dir.resolve("big").toString());
        assertEquals(2, hugeBatch.code());
        assertTrue(hugeBatch.err().contains("batch size must lie in [1, 10000000]"), hugeBatch.err());

        Outcome blank = run("train", "--out", "", "--iterations", "1");
        assertEquals(2, blank.code());
        assertTrue(blank.err().contains("--out must name a directory"), blank.err());
        Path aFile = Files.writeString(dir.resolve("a-file"), "keep");
        Outcome onFile = run("train", "--out", aFile.toString(), "--iterations", "1");
        assertEquals(2, onFile.code());
        assertTrue(onFile.err().contains("--out must name a directory, got '" + aFile + "'"), onFile.err());
        assertEquals("keep", Files.readString(aFile));

        Outcome missing = run("train", "--resume", "--out", dir.resolve("none").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("no checkpoint"), missing.err());
    }
}
