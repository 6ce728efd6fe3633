package org.cponode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.cponode.cli.RandomizeCommandTest.Outcome;
import org.cponode.learn.Trainer;
import org.cponode.nn.Kernels;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * With one constraint, {@code train} computes what the single-constraint learning core computed, bit for bit:
 * short Point-Circle runs write the {@code progress.csv} and {@code checkpoint.bin} that code wrote. The runs
 * cover CPO's cases 0 and 1 (the default limit, from an infeasible start), 2 and 1 with a line search that
 * rejects the step (limit 22) and 3 (limit 100), and PDO, TRPO and PID.
 *
 * <p>The golden files, one directory per run under {@code src/test/resources/org/cponode/cli/single-constraint},
 * were written by commit 5a5167b ("train --algo pid"), the parent of f7b72bd, which gave the learning core a cost
 * per constraint; 5a5167b already holds {@code CpoMultiDual}, but nothing calls it. Commit 6381821, the parent of
 * the commit that added {@code CpoMultiDual}, writes the same files for the runs it can make (it has no pid). To
 * make a run's files again, with RUN its name and OPTIONS its options in {@link #runs()} and GOLDEN that directory:
 *
 * <pre>
 * git worktree add --detach /tmp/single 5a5167b &amp;&amp; cd /tmp/single &amp;&amp; scripts/build
 * scripts/cpo-node train --task point-circle OPTIONS --threads 1 --quiet --out /tmp/golden/RUN
 * cp /tmp/golden/RUN/progress.csv GOLDEN/RUN/progress.csv
 * sha256sum &lt; /tmp/golden/RUN/checkpoint.bin | cut -d' ' -f1 &gt; GOLDEN/RUN/checkpoint.sha256
 * </pre>
 *
 * e.g. for {@code point-circle-cpo-limit-22}: {@code --algo cpo --seed 1 --iterations 5 --batch-size 4000
 * --cost-limit 22}. The test runs the same command line in process.
 *
 * <p>Every column of the old {@code progress.csv} is compared as text, by its name, except the {@code *_s}
 * timings. No column was renamed: with one constraint the current code writes the old 23 columns under their old
 * names and no others ({@link Trainer#header} adds per-constraint columns only for several). The values are
 * printed to six significant digits, so the checkpoint's SHA-256 is the bit-for-bit check: its bytes hold the
 * settings, the iteration, the last return and cost, and every array of the learning state (policy, observation
 * normaliser, both baselines with their Adam moments, the algorithm's state). A new setting or metadata entry
 * changes those bytes without changing the learning; the arrays are then the ones to compare.
 *
 * <p>The golden numbers come from the Vector API kernels, which give the same bits at every vector width (each
 * output is the same chain of fused multiply-adds; 128, 256 and 512 bits give these checkpoints) but not the
 * scalar kernels' (whose products round otherwise), so the JVM must run with
 * {@code --add-modules jdk.incubator.vector}, as surefire and {@code scripts/cpo-node} start it.
 */
class SingleConstraintRegressionTest {

    private static final String GOLDEN = "single-constraint/";

    @TempDir
    Path dir;

    static Stream<Arguments> runs() {
        return Stream.of(
                Arguments.of("point-circle-cpo", List.of("--algo", "cpo", "--seed", "1", "--iterations", "4",
                        "--batch-size", "4000")),
                Arguments.of("point-circle-cpo-limit-22", List.of("--algo", "cpo", "--seed", "1", "--iterations", "5",
                        "--batch-size", "4000", "--cost-limit", "22")),
                Arguments.of("point-circle-cpo-limit-100", List.of("--algo", "cpo", "--seed", "1", "--iterations", "2",
                        "--batch-size", "4000", "--cost-limit", "100")),
                Arguments.of("point-circle-pdo", List.of("--algo", "pdo", "--seed", "1", "--iterations", "4",
                        "--batch-size", "4000")),
                Arguments.of("point-circle-trpo", List.of("--algo", "trpo", "--seed", "1", "--iterations", "4",
                        "--batch-size", "4000")),
                Arguments.of("point-circle-pid", List.of("--algo", "pid", "--seed", "1", "--iterations", "4",
                        "--batch-size", "4000")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void aOneConstraintRunWritesWhatTheSingleConstraintCodeWrote(String run, List<String> options) throws Exception {
        assertTrue(Kernels.best().name().startsWith("vector-"), "the golden files come from the Vector API kernels;"
                + " this JVM runs " + Kernels.best().name() + " (start it with --add-modules jdk.incubator.vector)");
        Path out = dir.resolve(run);
        List<String> args = new ArrayList<>(List.of("train", "--task", "point-circle"));
        args.addAll(options);
        args.addAll(List.of("--threads", "1", "--quiet", "--out", out.toString()));
        Outcome trained = RandomizeCommandTest.run(args.toArray(String[]::new));
        assertEquals(0, trained.code(), trained.err());

        assertSameColumns(run, golden(run, "progress.csv").lines().toList(),
                Files.readAllLines(out.resolve(Trainer.PROGRESS)));
        assertEquals(golden(run, "checkpoint.sha256").strip(), sha256(out.resolve(Trainer.CHECKPOINT)),
                run + ": checkpoint.bin differs from the single-constraint code's (SHA-256)");
    }

    /**
     * Fails at the first row and column, in file order, where {@code current} differs from {@code golden} in a
     * column {@code golden} has, found in {@code current} by name; timing columns ({@code *_s}) are left out.
     */
    private static void assertSameColumns(String run, List<String> golden, List<String> current) {
        String[] names = golden.getFirst().split(",", -1);
        List<String> currentNames = List.of(current.getFirst().split(",", -1));
        for (String name : names) {
            assertTrue(currentNames.contains(name), run + ": progress.csv has no column " + name + "; its columns: "
                    + current.getFirst());
        }
        for (int row = 1; row < Math.min(golden.size(), current.size()); row++) {
            String[] want = golden.get(row).split(",", -1);
            String[] have = current.get(row).split(",", -1);
            for (int k = 0; k < names.length; k++) {
                String value = have[currentNames.indexOf(names[k])];
                if (!names[k].endsWith("_s") && !value.equals(want[k])) {
                    fail(run + ": progress.csv row " + row + " (iteration " + want[0] + "), column " + names[k]
                            + ": " + value + ", the single-constraint code wrote " + want[k]);
                }
            }
        }
        assertEquals(golden.size() - 1, current.size() - 1, run + ": progress.csv rows");
    }

    private static String golden(String run, String file) throws IOException {
        try (InputStream in = SingleConstraintRegressionTest.class.getResourceAsStream(GOLDEN + run + "/" + file)) {
            assertTrue(in != null, "no golden file " + GOLDEN + run + "/" + file);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
