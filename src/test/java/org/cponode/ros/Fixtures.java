package org.cponode.ros;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.cponode.ros.msg.Bool;
import org.cponode.ros.msg.Clock;
import org.cponode.ros.msg.DiagnosticArray;
import org.cponode.ros.msg.DiagnosticStatus;
import org.cponode.ros.msg.Empty;
import org.cponode.ros.msg.FloatingPointRange;
import org.cponode.ros.msg.Gid;
import org.cponode.ros.msg.Header;
import org.cponode.ros.msg.Imu;
import org.cponode.ros.msg.IntegerRange;
import org.cponode.ros.msg.KeyValue;
import org.cponode.ros.msg.LaserScan;
import org.cponode.ros.msg.Log;
import org.cponode.ros.msg.ListParametersResult;
import org.cponode.ros.msg.MessageType;
import org.cponode.ros.msg.NodeEntitiesInfo;
import org.cponode.ros.msg.Odometry;
import org.cponode.ros.msg.Parameter;
import org.cponode.ros.msg.ParameterDescriptor;
import org.cponode.ros.msg.ParameterEvent;
import org.cponode.ros.msg.ParameterValue;
import org.cponode.ros.msg.ParticipantEntitiesInfo;
import org.cponode.ros.msg.Point;
import org.cponode.ros.msg.Pose;
import org.cponode.ros.msg.PoseWithCovariance;
import org.cponode.ros.msg.Quaternion;
import org.cponode.ros.msg.SetParametersResult;
import org.cponode.ros.msg.State;
import org.cponode.ros.msg.StringMessage;
import org.cponode.ros.msg.Time;
import org.cponode.ros.msg.Transition;
import org.cponode.ros.msg.TransitionDescription;
import org.cponode.ros.msg.TransitionEvent;
import org.cponode.ros.msg.Twist;
import org.cponode.ros.msg.TwistStamped;
import org.cponode.ros.msg.TwistWithCovariance;
import org.cponode.ros.msg.Vector3;

/**
 * Test messages with a distinct value in every field, a function of a sequence number. The C peer
 * (src/test/native/peer/peer.c, {@code fill_*}) builds exactly the same values from the same rules; keep
 * them in step.
 */
final class Fixtures {

    private Fixtures() {}

    static Time time(int s) {
        return new Time(s, 500_000_000 + s);
    }

    static Header header(int s) {
        return new Header(time(s), "frame_\u00fc_" + s);
    }

    static Vector3 vector3(int s) {
        return new Vector3(s + 0.1, s + 0.2, s + 0.3);
    }

    static Point point(int s) {
        return new Point(s + 1.1, s + 1.2, s + 1.3);
    }

    static Quaternion quaternion(int s) {
        return new Quaternion(s + 2.1, s + 2.2, s + 2.3, s + 2.4);
    }

    static Pose pose(int s) {
        return new Pose(point(s), quaternion(s));
    }

    static double[] covariance(int n, int s, double step) {
        double[] c = new double[n];
        for (int k = 0; k < n; k++) {
            c[k] = s + step * k;
        }
        return c;
    }

    static PoseWithCovariance poseWithCovariance(int s) {
        return new PoseWithCovariance(pose(s), covariance(36, s, 0.01));
    }

    static Twist twist(int s) {
        return new Twist(vector3(s), vector3(s + 10));
    }

    static TwistWithCovariance twistWithCovariance(int s) {
        return new TwistWithCovariance(twist(s), covariance(36, s, -0.01));
    }

    static TwistStamped twistStamped(int s) {
        return new TwistStamped(header(s), twist(s));
    }

    static Odometry odometry(int s) {
        return new Odometry(header(s), "base_link_" + s, poseWithCovariance(s), twistWithCovariance(s));
    }

    static LaserScan laserScan(int s) {
        float[] ranges = new float[360];
        for (int i = 0; i < ranges.length; i++) {
            ranges[i] = s + i * 0.01f;
        }
        float[] intensities = {s, s + 1, s + 2};
        return new LaserScan(header(s), -1.5f, 1.5f, 0.01f, 0.0001f, 0.1f, 0.12f, 3.5f, ranges, intensities);
    }

