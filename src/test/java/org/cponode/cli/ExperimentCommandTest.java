package org.cponode.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.cponode.learn.Checkpoint;
import org.cponode.learn.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(300)
class ExperimentCommandTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    static final List<String> CELLS = List.of("cpo/seed-1", "cpo/seed-2", "pdo/seed-1", "pdo/seed-2");

    @TempDir
    Path tmp;

    /** Runs a command like the CLI does; returns exit code, stdout and stderr. */
    static String[] run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("error: " + ex.getMessage());
            return 1;
        });
        int code = cli.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    /** The tiny grid's options: Point-Circle, CPO and PDO with shaping, seeds 1 and 2, batches of 600. */
    static List<String> tinyGrid(Path out, int iterations, int threads) {
        return List.of("--out", out.toString(), "--tasks", "point-circle", "--algos", "cpo,pdo", "--seeds", "1,2",
                "--iterations", Integer.toString(iterations), "--batch-size", "600", "--cost-shaping", "--warmup", "0",
                "--last", "2", "--threads-per-run", Integer.toString(threads), "--quiet");
    }

    static String[] grid(Path out, int iterations, int parallel, int threads) {
        List<String> args = new ArrayList<>(tinyGrid(out, iterations, threads));
        args.addAll(List.of("--parallel", Integer.toString(parallel)));
        return run(new ExperimentCommand(), args.toArray(String[]::new));
    }

    @Test
    void tinyGridEndToEndResumesAndDoesNotDependOnParallelism() throws Exception {
        Path a = tmp.resolve("a");
        String[] first = grid(a, 2, 2, 1);
        assertEquals("0", first[0], first[1] + first[2]);
        for (String cell : CELLS) {
            Path dir = a.resolve("point-circle").resolve(cell);
            List<String> lines = Files.readAllLines(dir.resolve(Trainer.PROGRESS));
            assertEquals(Trainer.CSV_HEADER, lines.get(0));
            ProgressTable t = ProgressTable.read(dir.resolve(Trainer.PROGRESS));
            assertEquals(2, t.rows(), cell);
            assertArrayEquals(new double[] {1, 2}, t.column("iteration"), 0.0);
            assertTrue(Arrays.stream(t.column("return")).allMatch(Double::isFinite));
            assertArrayEquals(new double[] {5, 5}, t.column("cost_limit"), 0.0);
            assertEquals("2", Checkpoint.read(dir.resolve(Trainer.CHECKPOINT)).require("iteration"));
            assertTrue(Files.readString(dir.resolve("config.txt")).contains("cost_shaping_horizon = 5"));
        }
        checkSummary(a, 2);
        checkPng(a.resolve("plots/point-circle-curves.png"), 1000, 800);
        checkPng(a.resolve("plots/point-circle-cpo+shaping-trajectory.png"), 850, 900);
        checkPng(a.resolve("plots/point-circle-pdo+shaping-trajectory.png"), 850, 900);

        // Same grid to 3 iterations: resumes every run; then a rerun skips them all.
        String[] resumed = grid(a, 3, 2, 1);
        assertEquals("0", resumed[0], resumed[2]);
        assertEquals(4, count(resumed[1], "resume "), resumed[1]);
        String[] again = grid(a, 3, 2, 1);
        assertEquals(4, count(again[1], "skip "), again[1]);
        checkSummary(a, 3);

        // An uninterrupted run with other parallelism gives the same numbers (timing columns aside).
        Path b = tmp.resolve("b");
        assertEquals("0", grid(b, 3, 1, 2)[0]);
        for (String cell : CELLS) {
            assertEquals(withoutTiming(a.resolve("point-circle").resolve(cell)),
                    withoutTiming(b.resolve("point-circle").resolve(cell)), cell);
        }

        // plot regenerates the same summary from the files.
        Files.delete(b.resolve(Report.SUMMARY_CSV));
        Files.delete(b.resolve("plots/point-circle-curves.png"));
        String[] plot = run(new PlotCommand(), b.toString(), "--warmup", "0", "--last", "2");
        assertEquals("0", plot[0], plot[2]);
        assertEquals(withoutWall(a.resolve(Report.SUMMARY_CSV)), withoutWall(b.resolve(Report.SUMMARY_CSV)));
        checkPng(b.resolve("plots/point-circle-curves.png"), 1000, 800);
    }

    @Test
    void refusesToResumeARunWithOtherSettings() throws Exception {
        Path a = tmp.resolve("c");
        String[] first = run(new ExperimentCommand(), "--out", a.toString(), "--tasks", "point-gather", "--algos", "trpo",
                "--seeds", "3", "--iterations", "1", "--batch-size", "300", "--quiet");
        assertEquals("0", first[0], first[2]);
        String[] other = run(new ExperimentCommand(), "--out", a.toString(), "--tasks", "point-gather", "--algos", "trpo",
                "--seeds", "3", "--iterations", "2", "--batch-size", "400", "--quiet");
        assertEquals("1", other[0]);
        assertTrue(other[2].contains("batch_size 300 -> 400"), other[2]);
        assertTrue(Files.readString(a.resolve("experiment.txt")).contains("--batch-size 300"),
                "a grid refused before it runs leaves the record of the last invocation that ran");
    }

    /** The lambdas reach every cell, and a grid made with other lambdas resumes only when told them again. */
    @Test
    void theLambdaOptionsReachTheCellsAndAnOldGridResumesWithThem() throws Exception {
        Path a = tmp.resolve("lambdas");
        String[] first = run(new ExperimentCommand(), "--out", a.toString(), "--tasks", "point-circle", "--algos", "cpo",
                "--seeds", "1", "--iterations", "1", "--batch-size", "300", "--cost-gae-lambda", "1", "--quiet");
        assertEquals("0", first[0], first[2]);
        Path cell = a.resolve("point-circle/cpo/seed-1");
        assertTrue(Files.readString(cell.resolve("config.txt")).contains("cost_lambda = 1.0"));

        String[] defaults = run(new ExperimentCommand(), "--out", a.toString(), "--tasks", "point-circle", "--algos",
                "cpo", "--seeds", "1", "--iterations", "2", "--batch-size", "300", "--quiet");
        assertEquals("1", defaults[0]);
        assertTrue(defaults[2].contains("cost_lambda 1.0 -> 0.92") && defaults[2].contains("give the options"),
                defaults[2]);

        String[] resumed = run(new ExperimentCommand(), "--out", a.toString(), "--tasks", "point-circle", "--algos",
                "cpo", "--seeds", "1", "--iterations", "2", "--batch-size", "300", "--cost-gae-lambda", "1", "--quiet");
        assertEquals("0", resumed[0], resumed[2]);
        assertEquals("2", Checkpoint.read(cell.resolve(Trainer.CHECKPOINT)).require("iteration"));
    }

    @Test
    void badGridsAreUsageErrors() throws Exception {
        assertEquals("2", run(new ExperimentCommand(), "--out", tmp.toString(), "--seeds", "3-1")[0]);
        assertEquals("2", run(new ExperimentCommand(), "--out", tmp.toString(), "--tasks", "nope")[0]);
        assertEquals("2", run(new ExperimentCommand(), "--out", tmp.toString(), "--algos", "sac")[0]);
        assertEquals("2", run(new ExperimentCommand(), "--out", tmp.toString(), "--parallel", "0")[0]);
        // Checked before any run trains, not after the grid.
        assertEquals("2", run(new ExperimentCommand(), "--out", tmp.toString(), "--last", "0")[0]);
        assertEquals("2", run(new ExperimentCommand(), "--out", tmp.toString(), "--warmup", "-1")[0]);
        String[] twice = run(new ExperimentCommand(), "--out", tmp.toString(), "--algos", "cpo,CPO");
        assertEquals("2", twice[0]);
        assertTrue(twice[2].contains("names point-circle/cpo/seed-1 twice"), twice[2]);
        assertEquals("2", run(new ExperimentCommand(), "--out", "")[0]);
        assertEquals(0, Files.list(tmp).count(), "nothing written by a refused grid");
        assertEquals(List.of(1L, 2L, 3L, 7L), ExperimentCommand.parseSeeds("1-3,7"));
    }

    static void checkSummary(Path dir, int iterations) throws Exception {
        List<String> csv = Files.readAllLines(dir.resolve(Report.SUMMARY_CSV));
        assertEquals(RunSummary.CSV_HEADER, csv.get(0));
        assertEquals(1 + CELLS.size(), csv.size());
        for (String line : csv.subList(1, csv.size())) {
            String[] f = line.split(",");
            assertEquals(11, f.length, line);
            assertEquals("point-circle", f[0]);
            assertTrue(f[1].equals("cpo+shaping") || f[1].equals("pdo+shaping"), f[1]);
            assertEquals(iterations, Integer.parseInt(f[3]));
            for (int i = 4; i < f.length; i++) {
                assertTrue(Double.isFinite(Double.parseDouble(f[i])), line);
            }
            double violations = Double.parseDouble(f[9]);
            assertTrue(violations >= 0 && violations <= 1);
        }
        String md = Files.readString(dir.resolve(Report.SUMMARY_MD), StandardCharsets.UTF_8);
        assertTrue(md.contains("| point-circle | cpo+shaping | 2 | " + iterations + " |"), md);
        assertTrue(md.contains("| point-circle | pdo+shaping | 2 | " + iterations + " |"), md);
        assertTrue(md.contains("![plots/point-circle-curves.png](plots/point-circle-curves.png)"), md);
    }

    private static void checkPng(Path png, int width, int height) throws Exception {
        byte[] bytes = Files.readAllBytes(png);
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, 8), png.toString());
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, png.toString());
        assertEquals(width, image.getWidth());
        assertEquals(height, image.getHeight());
        // Not blank: a chart has many distinct colours.
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < height; y += 7) {
            for (int x = 0; x < width; x += 7) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 5, png + " has " + colours.size() + " colours");
    }

    private static int count(String text, String prefix) {
        return (int) text.lines().filter(l -> l.startsWith(prefix)).count();
    }

    /** progress.csv without the columns that measure time. */
    static List<String> withoutTiming(Path dir) throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve(Trainer.PROGRESS));
        List<String> header = List.of(lines.get(0).split(","));
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(",");
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < f.length; i++) {
                if (!header.get(i).endsWith("_s")) {
                    sb.append(f[i]).append(',');
                }
            }
            kept.add(sb.toString());
        }
        return kept;
    }

    static List<String> withoutWall(Path csv) throws Exception {
        return Files.readAllLines(csv).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }
}
