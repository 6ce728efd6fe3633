package org.cponode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cponode.LauncherJar;
import org.cponode.learn.Trainer;
import org.cponode.rosws.Command;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The parts of {@code experiment --scheduler slurm} that need no cluster: the train options of each cell, the
 * usage errors, the array script (run by bash as Slurm would run one of its tasks) and the cells' task records.
 * {@link SlurmExperimentTest} runs the whole on a real cluster.
 */
@Timeout(120)
class SlurmGridTest {

    @TempDir
    Path tmp;

    /** An experiment command parsed, not run. */
    private static ExperimentCommand parsed(String... args) {
        ExperimentCommand e = new ExperimentCommand();
        new CommandLine(e).parseArgs(args);
        return e;
    }

    @Test
    void trainOptionsRecreateEveryCellOfAGridWithEveryGridOption() {
        ExperimentCommand e = parsed("--out", tmp.toString(), "--tasks", "point-circle,point-gather,diffdrive-circle",
                "--algos", "cpo,pdo,trpo", "--seeds", "4", "--iterations", "7", "--batch-size", "700", "--cost-shaping",
                "--policy-hidden", "32", "--value-hidden", "16,8", "--value-epochs", "3", "--max-kl", "0.02",
                "--pdo-lr", "0.05", "--gae-lambda", "0.9", "--cost-gae-lambda", "0.8", "--cost-margin-rate", "0.2",
                "--cost-margin-sigmas", "1", "--no-baseline-time");
        List<ExperimentCommand.Cell> cells = e.grid();
        assertEquals(9, cells.size());
        for (ExperimentCommand.Cell c : cells) {
            // settingOptions parses its options back and refuses any setting they would train otherwise.
            List<String> options = TrainCommand.settingOptions(c.config());
            assertTrue(options.contains("--no-baseline-time"), options.toString());
            assertEquals(c.config().costShaping() != null, options.contains("--cost-shaping"), c.name());
        }
    }

    @Test
    void trainOptionsRecreateEveryConstraintsLimit() {
        org.cponode.learn.TrainConfig c = org.cponode.learn.TrainConfig.defaults(
                org.cponode.sim.Tasks.spec("diffdrive-circle-2c")).withCostLimits(new double[] {15, 5});
        List<String> options = TrainCommand.settingOptions(c);
        assertTrue(options.contains("outside=15.0") && options.contains("speed=5.0"), options.toString());
    }

    @Test
    void slurmOptionsAndCollectAreCheckedBeforeAnythingIsWritten() throws Exception {
        Path out = tmp.resolve("grid");
        String[] local = ExperimentCommandTest.run(new ExperimentCommand(), "--out", out.toString(), "--partition",
                "x");
        assertEquals("2", local[0]);
        assertTrue(local[2].contains("--scheduler slurm is needed for --partition"), local[2]);
        String[] noJar = ExperimentCommandTest.run(new ExperimentCommand(), "--out", out.toString(), "--scheduler",
                "slurm");
        assertEquals("2", noJar[0]);
        assertTrue(noJar[2].contains("give --launcher"), noJar[2]);
        String[] regrid = ExperimentCommandTest.run(new ExperimentCommand(), "--collect", out.toString(), "--seeds",
                "1");
        assertEquals("2", regrid[0]);
        assertTrue(regrid[2].contains("--seeds cannot change it"), regrid[2]);
        assertEquals("2", ExperimentCommandTest.run(new ExperimentCommand(), "--collect", out.toString(), "--out",
                out.toString())[0]);
        assertEquals("2", ExperimentCommandTest.run(new ExperimentCommand(), "--tasks", "point-circle")[0]);
        assertTrue(Files.notExists(out), "nothing written");
        Files.createDirectories(out);
        String[] none = ExperimentCommandTest.run(new ExperimentCommand(), "--collect", out.toString());
        assertEquals("1", none[0]);
        assertTrue(none[2].contains("holds no Slurm submission"), none[2]);
    }