    static Imu imu(int s) {
        return new Imu(header(s), quaternion(s), covariance(9, s, 0.1), vector3(s), covariance(9, s, 0.2),
                vector3(s + 20), covariance(9, s, 0.3));
    }

    static KeyValue keyValue(int s) {
        return new KeyValue("key_" + s, "v\u00e4lue_" + s);
    }

    static DiagnosticStatus diagnosticStatus(int s) {
        return new DiagnosticStatus((byte) (s % 4), "name_" + s, "msg_" + s, "hw_" + s,
                List.of(keyValue(s), keyValue(s + 1)));
    }

    static DiagnosticArray diagnosticArray(int s) {
        return new DiagnosticArray(header(s), List.of(diagnosticStatus(s), diagnosticStatus(s + 1), diagnosticStatus(s + 2)));
    }

    static Log log(int s) {
        return new Log(time(s), (byte) (10 * (1 + s % 5)), "ns_" + s + ".node", "m\u00e9ssage_" + s, "file_" + s + ".java",
                "function_" + s, 1000 + s);
    }

    static Gid gid(int s) {
        byte[] data = new byte[16];
        for (int i = 0; i < 16; i++) {
            data[i] = (byte) (s + i);
        }
        return new Gid(data);
    }

    static NodeEntitiesInfo nodeEntitiesInfo(int s) {
        return new NodeEntitiesInfo("/ns_" + s, "node_" + s, List.of(gid(s), gid(s + 1)), List.of(gid(s + 2)));
    }

    static ParticipantEntitiesInfo participantEntitiesInfo(int s) {
        return new ParticipantEntitiesInfo(gid(s + 100), List.of(nodeEntitiesInfo(s), nodeEntitiesInfo(s + 1)));
    }

    static ParameterValue parameterValue(int s) {
        return new ParameterValue((byte) (s % 10), s % 2 == 1, s * 1000L + 7, s + 0.5, "str_\u00fc_" + s,
                new byte[] {(byte) s, (byte) (s + 1), (byte) (s + 2)}, new boolean[] {s % 2 == 0, s % 2 == 1},
                new long[] {s, -s}, new double[] {s + 0.25, s + 0.75, s + 1.25}, List.of("a_" + s, "b_\u00e4_" + s));
    }

    static Parameter parameter(int s) {
        return new Parameter("param_" + s, parameterValue(s));
    }

    static ParameterEvent parameterEvent(int s) {
        return new ParameterEvent(time(s), "/node_" + s, List.of(parameter(s)),
                List.of(parameter(s + 1), parameter(s + 2)), List.of());
    }

    static FloatingPointRange floatingPointRange(int s) {
        return new FloatingPointRange(s + 0.1, s + 10.1, 0.5);
    }

    static IntegerRange integerRange(int s) {
        return new IntegerRange(-s, s + 100L, 2);
    }

    static ParameterDescriptor parameterDescriptor(int s) {
        return new ParameterDescriptor("desc_" + s, (byte) (s % 10), "d_\u00fc_" + s, "c_" + s, s % 2 == 1, s % 2 == 0,
                List.of(floatingPointRange(s)), List.of());
    }

    static SetParametersResult setParametersResult(int s) {
        return new SetParametersResult(s % 2 == 0, "reason_" + s);
    }

    static ListParametersResult listParametersResult(int s) {
        return new ListParametersResult(List.of("n_" + s, "n_" + (s + 1)), List.of("p_" + s));
    }

    /** An id above 127: the uint8 must cross as its raw bits. */
    static State state(int s) {
        return new State((byte) (200 + s), "state_" + s);
    }

    static Transition transition(int s) {
        return new Transition((byte) (100 + s), "transition_\u2713_" + s);
    }

    static TransitionDescription transitionDescription(int s) {
        return new TransitionDescription(transition(s), state(s), state(s + 1));
    }

