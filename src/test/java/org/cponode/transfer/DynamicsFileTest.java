package org.cponode.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.cponode.sim.DiffDriveCircle;
import org.cponode.sim.DiffDriveDynamics;
import org.cponode.sim.DiffDriveDynamics.Ranges;
import org.cponode.sim.DiffDriveDynamics.Span;
import org.cponode.sim.DiffDriveDynamics.StepSpan;
import org.cponode.task.DiffDriveObservation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Randomisation and target-robot files: what they accept, every way they refuse, and sampling from them. */
class DynamicsFileTest {

    private static final Path REPO_CONFIG = Path.of("config");

    @Test
    void exampleRandomizationFileParsesToItsDocumentedRanges() {
        Ranges r = DynamicsFile.readRanges(REPO_CONFIG.resolve("randomization.yaml"));
        assertEquals(new Span(0.6, 1.2), r.linearGain());
        assertEquals(new Span(0.6, 1.2), r.angularGain());
        assertEquals(new Span(-0.01, 0.01), r.linearBias());
        assertEquals(new Span(-0.05, 0.05), r.angularBias());
        assertEquals(new Span(0.85, 1.1), r.velocityLimitScale());
        assertEquals(new Span(0.7, 1.3), r.accelerationLimitScale());
        assertEquals(new StepSpan(0, 3), r.latencySteps());
        assertEquals(new Span(0, 0.05), r.odometryNoiseStd());
        assertEquals(new Span(-0.02, 0.02), r.odometryDriftRate());
        assertEquals(new Span(0, 0.2), r.controlPeriodJitter());
        assertEquals(new Span(0, 0.1), r.wheelSlip());
    }

    @Test
    void examplePerturbedRobotIsThirtyPercentWeakerTwoStepsLateAndNoisy() {
        DiffDriveDynamics d = DynamicsFile.readRobot(REPO_CONFIG.resolve("perturbed_robot.yaml"));
        assertEquals(new DiffDriveDynamics(0.7, 0.7, 0, 0, 1, 1, 2, 0.03, 0, 0, 0), d);
    }

    @Test
    void missingKeysAreNominalAndSingleNumbersAreFixed() {
        Ranges r = DynamicsFile.parseRanges("latency_steps: 2\nwheel_slip: [0, 0.2]\n", "t");
        assertEquals(StepSpan.of(2), r.latencySteps());
        assertEquals(new Span(0, 0.2), r.wheelSlip());
        assertEquals(Span.of(1), r.linearGain());
        assertEquals(Span.of(0), r.odometryNoiseStd());
        assertEquals(DiffDriveDynamics.NOMINAL, DynamicsFile.parseRobot("{}", "t"));
    }

