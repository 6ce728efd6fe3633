package org.cponode.ros.msg;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parsed message schema ({@code messages.schema}): ROS message types with their fields in wire order.
 * It is the single description from which records, C layouts and Cyclone ops programs are derived.
 */
public final class MessageSchema {

    /** Primitive ROS field types with their C size (also their alignment) and how Cyclone codes them. */
    public enum Primitive {
        BOOL(1, "boolean"), BYTE(1, "byte"), CHAR(1, "byte"), INT8(1, "byte"), UINT8(1, "byte"),
        INT16(2, "short"), UINT16(2, "short"), INT32(4, "int"), UINT32(4, "int"),
        INT64(8, "long"), UINT64(8, "long"), FLOAT32(4, "float"), FLOAT64(8, "double");

        /** Size and alignment in C, bytes. */
        public final int size;
        /** The Java type that carries the value (unsigned types carry the raw bits). */
        public final String javaType;

        Primitive(int size, String javaType) {
            this.size = size;
            this.javaType = javaType;
        }

        /** True for the IEEE types. */
        public boolean isFloatingPoint() {
            return this == FLOAT32 || this == FLOAT64;
        }

        /** True for the signed integer types (Cyclone's FLAG_SGN). */
        public boolean isSigned() {
            return this == INT8 || this == INT16 || this == INT32 || this == INT64;
        }

        static Primitive byRosName(String name) {
            return switch (name) {
                case "bool" -> BOOL;
                case "byte" -> BYTE;
                case "char" -> CHAR;
                case "int8" -> INT8;
                case "uint8" -> UINT8;
                case "int16" -> INT16;
                case "uint16" -> UINT16;
                case "int32" -> INT32;
                case "uint32" -> UINT32;
                case "int64" -> INT64;
                case "uint64" -> UINT64;
                case "float32" -> FLOAT32;
                case "float64" -> FLOAT64;
                default -> null;
            };
        }
    }

    /** The type of one field. */
    public sealed interface FieldType {}

    /** A primitive scalar. */
    public record Scalar(Primitive primitive) implements FieldType {}

    /** A string; {@code bound} 0 means unbounded ({@code char*}), else inline {@code char[bound + 1]}. */
    public record Text(int bound) implements FieldType {}

    /** A nested message, by ROS name ({@code pkg/msg/Name}). */
    public record Nested(String typeName) implements FieldType {}

    /** A fixed-length array of a primitive, stored inline. */
    public record FixedArray(Primitive element, int length) implements FieldType {}

    /**
     * A sequence ({@code dds_sequence_t}) of a primitive or a message; {@code bound} 0 means unbounded.
     * Exactly one of {@code primitive} and {@code messageType} is non-null.
     */
    public record Sequence(Primitive primitive, String messageType, int bound) implements FieldType {}

    /** A sequence of unbounded strings ({@code string[]}, a {@code dds_sequence_t} of {@code char*}); {@code bound} 0 means unbounded. */
    public record StringSequence(int bound) implements FieldType {}

    /**
     * One field of a message.
     *
     * @param name         ROS field name
     * @param type         its type
     * @param defaultValue the ROS default (e.g. Quaternion's {@code w 1}) for scalars, or null for zero/empty
     */
    public record Field(String name, FieldType type, String defaultValue) {}

    /**
     * One message type.
     *
     * @param rosName  {@code pkg/msg/Name}
     * @param javaName simple name of the generated record
     * @param fields   fields in wire order (may be empty: see {@link MessageLayout})
     */
    public record Message(String rosName, String javaName, List<Field> fields) {

        /** The DDS type name ROS 2 uses on the wire, e.g. {@code geometry_msgs::msg::dds_::Twist_}. */
        public String ddsTypeName() {
            String[] parts = rosName.split("/");
            return parts[0] + "::" + parts[1] + "::dds_::" + parts[2] + "_";
        }
    }

    private static final Pattern TYPE_LINE = Pattern.compile("([a-z][a-z0-9_]*/(?:msg|srv)/[A-Z][A-Za-z0-9_]*)(?:\\s+as\\s+([A-Z][A-Za-z0-9]*))?");
    private static final Pattern FIELD_LINE = Pattern.compile("(\\S+)\\s+([a-z][a-z0-9_]*)(?:\\s+(\\S+))?");
    private static final Pattern ARRAY_SUFFIX = Pattern.compile("(.+)\\[(<=)?(\\d*)]");
    private static final Pattern BOUNDED_STRING = Pattern.compile("string<=(\\d+)");

    private static volatile MessageSchema standard;

    private final Map<String, Message> messages;

    private MessageSchema(Map<String, Message> messages) {
        this.messages = Collections.unmodifiableMap(messages);
    }