    /** A timestamp above 2^63: the uint64 must cross as its raw bits. */
    static TransitionEvent transitionEvent(int s) {
        return new TransitionEvent(Long.MIN_VALUE + 1_000_000_007L * s, transition(s + 1), state(s + 2), state(s + 3));
    }

    /** The test message of {@code type} for sequence number {@code s}. */
    static Object sample(MessageType<?> type, int s) {
        return switch (type.schema().javaName()) {
            case "Time" -> time(s);
            case "Header" -> header(s);
            case "StringMessage" -> new StringMessage("hello_\u2713_" + s);
            case "Bool" -> new Bool(s % 2 == 1);
            case "Empty" -> new Empty();
            case "Vector3" -> vector3(s);
            case "Point" -> point(s);
            case "Quaternion" -> quaternion(s);
            case "Pose" -> pose(s);
            case "PoseWithCovariance" -> poseWithCovariance(s);
            case "Twist" -> twist(s);
            case "TwistWithCovariance" -> twistWithCovariance(s);
            case "TwistStamped" -> twistStamped(s);
            case "Odometry" -> odometry(s);
            case "LaserScan" -> laserScan(s);
            case "Imu" -> imu(s);
            case "Clock" -> new Clock(time(s));
            case "KeyValue" -> keyValue(s);
            case "DiagnosticStatus" -> diagnosticStatus(s);
            case "DiagnosticArray" -> diagnosticArray(s);
            case "Log" -> log(s);
            case "Gid" -> gid(s);
            case "NodeEntitiesInfo" -> nodeEntitiesInfo(s);
            case "ParticipantEntitiesInfo" -> participantEntitiesInfo(s);
            case "ParameterValue" -> parameterValue(s);
            case "Parameter" -> parameter(s);
            case "ParameterEvent" -> parameterEvent(s);
            case "FloatingPointRange" -> floatingPointRange(s);
            case "IntegerRange" -> integerRange(s);
            case "ParameterDescriptor" -> parameterDescriptor(s);
            case "SetParametersResult" -> setParametersResult(s);
            case "ListParametersResult" -> listParametersResult(s);
            case "State" -> state(s);
            case "Transition" -> transition(s);
            case "TransitionDescription" -> transitionDescription(s);
            case "TransitionEvent" -> transitionEvent(s);
            default -> throw new IllegalArgumentException("no fixture for " + type);
        };
    }

    /** Fails with the path of every differing leaf (arrays compared element-wise, records and lists deeply). */
    static void assertDeepEquals(Object expected, Object actual) {
        List<String> diffs = new ArrayList<>();
        compare("", expected, actual, diffs);
        if (!diffs.isEmpty()) {
            fail(diffs.size() + " field(s) differ: " + String.join("; ", diffs.subList(0, Math.min(10, diffs.size()))));
        }
    }

    private static void compare(String path, Object e, Object a, List<String> diffs) {
        if (e != null && e.getClass().isRecord() && a != null && a.getClass() == e.getClass()) {
            for (RecordComponent c : e.getClass().getRecordComponents()) {
                try {
                    compare(path + "." + c.getName(), c.getAccessor().invoke(e), c.getAccessor().invoke(a), diffs);
                } catch (ReflectiveOperationException ex) {
                    throw new AssertionError(ex);
                }
            }
        } else if (e instanceof List<?> le && a instanceof List<?> la) {
            if (le.size() != la.size()) {
                diffs.add(path + ": " + la.size() + " elements, expected " + le.size());
                return;
            }
            for (int i = 0; i < le.size(); i++) {
                compare(path + "[" + i + "]", le.get(i), la.get(i), diffs);
            }
        } else if (!Objects.deepEquals(e, a)) {
            diffs.add(path + ": got " + render(a) + ", expected " + render(e));
        }
    }

    private static String render(Object o) {
        if (o instanceof double[] d) {
            return java.util.Arrays.toString(d);
        }
        if (o instanceof float[] f) {
            return java.util.Arrays.toString(f);
        }
        return String.valueOf(o);
    }
}