    @Test
    void metadataAndYamlRoundTripExactly() {
        Ranges r = DynamicsFile.readRanges(REPO_CONFIG.resolve("randomization.yaml"));
        Map<String, String> meta = DynamicsFile.toMetadata(r);
        assertEquals(DynamicsFile.keys().size(), meta.size());
        assertEquals("0.6,1.2", meta.get("randomization.linear_gain"));
        assertEquals(r, DynamicsFile.fromMetadata(meta));
        assertEquals(r, DynamicsFile.parseRanges(DynamicsFile.toYaml(r), "round trip"));
        assertNull(DynamicsFile.fromMetadata(Map.of("task", "diffdrive-circle")), "no randomisation recorded");
        assertThrows(IllegalArgumentException.class,
                () -> DynamicsFile.fromMetadata(Map.of("randomization.linear_gain", "0.6,1.2")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown key              | linear_gian: 1                      | unknown key 'linear_gian'
            low above high           | linear_gain: [1.2, 0.6]             | linear_gain: low 1.2 > high 0.6
            zero gain                | angular_gain: 0                     | angular_gain: 0 is outside the physical range (0, 2]
            gain too large           | linear_gain: [0.5, 2.5]             | linear_gain: 2.5 is outside the physical range (0, 2]
            bias beyond top speed    | linear_bias: 0.3                    | linear_bias: 0.3 is outside the physical range
            yaw bias beyond limit    | angular_bias: [-3, 0]               | angular_bias: -3 is outside the physical range
            zero velocity scale      | velocity_limit_scale: [0, 1]        | velocity_limit_scale: 0 is outside the physical range (0, 2]
            acceleration scale       | acceleration_limit_scale: 5         | acceleration_limit_scale: 5 is outside the physical range (0, 4]
            negative latency         | latency_steps: -1                   | latency_steps: -1 is outside the physical range a whole number in 0..50
            fractional latency       | latency_steps: 1.5                  | latency_steps: must be a whole number in 0..50, got 1.5
            too much latency         | latency_steps: [0, 51]              | latency_steps: 51 is outside
            negative noise           | odometry_noise_std: -0.01           | odometry_noise_std: -0.01 is outside the physical range [0, 1]
            drift too fast           | odometry_drift_rate: 0.6            | odometry_drift_rate: 0.6 is outside
            jitter too large         | control_period_jitter: [0, 0.6]     | control_period_jitter: 0.6 is outside the physical range [0, 0.5]
            total slip               | wheel_slip: 1                       | wheel_slip: 1 is outside the physical range [0, 0.9]
            text value               | wheel_slip: lots                    | wheel_slip: expected a number or [low, high], got the text 'lots'
            boolean value            | wheel_slip: true                    | wheel_slip: expected a number or [low, high], got true
            nested map               | wheel_slip: {low: 0, high: 1}       | wheel_slip: expected a number or [low, high], got a map
            three-element range      | wheel_slip: [0, 0.1, 0.2]           | wheel_slip: a range is [low, high], got 3 values
            null value               | wheel_slip:                         | wheel_slip: expected a number or [low, high], got nothing
            list document            | [1, 2]                              | expected a map of dynamics keys
            scalar document          | 3                                   | expected a map of dynamics keys
            broken yaml              | 'linear_gain: [0.6, 1.2'            | not valid YAML
            """)
    void rejectsWithOneLineNamingTheKey(String what, String yaml, String expected) {
        // The CSV source quotes the broken document so it reaches the parser unchanged.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DynamicsFile.parseRanges(yaml, "bad.yaml"), what);
        assertTrue(e.getMessage().startsWith("bad.yaml: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void aFileThatIsNotUtf8IsSaidToBeSo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, new byte[] {'w', 'h', 'e', 'e', 'l', (byte) 0xe9, ':', ' ', '1', '\n'});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DynamicsFile.readRanges(file));
        assertEquals("cannot read " + file + ": not UTF-8 text", e.getMessage());
    }

    @Test
    void deepAndEndlessFilesAreRefusedNamingTheFile(@TempDir Path dir) throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DynamicsFile.parseRanges(
                "wheel_slip: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n", "deep.yaml"));
        assertEquals("deep.yaml: not valid YAML: nested deeper than 50 levels (line 1, column 62)", e.getMessage());
        Path zero = Path.of("/dev/zero");
        if (Files.isReadable(zero)) {
            e = assertThrows(IllegalArgumentException.class, () -> DynamicsFile.readRobot(zero));
            assertEquals("cannot read /dev/zero: larger than 1048576 bytes, the limit for a YAML file", e.getMessage());
        }
    }

    @Test
    void aDuplicateKeyIsNamedWithItsLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DynamicsFile.parseRanges("wheel_slip: 0.1\nlinear_gain: 0.9\nwheel_slip: 0.2\n", "dup.yaml"));
        assertEquals("dup.yaml: not valid YAML: found duplicate key wheel_slip (line 3, column 1)", e.getMessage());
    }

    @Test
    void emptyDocumentAndMissingFileAreClearErrors() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DynamicsFile.parseRanges("", "e.yaml"))
                .getMessage().contains("e.yaml: expected a map of dynamics keys"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> DynamicsFile.readRanges(Path.of("no/such/file.yaml"))).getMessage().contains("no such file"));
    }

    @Test
    void aTargetRobotRefusesRanges() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DynamicsFile.parseRobot("linear_gain: [0.6, 0.8]", "robot.yaml"));
        assertTrue(e.getMessage().contains("robot.yaml: linear_gain: a target robot has one value per key"),
                e.getMessage());
    }

    @Test
    void everyEpisodeDrawsWithinTheRangesAndASeedReproducesTheSequence() {
        Ranges r = DynamicsFile.readRanges(REPO_CONFIG.resolve("randomization.yaml"));
        List<DiffDriveDynamics> first = episodes(r, 7, 300);
        assertEquals(first, episodes(r, 7, 300), "same seed, same robots");
        assertNotEquals(first, episodes(r, 8, 300), "another seed, other robots");
        boolean[] latencySeen = new boolean[4];
        for (DiffDriveDynamics d : first) {
            assertIn(r.linearGain(), d.linearGain());
            assertIn(r.angularGain(), d.angularGain());
            assertIn(r.linearBias(), d.linearBias());
            assertIn(r.angularBias(), d.angularBias());
            assertIn(r.velocityLimitScale(), d.velocityLimitScale());
            assertIn(r.accelerationLimitScale(), d.accelerationLimitScale());
            assertIn(r.odometryNoiseStd(), d.odometryNoiseStd());
            assertIn(r.odometryDriftRate(), d.odometryDriftRate());
            assertIn(r.controlPeriodJitter(), d.controlPeriodJitter());
            assertIn(r.wheelSlip(), d.wheelSlip());
            assertTrue(d.latencySteps() >= 0 && d.latencySteps() <= 3, "latency " + d.latencySteps());
            latencySeen[d.latencySteps()] = true;
        }
        for (int steps = 0; steps <= 3; steps++) {
            assertTrue(latencySeen[steps], "latency " + steps + " drawn in 300 episodes (both ends inclusive)");
        }
        assertTrue(first.stream().map(DiffDriveDynamics::linearGain).distinct().count() > 250,
                "each episode draws anew");
    }

    /** The dynamics of {@code n} consecutive episodes of the randomised task, as the sampler runs them. */
    private static List<DiffDriveDynamics> episodes(Ranges ranges, long seed, int n) {
        DiffDriveCircle env = DiffDriveCircle.randomized(ranges);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] obs = new double[DiffDriveObservation.SIZE];
        List<DiffDriveDynamics> out = new ArrayList<>();
        for (int e = 0; e < n; e++) {
            env.reset(rng, obs);
            out.add(env.dynamics());
        }
        return out;
    }

    private static void assertIn(Span span, double v) {
        assertTrue(v >= span.low() && v <= span.high(), v + " outside " + span);
    }
}
