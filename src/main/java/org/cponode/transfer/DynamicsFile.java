package org.cponode.transfer;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cponode.sim.DiffDriveDynamics;
import org.cponode.sim.DiffDriveDynamics.Ranges;
import org.cponode.sim.DiffDriveDynamics.Span;
import org.cponode.sim.DiffDriveDynamics.StepSpan;
import org.cponode.task.DiffDriveModel;
import org.cponode.yaml.YamlErrors;
import org.cponode.yaml.YamlLoader;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * YAML files describing how a differential-drive robot departs from its nominal model: randomisation ranges
 * for training ({@code train --randomize}, e.g. {@code config/randomization.yaml}) and one fixed robot for a
 * transfer trial's target ({@code config/perturbed_robot.yaml}).
 *
 * <p>A file is a flat map from the keys below to either a number (a fixed value) or, in a randomisation file,
 * a two-element list {@code [low, high]}. A missing key keeps its nominal value. Every key is checked against
 * a physical range, wider than any plausible robot yet narrow enough to catch a unit mistake:
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>meaning ({@link DiffDriveDynamics})</th><th>unit</th><th>allowed</th><th>nominal</th></tr>
 *   <tr><td>linear_gain</td><td>actual / commanded forward speed</td><td>-</td><td>(0, 2]</td><td>1</td></tr>
 *   <tr><td>angular_gain</td><td>actual / commanded yaw rate</td><td>-</td><td>(0, 2]</td><td>1</td></tr>
 *   <tr><td>linear_bias</td><td>forward speed added to the command</td><td>m/s</td><td>|b| &lt;= v_max</td><td>0</td></tr>
 *   <tr><td>angular_bias</td><td>yaw rate added to the command</td><td>rad/s</td><td>|b| &lt;= omega_max</td><td>0</td></tr>
 *   <tr><td>velocity_limit_scale</td><td>drive speed limits / model limits</td><td>-</td><td>(0, 2]</td><td>1</td></tr>
 *   <tr><td>acceleration_limit_scale</td><td>drive acceleration limits / model limits</td><td>-</td><td>(0, 4]</td><td>1</td></tr>
 *   <tr><td>latency_steps</td><td>control steps from command to effect</td><td>steps</td><td>whole, 0..50</td><td>0</td></tr>
 *   <tr><td>odometry_noise_std</td><td>wheel-velocity noise, fraction of the limits</td><td>-</td><td>[0, 1]</td><td>0</td></tr>
 *   <tr><td>odometry_drift_rate</td><td>bias of the measured yaw rate</td><td>rad/s</td><td>[-0.5, 0.5]</td><td>0</td></tr>
 *   <tr><td>control_period_jitter</td><td>relative half-width of the period spread</td><td>-</td><td>[0, 0.5]</td><td>0</td></tr>
 *   <tr><td>wheel_slip</td><td>fraction of wheel motion lost</td><td>-</td><td>[0, 0.9]</td><td>0</td></tr>
 * </table>
 * with v_max = 0.22 m/s and omega_max = 2.84 rad/s the limits of {@link DiffDriveModel#BURGER}, the robot of
 * {@code diffdrive-circle}. Every error is an {@link IllegalArgumentException} with one line naming the file
 * and the key.
 */
public final class DynamicsFile {

    /** Prefix of the checkpoint metadata entries that record a run's randomisation ranges. */
    public static final String METADATA_PREFIX = "randomization.";

    private static final double MAX_GAIN = 2.0;
    private static final double MAX_VELOCITY_LIMIT_SCALE = 2.0;
    private static final double MAX_ACCELERATION_LIMIT_SCALE = 4.0;
    private static final double MAX_ODOMETRY_NOISE_STD = 1.0;
    private static final double MAX_ODOMETRY_DRIFT_RATE = 0.5;

    /** One key: its physical range; {@code lowExclusive} excludes the lower end (gains and scales must be > 0). */
    private record Field(String key, double min, boolean lowExclusive, double max, boolean whole) {
        String allowed() {
            return whole ? "a whole number in " + (long) min + ".." + (long) max
                    : (lowExclusive ? "(" : "[") + fmt(min) + ", " + fmt(max) + "]";
        }

        boolean admits(double v) {
            return (lowExclusive ? v > min : v >= min) && v <= max;
        }
    }

    /** In the order of the {@link Ranges} components. */
    private static final List<Field> FIELDS = List.of(
            new Field("linear_gain", 0, true, MAX_GAIN, false),
            new Field("angular_gain", 0, true, MAX_GAIN, false),
            new Field("linear_bias", -DiffDriveModel.BURGER.maxLinearVelocity(), false,
                    DiffDriveModel.BURGER.maxLinearVelocity(), false),
            new Field("angular_bias", -DiffDriveModel.BURGER.maxAngularVelocity(), false,
                    DiffDriveModel.BURGER.maxAngularVelocity(), false),
            new Field("velocity_limit_scale", 0, true, MAX_VELOCITY_LIMIT_SCALE, false),
            new Field("acceleration_limit_scale", 0, true, MAX_ACCELERATION_LIMIT_SCALE, false),
            new Field("latency_steps", 0, false, DiffDriveDynamics.MAX_LATENCY_STEPS, true),
            new Field("odometry_noise_std", 0, false, MAX_ODOMETRY_NOISE_STD, false),
            new Field("odometry_drift_rate", -MAX_ODOMETRY_DRIFT_RATE, false, MAX_ODOMETRY_DRIFT_RATE, false),
            new Field("control_period_jitter", 0, false, DiffDriveDynamics.MAX_CONTROL_PERIOD_JITTER, false),
            new Field("wheel_slip", 0, false, DiffDriveDynamics.MAX_WHEEL_SLIP, false));

    private DynamicsFile() {}

    /** The keys a file may use, in documentation order. */
    public static List<String> keys() {
        return FIELDS.stream().map(Field::key).toList();
    }

    /** Reads a randomisation file; see {@link #parseRanges}. */
    public static Ranges readRanges(Path file) {
        return parseRanges(read(file), file.toString());
    }

    /** Reads a target-robot file; see {@link #parseRobot}. */
    public static DiffDriveDynamics readRobot(Path file) {
        return parseRobot(read(file), file.toString());
    }

    /**
     * Parses randomisation ranges: each key a number or {@code [low, high]}, missing keys nominal.
     *
     * @param source names the text in error messages (usually the file name)
     * @throws IllegalArgumentException for malformed YAML, an unknown key, a value that is not a number or a
     *     two-number list, low &gt; high, or a value outside the key's physical range
     */
    public static Ranges parseRanges(String yaml, String source) {
        double[][] spans = parse(yaml, source, true);
        return toRanges(spans);
    }

    /**
     * Parses one robot: each key a single number, missing keys nominal.
     *
     * @throws IllegalArgumentException as {@link #parseRanges}, and for a range (a robot has one value per key)
     */
    public static DiffDriveDynamics parseRobot(String yaml, String source) {
        double[][] spans = parse(yaml, source, false);
        return new DiffDriveDynamics(spans[0][0], spans[1][0], spans[2][0], spans[3][0], spans[4][0], spans[5][0],
                (int) spans[6][0], spans[7][0], spans[8][0], spans[9][0], spans[10][0]);
    }

    /**
     * The ranges as checkpoint metadata: {@code randomization.<key> = low,high} for every key, so a run records
     * exactly what it trained on and a resumed run rebuilds the same ranges with {@link #fromMetadata}.
     */
    public static Map<String, String> toMetadata(Ranges ranges) {
        Map<String, String> m = new LinkedHashMap<>();
        double[][] spans = spans(ranges);
        for (int i = 0; i < FIELDS.size(); i++) {
            m.put(METADATA_PREFIX + FIELDS.get(i).key(), repr(spans[i][0]) + "," + repr(spans[i][1]));
        }
        return m;
    }

    /**
     * The ranges recorded by {@link #toMetadata}, or null when the metadata records none (a run without
     * randomisation).
     *
     * @throws IllegalArgumentException if the record is incomplete or malformed
     */
    public static Ranges fromMetadata(Map<String, String> metadata) {
        if (metadata.keySet().stream().noneMatch(k -> k.startsWith(METADATA_PREFIX))) {
            return null;
        }
        double[][] spans = new double[FIELDS.size()][];
        for (int i = 0; i < FIELDS.size(); i++) {
            String key = METADATA_PREFIX + FIELDS.get(i).key();
            String value = metadata.get(key);
            String[] parts = value == null ? new String[0] : value.split(",");
            if (parts.length != 2) {
                throw new IllegalArgumentException("checkpoint entry '" + key + "' is missing or malformed: " + value);
            }
            try {
                spans[i] = new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])};
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("checkpoint entry '" + key + "' is not two numbers: " + value);
            }
        }
        return toRanges(spans);
    }

    /** The ranges as a randomisation file that {@link #parseRanges} reads back to equal ranges. */
    public static String toYaml(Ranges ranges) {
        StringBuilder sb = new StringBuilder();
        double[][] spans = spans(ranges);
        for (int i = 0; i < FIELDS.size(); i++) {
            sb.append(FIELDS.get(i).key()).append(": [").append(repr(spans[i][0])).append(", ")
                    .append(repr(spans[i][1])).append("]\n");
        }
        return sb.toString();
    }

    private static String read(Path file) {
        try {
            return YamlLoader.read(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + YamlErrors.describe(e));
        }
    }

    /** {low, high} per field, nominal where the file is silent. */
    private static double[][] parse(String yaml, String source, boolean rangesAllowed) {
        Object root;
        try {
            root = YamlLoader.load(yaml);
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException(source + ": not valid YAML: " + YamlErrors.describe(e));
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(source + ": expected a map of dynamics keys ("
                    + String.join(", ", keys()) + "), got " + (root == null ? "an empty document" : describe(root)));
        }
        double[][] spans = spans(Ranges.NONE);
        for (Map.Entry<?, ?> e : map.entrySet()) {
            int index = keys().indexOf(String.valueOf(e.getKey()));
            if (index < 0) {
                throw new IllegalArgumentException(source + ": unknown key '" + e.getKey() + "'; valid keys: "
                        + String.join(", ", keys()));
            }
            spans[index] = span(FIELDS.get(index), e.getValue(), source, rangesAllowed);
        }
        return spans;
    }

    private static double[] span(Field field, Object value, String source, boolean rangesAllowed) {
        String where = source + ": " + field.key();
        if (value instanceof List<?> list) {
            if (!rangesAllowed) {
                throw new IllegalArgumentException(where + ": a target robot has one value per key, got a list "
                        + list);
            }
            if (list.size() != 2) {
                throw new IllegalArgumentException(where + ": a range is [low, high], got " + list.size()
                        + " values " + list);
            }
            double low = number(field, list.get(0), where);
            double high = number(field, list.get(1), where);
            if (low > high) {
                throw new IllegalArgumentException(where + ": low " + fmt(low) + " > high " + fmt(high));
            }
            return new double[] {low, high};
        }
        double v = number(field, value, where);
        return new double[] {v, v};
    }

    private static double number(Field field, Object value, String where) {
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException(where + ": expected a number" + (field.whole() ? "" : " or [low, high]")
                    + ", got " + describe(value));
        }
        if (field.whole() && !(value instanceof Integer || value instanceof Long)) {
            throw new IllegalArgumentException(where + ": must be " + field.allowed() + ", got " + value);
        }
        double v = n.doubleValue();
        if (!field.admits(v)) {
            throw new IllegalArgumentException(where + ": " + fmt(v) + " is outside the physical range "
                    + field.allowed());
        }
        return v;
    }

    private static Ranges toRanges(double[][] s) {
        return new Ranges(new Span(s[0][0], s[0][1]), new Span(s[1][0], s[1][1]), new Span(s[2][0], s[2][1]),
                new Span(s[3][0], s[3][1]), new Span(s[4][0], s[4][1]), new Span(s[5][0], s[5][1]),
                new StepSpan((int) s[6][0], (int) s[6][1]), new Span(s[7][0], s[7][1]), new Span(s[8][0], s[8][1]),
                new Span(s[9][0], s[9][1]), new Span(s[10][0], s[10][1]));
    }

    private static double[][] spans(Ranges r) {
        Span[] reals = {r.linearGain(), r.angularGain(), r.linearBias(), r.angularBias(), r.velocityLimitScale(),
            r.accelerationLimitScale(), null, r.odometryNoiseStd(), r.odometryDriftRate(), r.controlPeriodJitter(),
            r.wheelSlip()};
        double[][] out = new double[reals.length][];
        for (int i = 0; i < reals.length; i++) {
            out[i] = reals[i] == null ? new double[] {r.latencySteps().low(), r.latencySteps().high()}
                    : new double[] {reals[i].low(), reals[i].high()};
        }
        return out;
    }

    private static String describe(Object value) {
        if (value instanceof Map<?, ?>) {
            return "a map";
        }
        if (value instanceof String s) {
            return "the text '" + s + "'";
        }
        return value == null ? "nothing" : String.valueOf(value);
    }

    /** Shortest exact text of a double, so metadata and YAML round-trip bit for bit. */
    private static String repr(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%.6g", v).replaceAll("0+$", "");
    }
}
