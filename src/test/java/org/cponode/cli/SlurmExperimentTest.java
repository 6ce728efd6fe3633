package org.cponode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cponode.LauncherJar;
import org.cponode.learn.Trainer;
import org.cponode.rosws.Command;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code experiment --scheduler slurm} on a real one-node Slurm cluster ({@link SlurmCluster}): the array's cells
 * equal the same cells trained here, {@code --collect} summarises them, a killed task resumes when resubmitted,
 * and a failed one is reported with its log. The array tasks run {@code cpo-node} from a {@link LauncherJar} of
 * this build, with the Vector API module as the in-process runs have it.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class SlurmExperimentTest {

    private static final Duration GRID_TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern JOB = Pattern.compile("as Slurm job array (\\d+) ");

    @TempDir
    static Path tmp;

    private static SlurmCluster cluster;
    private static List<String> java;

    @BeforeAll
    static void startCluster() throws Exception {
        String missing = SlurmCluster.missingBinaries();
        assumeTrue(missing.isEmpty(), "Slurm is not installed (missing " + missing + "; apt-get install slurm-wlm"
                + " munge, as scripts/test-all does): the Slurm grid test is skipped");
        assumeTrue("root".equals(System.getProperty("user.name")), "slurmd needs root to run jobs; run as root (CI"
                + " does): the Slurm grid test is skipped");
        cluster = SlurmCluster.start();
        Path jar = LauncherJar.write(tmp.resolve("cpo-node.jar"));
        java = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--add-modules",
                "jdk.incubator.vector", "-jar", jar.toString());
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aGridOnSlurmEqualsTheSameGridTrainedHereAndCollects() throws Exception {
        Path slurm = tmp.resolve("slurm-grid");
        List<String> submit = slurm(ExperimentCommandTest.tinyGrid(slurm, 2, 1), "--parallel", "2", "--partition",
                "debug", "--time", "10", "--mem", "256M", "--sbatch-arg=--comment=cpo-node test");
        Command.Result submitted = cpoNode(submit);
        assertEquals(0, submitted.exitCode(), submitted.output());
        String job = jobId(submitted);
        assertTrue(Files.readString(slurm.resolve("slurm/array.sh")).contains("#SBATCH --mem=256M"));

        // The same grid here, while the array trains.
        Path local = tmp.resolve("local-grid");
        String[] here = ExperimentCommandTest.grid(local, 2, 1, 1);
        assertEquals("0", here[0], here[1] + here[2]);

        cluster.awaitDone(job, GRID_TIMEOUT);
        Command.Result collected = cpoNode(List.of("experiment", "--collect", slurm.toString(), "--warmup", "0",
                "--last", "2"));
        assertEquals(0, collected.exitCode(), collected.output());
        assertTrue(collected.stdout().contains("4 cells: 4 done"), collected.output());
        assertTrue(collected.stdout().contains("4 of 4 cells summarised"), collected.output());
        for (String cell : ExperimentCommandTest.CELLS) {
            Path dir = slurm.resolve("point-circle").resolve(cell);
            assertEquals(ExperimentCommandTest.withoutTiming(local.resolve("point-circle").resolve(cell)),
                    ExperimentCommandTest.withoutTiming(dir), cell + "\n" + log(slurm, dir));
            String tasks = Files.readString(dir.resolve(SlurmGrid.TASKS));
            assertTrue(tasks.contains(" submitted") && tasks.contains(" started ") && tasks.contains(" exit 0"), tasks);
        }
        ExperimentCommandTest.checkSummary(slurm, 2);
        assertEquals(ExperimentCommandTest.withoutWall(local.resolve(Report.SUMMARY_CSV)),
                ExperimentCommandTest.withoutWall(slurm.resolve(Report.SUMMARY_CSV)));

        // Submitting again submits nothing: every cell is finished.
        Command.Result again = cpoNode(submit);
        assertEquals(0, again.exitCode(), again.output());
        assertEquals(4, again.stdout().lines().filter(l -> l.startsWith("skip ")).count(), again.output());
        assertTrue(again.stdout().contains("nothing to submit"), again.output());
    }

    @Test
    void aKilledTaskResumesFromItsCheckpointWhenResubmitted() throws Exception {
        Path slurm = tmp.resolve("killed");
        String cell = "point-circle/cpo/seed-3";
        List<String> grid = List.of("--tasks", "point-circle", "--algos", "cpo", "--seeds", "3", "--iterations", "150",
                "--batch-size", "3000", "--threads-per-run", "1", "--quiet");
        List<String> submit = slurm(with(List.of("--out", slurm.toString()), grid));
        Command.Result first = cpoNode(submit);
        assertEquals(0, first.exitCode(), first.output());
        String job = jobId(first);
        Path dir = slurm.resolve(cell);
        cluster.await(GRID_TIMEOUT, () -> rows(dir) >= 3, "the cell did not train 3 iterations");
        Command.Result cancel = cluster.run("scancel", job + "_0");
        assertEquals(0, cancel.exitCode(), cancel.output());
        cluster.awaitDone(job, Duration.ofMinutes(1));
        int stopped = ExperimentCommand.iterationsDone(dir);
        assertTrue(stopped >= 3 && stopped < 150, "stopped at iteration " + stopped + "\n" + log(slurm, dir));

        Command.Result collected = cpoNode(List.of("experiment", "--collect", slurm.toString()));
        assertEquals(0, collected.exitCode(), collected.output());
        assertTrue(collected.stdout().contains("stopped  " + cell + "  " + stopped + "/150 iterations, task " + job
                + "_0"), collected.output());
        assertTrue(collected.stdout().contains(SlurmGrid.log(slurm, job + "_0").toString()), collected.output());
        assertTrue(collected.stdout().contains("no cell has finished yet"), collected.output());

        Command.Result resubmitted = cpoNode(submit);
        assertEquals(0, resubmitted.exitCode(), resubmitted.output());
        assertTrue(resubmitted.stdout().contains("resume " + cell + " at iteration " + stopped), resubmitted.output());
        String second = jobId(resubmitted);
        cluster.awaitDone(second, GRID_TIMEOUT);
        assertTrue(Files.readString(SlurmGrid.log(slurm, second + "_0")).contains("train --resume"));

        // An uninterrupted run of the same cell here gives the same numbers.
        Path local = tmp.resolve("uninterrupted");
        String[] here = ExperimentCommandTest.run(new ExperimentCommand(),
                with(List.of("--out", local.toString()), grid).toArray(String[]::new));
        assertEquals("0", here[0], here[1] + here[2]);
        assertEquals(ExperimentCommandTest.withoutTiming(local.resolve(cell)), ExperimentCommandTest.withoutTiming(dir),
                log(slurm, dir));
        Command.Result done = cpoNode(List.of("experiment", "--collect", slurm.toString()));
        assertTrue(done.stdout().contains("1 cells: 1 done"), done.output());
    }

    @Test
    void aFailedTaskIsReportedWithItsLog() throws Exception {
        Path slurm = tmp.resolve("failing");
        // A launcher that fails at once, as a node without the JDK would.
        List<String> submit = List.of("experiment", "--scheduler", "slurm", "--out", slurm.toString(), "--tasks",
                "point-gather", "--algos", "trpo", "--seeds", "1", "--iterations", "1", "--launcher", "false");
        Command.Result submitted = cpoNode(submit);
        assertEquals(0, submitted.exitCode(), submitted.output());
        String job = jobId(submitted);
        cluster.awaitDone(job, GRID_TIMEOUT);
        Command.Result collected = cpoNode(List.of("experiment", "--collect", slurm.toString()));
        assertEquals(1, collected.exitCode(), collected.output());
        Path log = SlurmGrid.log(slurm, job + "_0");
        assertTrue(collected.stdout().contains("failed   point-gather/trpo/seed-1  0/1 iterations, task " + job
                + "_0 exited with 1, log " + log), collected.output());
        assertTrue(Files.readString(log).contains("false train"), Files.readString(log));

        Command.Result again = cpoNode(submit);
        assertTrue(again.stdout().contains("start  point-gather/trpo/seed-1 (its last task " + job + "_0 exited with 1,"
                + " log " + log + ")"), again.output());
        cluster.awaitDone(jobId(again), GRID_TIMEOUT);
    }

    /** {@code experiment --scheduler slurm} with these options, run by the launcher jar on this build's classes. */
    private static List<String> slurm(List<String> options, String... more) {
        List<String> args = new ArrayList<>(List.of("experiment", "--scheduler", "slurm"));
        args.addAll(options);
        args.addAll(List.of(more));
        args.addAll(List.of("--launcher", String.join(" ", java.stream().map(SlurmGrid::quote).toList())));
        return args;
    }

    private static List<String> with(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Runs cpo-node as its own process, its Slurm commands pointed at the test cluster. */
    private static Command.Result cpoNode(List<String> args) {
        List<String> command = new ArrayList<>(java);
        command.addAll(args);
        return Command.run(tmp, cluster.env(), Duration.ofMinutes(2), command);
    }

    private static String jobId(Command.Result submitted) {
        Matcher m = JOB.matcher(submitted.stdout());
        assertTrue(m.find(), "no job id in:\n" + submitted.output());
        return m.group(1);
    }

    private static int rows(Path dir) {
        try {
            Path csv = dir.resolve(Trainer.PROGRESS);
            return Files.exists(csv) ? Files.readAllLines(csv).size() - 1 : 0;
        } catch (IOException e) {
            return 0; // replaced while read
        }
    }

    /** A cell's task records, its tasks' logs and the daemons' logs, for failure messages. */
    private static String log(Path out, Path dir) throws IOException {
        Path tasks = dir.resolve(SlurmGrid.TASKS);
        if (!Files.exists(tasks)) {
            return "(no task records in " + dir + ")\n" + cluster.logs();
        }
        StringBuilder sb = new StringBuilder(Files.readString(tasks));
        for (String task : Files.readAllLines(tasks).stream().map(l -> l.split(" ")[1]).distinct().toList()) {
            Path log = SlurmGrid.log(out, task);
            sb.append("--- ").append(log).append('\n').append(Files.exists(log) ? Files.readString(log) : "(none)\n");
        }
        return sb.append(cluster.logs()).toString();
    }
}
