package org.cponode.ros.msg;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cponode.ros.msg.MessageSchema.Field;
import org.cponode.ros.msg.MessageSchema.FixedArray;
import org.cponode.ros.msg.MessageSchema.Nested;
import org.cponode.ros.msg.MessageSchema.Primitive;
import org.cponode.ros.msg.MessageSchema.Scalar;
import org.cponode.ros.msg.MessageSchema.Sequence;
import org.cponode.ros.msg.MessageSchema.Text;

/**
 * Messages to and from plain values, for people and tools (the {@code topic} CLI): records from maps such
 * as parsed YAML ({@code {linear: {x: 0.1}}}, ROS field names, missing fields zero/empty as in ROS), and
 * records to YAML text in the style of {@code ros2 topic echo}. Absent fields take the schema's ROS default
 * (Quaternion {@code w} = 1) or zero/empty. Uses reflection; not for hot paths.
 */
public final class MessageValues {

    private MessageValues() {}

    /**
     * Builds a {@code type} record from {@code values} (ROS field names; absent fields take ROS defaults).
     *
     * @throws IllegalArgumentException naming the field on an unknown field, a wrong kind of value, an
     *                                  out-of-range number or a wrong fixed-array length
     */
    public static <T> T fromMap(MessageType<T> type, Map<?, ?> values) {
        return type.javaClass().cast(build(type, values == null ? Map.of() : values, ""));
    }