    /** The project's schema, read once from the {@code messages.schema} resource. */
    public static MessageSchema standard() {
        MessageSchema s = standard;
        if (s == null) {
            try (InputStream in = MessageSchema.class.getResourceAsStream("messages.schema")) {
                if (in == null) {
                    throw new IllegalStateException("resource org/cponode/ros/msg/messages.schema is missing");
                }
                s = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            standard = s;
        }
        return s;
    }

    /**
     * Parses schema text.
     *
     * @throws IllegalArgumentException with the line number on any syntax error or unknown/forward type
     */
    public static MessageSchema parse(String text) {
        return parse(text, new LinkedHashMap<>());
    }

    /**
     * This schema plus the types in {@code text}, which may use this schema's types (service descriptions
     * built around existing messages).
     *
     * @throws IllegalArgumentException as {@link #parse(String)}, also if {@code text} redefines a type
     */
    public MessageSchema extend(String text) {
        return parse(text, new LinkedHashMap<>(messages));
    }

    /** This schema with {@code message} added, or replacing the type of the same name. */
    MessageSchema with(Message message) {
        Map<String, Message> copy = new LinkedHashMap<>(messages);
        copy.put(message.rosName(), message);
        return new MessageSchema(copy);
    }

    private static MessageSchema parse(String text, Map<String, Message> out) {
        String rosName = null;
        String javaName = null;
        List<Field> fields = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            int hash = raw.indexOf('#');
            String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
            if (line.isEmpty()) {
                continue;
            }
            int lineNo = i + 1;
            if (!Character.isWhitespace(raw.charAt(0))) {
                if (rosName != null) {
                    out.put(rosName, new Message(rosName, javaName, List.copyOf(fields)));
                }
                Matcher m = TYPE_LINE.matcher(line);
                if (!m.matches()) {
                    throw new IllegalArgumentException("schema line " + lineNo + ": expected `pkg/msg/Name [as JavaName]` or `pkg/srv/Name_Request …`, got: " + line);
                }
                rosName = m.group(1);
                if (out.containsKey(rosName)) {
                    throw new IllegalArgumentException("schema line " + lineNo + ": " + rosName + " defined twice");
                }
                javaName = m.group(2) != null ? m.group(2) : rosName.substring(rosName.lastIndexOf('/') + 1);
                fields = new ArrayList<>();
            } else {
                if (rosName == null) {
                    throw new IllegalArgumentException("schema line " + lineNo + ": field outside a message");
                }
                Matcher m = FIELD_LINE.matcher(line);
                if (!m.matches()) {
                    throw new IllegalArgumentException("schema line " + lineNo + ": expected `type name`, got: " + line);
                }
                String name = m.group(2);
                for (Field f : fields) {
                    if (f.name().equals(name)) {
                        throw new IllegalArgumentException("schema line " + lineNo + ": field " + name + " defined twice");
                    }
                }
                FieldType type = parseType(m.group(1), out, lineNo);
                String defaultValue = m.group(3);
                if (defaultValue != null) {
                    if (!(type instanceof Scalar s) || s.primitive() == Primitive.BOOL) {
                        throw new IllegalArgumentException("schema line " + lineNo + ": defaults are supported for numeric scalars only");
                    }
                    try {
                        Double.parseDouble(defaultValue);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("schema line " + lineNo + ": default " + defaultValue + " is not a number");
                    }
                }
                fields.add(new Field(name, type, defaultValue));
            }
        }
        if (rosName != null) {
            out.put(rosName, new Message(rosName, javaName, List.copyOf(fields)));
        }
        return new MessageSchema(out);
    }

    private static FieldType parseType(String spec, Map<String, Message> known, int lineNo) {
        Matcher array = ARRAY_SUFFIX.matcher(spec);
        if (array.matches()) {
            String element = array.group(1);
            boolean bounded = array.group(2) != null;
            String digits = array.group(3);
            Primitive p = Primitive.byRosName(element);
            if (element.equals("string")) {
                if (!bounded && !digits.isEmpty()) {
                    throw new IllegalArgumentException("schema line " + lineNo + ": fixed arrays of strings are not supported: " + spec);
                }
                return new StringSequence(bounded ? positive(digits, spec, lineNo) : 0);
            }
            if (!bounded && !digits.isEmpty()) {
                if (p == null) {
                    throw new IllegalArgumentException("schema line " + lineNo + ": fixed arrays are supported for primitives only: " + spec);
                }
                return new FixedArray(p, positive(digits, spec, lineNo));
            }
            int bound = bounded ? positive(digits, spec, lineNo) : 0;
            if (p != null) {
                return new Sequence(p, null, bound);
            }
            requireKnown(element, known, lineNo);
            return new Sequence(null, element, bound);
        }
        if (spec.equals("string")) {
            return new Text(0);
        }
        Matcher bs = BOUNDED_STRING.matcher(spec);
        if (bs.matches()) {
            return new Text(positive(bs.group(1), spec, lineNo));
        }
        Primitive p = Primitive.byRosName(spec);
        if (p != null) {
            return new Scalar(p);
        }
        requireKnown(spec, known, lineNo);
        return new Nested(spec);
    }

    private static int positive(String digits, String spec, int lineNo) {
        if (digits.isEmpty()) {
            throw new IllegalArgumentException("schema line " + lineNo + ": missing bound in " + spec);
        }
        int n = Integer.parseInt(digits);
        if (n <= 0) {
            throw new IllegalArgumentException("schema line " + lineNo + ": bound must be positive in " + spec);
        }
        return n;
    }

    private static void requireKnown(String type, Map<String, Message> known, int lineNo) {
        if (!known.containsKey(type)) {
            throw new IllegalArgumentException("schema line " + lineNo + ": unknown message type " + type
                    + " (types must be defined before use)");
        }
    }

    /** All messages in definition order (dependencies first). */
    public List<Message> messages() {
        return List.copyOf(messages.values());
    }

    /**
     * The message named {@code rosName}, in the form {@code pkg/msg/Name}.
     *
     * @throws IllegalArgumentException if the schema has no such type
     */
    public Message message(String rosName) {
        Message m = messages.get(rosName);
        if (m == null) {
            throw new IllegalArgumentException("unknown message type " + rosName + "; known: " + messages.keySet());
        }
        return m;
    }
}
