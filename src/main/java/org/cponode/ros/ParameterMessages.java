package org.cponode.ros;

import java.util.ArrayList;
import java.util.List;
import org.cponode.ros.msg.ParameterValue;

/**
 * rcl_interfaces parameter values and plain Java values, both ways: {@link Boolean}, {@link Long}, {@link Double},
 * {@link String}, and lists for the array types; the type ids of {@code rcl_interfaces/msg/ParameterType}.
 */
public final class ParameterMessages {

    /** {@code PARAMETER_NOT_SET}: no value (what a client reads for a parameter the node does not declare). */
    public static final byte NOT_SET = 0;
    /** {@code PARAMETER_BOOL}. */
    public static final byte BOOL = 1;
    /** {@code PARAMETER_INTEGER}. */
    public static final byte INTEGER = 2;
    /** {@code PARAMETER_DOUBLE}. */
    public static final byte DOUBLE = 3;
    /** {@code PARAMETER_STRING}. */
    public static final byte STRING = 4;

    private static final List<String> TYPE_NAMES = List.of("not set", "boolean", "integer", "double", "string",
            "byte array", "boolean array", "integer array", "double array", "string array");

    private ParameterMessages() {}

    /**
     * The message of a bool, integer ({@link Long} or {@link Integer}), double or string value.
     *
     * @throws IllegalArgumentException for any other kind of value
     */
    public static ParameterValue message(Object value) {
        return switch (value) {
            case Boolean b -> new ParameterValue(BOOL, b, 0, 0, "", new byte[0], new boolean[0], new long[0],
                    new double[0], List.of());
            case Long l -> integer(l);
            case Integer i -> integer(i);
            case Double d -> new ParameterValue(DOUBLE, false, 0, d, "", new byte[0], new boolean[0], new long[0],
                    new double[0], List.of());
            case String s -> new ParameterValue(STRING, false, 0, 0, s, new byte[0], new boolean[0], new long[0],
                    new double[0], List.of());
            default -> throw new IllegalArgumentException("a parameter value is a bool, an integer, a double or a"
                    + " string, got " + value);
        };
    }

    private static ParameterValue integer(long value) {
        return new ParameterValue(INTEGER, false, value, 0, "", new byte[0], new boolean[0], new long[0],
                new double[0], List.of());
    }

    /** The value {@code m} holds by its type: a scalar, a list for an array type, null when not set or unknown. */
    public static Object value(ParameterValue m) {
        return switch (m.type()) {
            case BOOL -> m.boolValue();
            case INTEGER -> m.integerValue();
            case DOUBLE -> m.doubleValue();
            case STRING -> m.stringValue();
            case 5 -> list(m.byteArrayValue().length, i -> (long) m.byteArrayValue()[i]);
            case 6 -> list(m.boolArrayValue().length, i -> m.boolArrayValue()[i]);
            case 7 -> list(m.integerArrayValue().length, i -> m.integerArrayValue()[i]);
            case 8 -> list(m.doubleArrayValue().length, i -> m.doubleArrayValue()[i]);
            case 9 -> m.stringArrayValue();
            default -> null;
        };
    }

    private static List<Object> list(int n, java.util.function.IntFunction<Object> element) {
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(element.apply(i));
        }
        return out;
    }

    /** The type's name as {@code ros2 param} prints it ({@code double}, {@code string array}). */
    public static String typeName(byte type) {
        return type >= 0 && type < TYPE_NAMES.size() ? TYPE_NAMES.get(type) : "unknown type " + type;
    }
}