    @Test
    void theArrayScriptTrainsItsCellResumesItAndRecordsHowEachTaskEnded() throws Exception {
        Path jar = LauncherJar.write(tmp.resolve("cpo-node.jar"));
        String java = SlurmGrid.quote(Path.of(System.getProperty("java.home"), "bin", "java").toString())
                + " --add-modules jdk.incubator.vector -jar " + SlurmGrid.quote(jar.toString());
        Path out = tmp.resolve("grid");
        Path cell = out.resolve("point-gather/trpo/seed-1");

        assertEquals(0, task(out, java, 2, "7", "0").exitCode());
        assertEquals(2, Files.readAllLines(cell.resolve(Trainer.PROGRESS)).size() - 1);
        Command.Result resumed = task(out, java, 3, "8", "0");
        assertEquals(0, resumed.exitCode(), resumed.output());
        assertTrue(resumed.stdout().contains("train --resume --out " + cell + " --iterations 3"), resumed.stdout());
        assertEquals(3, ExperimentCommand.iterationsDone(cell));
        assertEquals(2, task(out, java, 3, "9", "1").exitCode(), "an index past the cells is refused");

        Command.Result failed = task(out, "false", 4, "10", "0");
        assertEquals(1, failed.exitCode());
        List<String> records = Files.readAllLines(cell.resolve(SlurmGrid.TASKS));
        assertTrue(records.get(0).matches("\\S+Z 7_0 started \\S+"), records.toString());
        assertTrue(records.get(1).endsWith(" 7_0 exit 0") && records.get(3).endsWith(" 8_0 exit 0"),
                records.toString());
        SlurmGrid.Task latest = SlurmGrid.latest(cell);
        assertEquals("10_0", latest.id());
        assertEquals(1, latest.exitCode());
        SlurmGrid.Status status = new SlurmGrid.Status("point-gather/trpo/seed-1", cell, 3, 4, latest, null, null);
        assertTrue(status.failed());
        assertEquals("failed   point-gather/trpo/seed-1  3/4 iterations, task 10_0 exited with 1, log "
                + SlurmGrid.log(out, "10_0"), status.line(out));
    }

    /** Runs array task {@code index} of a one-cell grid's script as Slurm would, for {@code iterations}. */
    private Command.Result task(Path out, String launcher, int iterations, String job, String index) throws Exception {
        ExperimentCommand e = parsed("--out", out.toString(), "--tasks", "point-gather", "--algos", "trpo", "--seeds",
                "1", "--iterations", Integer.toString(iterations), "--batch-size", "300", "--scheduler", "slurm",
                "--launcher", launcher, "--quiet");
        Path script = tmp.resolve("array-" + job + ".sh");
        Files.writeString(script, e.slurm.script(out.toAbsolutePath(), e.grid(), 1, true, List.of("sbatch")));
        return Command.run(tmp, Map.of("SLURM_ARRAY_JOB_ID", job, "SLURM_ARRAY_TASK_ID", index), Duration.ofMinutes(1),
                List.of("bash", script.toString()));
    }

    @Test
    void aCellsLatestTaskIsItsNewestJobAndWhatThatTaskLastWrote() throws Exception {
        Path cell = Files.createDirectories(tmp.resolve("cell"));
        assertNull(SlurmGrid.latest(cell));
        List<String> lines = new ArrayList<>(List.of(
                "2026-01-01T00:00:00Z 41_2 submitted",
                "2026-01-01T00:00:01Z 41_2 started node1",
                "2026-01-01T00:00:09Z 41_2 exit 143",
                // The task can start before sbatch has returned the id that the submission records.
                "2026-01-02T00:00:01Z 52_0 started node2",
                "2026-01-02T00:00:00Z 52_0 submitted",
                "2026-01-02T00:00:02Z 52_0 exi"));
        Files.write(cell.resolve(SlurmGrid.TASKS), lines);
        SlurmGrid.Task t = SlurmGrid.latest(cell);
        assertEquals("52_0", t.id());
        assertEquals("started", t.event());
        assertNull(t.exitCode());
        SlurmGrid.Status s = new SlurmGrid.Status("c", cell, 5, 10, t, null, "NODE_FAIL");
        assertEquals("stopped", s.state());
        assertTrue(s.line(tmp).contains("ended without an exit code (killed outright), sacct NODE_FAIL, log "),
                s.line(tmp));
        assertEquals("RUNNING", new SlurmGrid.Status("c", cell, 5, 10, t, "RUNNING node2", null).state());
        assertEquals("done", new SlurmGrid.Status("c", cell, 10, 10, t, null, null).state());
    }
}