    private static Object build(MessageType<?> type, Map<?, ?> values, String path) {
        List<Field> fields = type.schema().fields();
        for (Object key : values.keySet()) {
            if (fields.stream().noneMatch(f -> f.name().equals(key))) {
                throw new IllegalArgumentException("unknown field " + path + key + " of " + type.rosName() + "; fields: "
                        + fields.stream().map(Field::name).toList());
            }
        }
        RecordComponent[] components = type.javaClass().getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] classes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            Field f = fields.get(i);
            classes[i] = components[i].getType();
            args[i] = value(f, values.get(f.name()), path + f.name());
        }
        try {
            return type.javaClass().getDeclaredConstructor(classes).newInstance(args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new IllegalArgumentException(path + ": " + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object value(Field f, Object v, String path) {
        return switch (f.type()) {
            case Scalar s -> scalar(s.primitive(), v == null && f.defaultValue() != null ? defaultNumber(f.defaultValue()) : v, path);
            case Text t -> {
                if (v != null && !(v instanceof String) && !(v instanceof Number) && !(v instanceof Boolean)) {
                    throw new IllegalArgumentException(path + ": expected a string, got " + v);
                }
                yield v == null ? "" : v.toString();
            }
            case Nested n -> {
                if (v != null && !(v instanceof Map)) {
                    throw new IllegalArgumentException(path + ": expected a mapping, got " + v);
                }
                yield build(MessageType.forName(n.typeName()), v == null ? Map.of() : (Map<?, ?>) v, path + ".");
            }
            case FixedArray a -> {
                List<?> list = list(v, path);
                if (v != null && list.size() != a.length()) {
                    throw new IllegalArgumentException(path + ": needs " + a.length() + " elements, got " + list.size());
                }
                yield primitiveArray(a.element(), v == null ? java.util.Collections.nCopies(a.length(), 0) : list, path);
            }
            case MessageSchema.StringSequence q -> {
                List<String> out = new ArrayList<>();
                List<?> list = list(v, path);
                for (int i = 0; i < list.size(); i++) {
                    if (!(list.get(i) instanceof String text)) {
                        throw new IllegalArgumentException(path + "[" + i + "]: expected a string, got " + list.get(i));
                    }
                    out.add(text);
                }
                yield List.copyOf(out);
            }
            case Sequence q when q.primitive() != null -> primitiveArray(q.primitive(), list(v, path), path);
            case Sequence q -> {
                MessageType<?> element = MessageType.forName(q.messageType());
                List<Object> out = new ArrayList<>();
                List<?> list = list(v, path);
                for (int i = 0; i < list.size(); i++) {
                    if (!(list.get(i) instanceof Map<?, ?> m)) {
                        throw new IllegalArgumentException(path + "[" + i + "]: expected a mapping");
                    }
                    out.add(build(element, m, path + "[" + i + "]."));
                }
                yield List.copyOf(out);
            }
        };
    }

    private static Number defaultNumber(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return Double.parseDouble(text);
        }
    }

    private static List<?> list(Object v, String path) {
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw new IllegalArgumentException(path + ": expected a list, got " + v);
        }
        return l;
    }

    private static Object primitiveArray(Primitive p, List<?> values, String path) {
        Class<?> component = switch (p.javaType) {
            case "boolean" -> boolean.class;
            case "byte" -> byte.class;
            case "short" -> short.class;
            case "int" -> int.class;
            case "long" -> long.class;
            case "float" -> float.class;
            default -> double.class;
        };
        Object array = Array.newInstance(component, values.size());
        for (int i = 0; i < values.size(); i++) {
            Array.set(array, i, scalar(p, values.get(i), path + "[" + i + "]"));
        }
        return array;
    }

    private static Object scalar(Primitive p, Object v, String path) {
        if (p == Primitive.BOOL) {
            if (v == null) {
                return false;
            }
            if (!(v instanceof Boolean b)) {
                throw new IllegalArgumentException(path + ": expected true or false, got " + v);
            }
            return b;
        }
        if (v == null) {
            v = 0;
        }
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException(path + ": expected a number, got " + v);
        }
        if (p.isFloatingPoint()) {
            return p == Primitive.FLOAT32 ? (Object) n.floatValue() : (Object) n.doubleValue();
        }
        if (n instanceof Double || n instanceof Float) {
            throw new IllegalArgumentException(path + ": expected an integer, got " + v);
        }
        long x = n.longValue();
        long min;
        long max;
        switch (p) {
            case INT8 -> { min = Byte.MIN_VALUE; max = Byte.MAX_VALUE; }
            case BYTE, CHAR, UINT8 -> { min = 0; max = 255; }
            case INT16 -> { min = Short.MIN_VALUE; max = Short.MAX_VALUE; }
            case UINT16 -> { min = 0; max = 65535; }
            case INT32 -> { min = Integer.MIN_VALUE; max = Integer.MAX_VALUE; }
            case UINT32 -> { min = 0; max = 0xffffffffL; }
            case UINT64 -> { min = 0; max = Long.MAX_VALUE; }
            default -> { min = Long.MIN_VALUE; max = Long.MAX_VALUE; }
        }
        if (x < min || x > max) {
            throw new IllegalArgumentException(path + ": " + x + " is out of range for " + p.name().toLowerCase());
        }
        return switch (p.javaType) {
            case "byte" -> (byte) x;
            case "short" -> (short) x;
            case "int" -> (int) x;
            default -> x;
        };
    }

    /** {@code message} as YAML lines in the style of {@code ros2 topic echo} (ROS field names). */
    public static String toYaml(Object message) {
        StringBuilder b = new StringBuilder();
        MessageType<?> type = typeOf(message);
        write(b, type, message, "");
        return b.toString();
    }

    private static MessageType<?> typeOf(Object record) {
        for (List<MessageType<?>> types : List.of(Messages.ALL, Messages.SERVICES)) {
            for (MessageType<?> t : types) {
                if (t.javaClass() == record.getClass()) {
                    return t;
                }
            }
        }
        throw new IllegalArgumentException(record.getClass() + " is not a message record");
    }

    private static void write(StringBuilder b, MessageType<?> type, Object record, String indent) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        List<Field> fields = type.schema().fields();
        if (fields.isEmpty()) {
            b.append(indent).append("{}\n");
        }
        for (int i = 0; i < components.length; i++) {
            Object v;
            try {
                v = components[i].getAccessor().invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            String name = fields.get(i).name();
            switch (fields.get(i).type()) {
                case Nested n -> {
                    b.append(indent).append(name).append(":\n");
                    write(b, MessageType.forName(n.typeName()), v, indent + "  ");
                }
                case Sequence q when q.primitive() == null -> {
                    List<?> list = (List<?>) v;
                    b.append(indent).append(name).append(list.isEmpty() ? ": []\n" : ":\n");
                    MessageType<?> element = MessageType.forName(q.messageType());
                    for (Object item : list) {
                        StringBuilder inner = new StringBuilder();
                        write(inner, element, item, indent + "  ");
                        b.append(indent).append("- ").append(inner.substring(indent.length() + 2));
                    }
                }
                case Text t -> b.append(indent).append(name).append(": ").append(quote((String) v)).append('\n');
                case Scalar s when s.primitive() == Primitive.UINT32 -> b.append(indent).append(name).append(": ")
                        .append(Integer.toUnsignedString((Integer) v)).append('\n');
                case Scalar s when s.primitive() == Primitive.BYTE || s.primitive() == Primitive.UINT8
                        || s.primitive() == Primitive.CHAR -> b.append(indent).append(name).append(": ")
                        .append(Byte.toUnsignedInt((Byte) v)).append('\n');
                default -> b.append(indent).append(name).append(": ").append(render(v)).append('\n');
            }
        }
    }

    private static String render(Object v) {
        if (v != null && v.getClass().isArray()) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < Array.getLength(v); i++) {
                b.append(i == 0 ? "" : ", ").append(Array.get(v, i));
            }
            return b.append(']').toString();
        }
        return String.valueOf(v);
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
