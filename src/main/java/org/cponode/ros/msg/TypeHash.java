package org.cponode.ros.msg;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import org.cponode.ros.msg.MessageSchema.Field;
import org.cponode.ros.msg.MessageSchema.FieldType;
import org.cponode.ros.msg.MessageSchema.FixedArray;
import org.cponode.ros.msg.MessageSchema.Message;
import org.cponode.ros.msg.MessageSchema.Nested;
import org.cponode.ros.msg.MessageSchema.Primitive;
import org.cponode.ros.msg.MessageSchema.Scalar;
import org.cponode.ros.msg.MessageSchema.Sequence;
import org.cponode.ros.msg.MessageSchema.Text;

/**
 * ROS 2 type hashes (REP 2011, {@code RIHS01_<sha256 hex>}) computed from the message schema the way
 * rosidl_generator_type_description does: sha256 of the JSON type description without default values,
 * the type's own description first, then every type it references, sorted by name. Iron and later put the
 * hash in each endpoint's USER_DATA ({@code typehash=…;}); peers that cannot check it print INVALID
 * but still match, so a wrong hash only costs tooling.
 */
public final class TypeHash {

    /** The only version of the hash format, REP 2011's RIHS01. */
    public static final String PREFIX = "RIHS01_";

    // type_description_interfaces/msg/FieldType.msg
    private static final int NESTED_TYPE = 1;
    private static final int STRING = 17;
    private static final int BOUNDED_STRING = 21;
    private static final int ARRAY_OFFSET = 48;
    private static final int BOUNDED_SEQUENCE_OFFSET = 96;
    private static final int UNBOUNDED_SEQUENCE_OFFSET = 144;

    private TypeHash() {}

    /** {@code RIHS01_<64 lowercase hex>} of {@code rosName} in the standard schema. */
    public static String of(String rosName) {
        return of(MessageSchema.standard(), rosName);
    }

    /** {@code RIHS01_<64 lowercase hex>} of {@code rosName} in {@code schema}. */
    public static String of(MessageSchema schema, String rosName) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json(schema, rosName).getBytes(StandardCharsets.US_ASCII));
            return PREFIX + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * The hashed text: Python's {@code json.dumps} of the description with separators {@code (', ', ': ')},
     * keys in rosidl's order. Type names and field names are ASCII, so nothing needs escaping.
     */
    static String json(MessageSchema schema, String rosName) {
        TreeMap<String, Message> referenced = new TreeMap<>();
        collect(schema, schema.message(rosName), referenced);
        referenced.remove(rosName);
        StringBuilder out = new StringBuilder("{\"type_description\": ");
        description(schema.message(rosName), out);
        out.append(", \"referenced_type_descriptions\": [");
        boolean first = true;
        for (Message m : referenced.values()) {
            out.append(first ? "" : ", ");
            description(m, out);
            first = false;
        }
        return out.append("]}").toString();
    }

    private static void collect(MessageSchema schema, Message m, TreeMap<String, Message> into) {
        if (into.putIfAbsent(m.rosName(), m) != null) {
            return;
        }
        for (Field f : m.fields()) {
            String nested = nestedName(f.type());
            if (!nested.isEmpty()) {
                collect(schema, schema.message(nested), into);
            }
        }
    }

    private static void description(Message m, StringBuilder out) {
        out.append("{\"type_name\": \"").append(m.rosName()).append("\", \"fields\": [");
        List<Field> fields = m.fields();
        if (fields.isEmpty()) {
            // rosidl gives an empty message its placeholder member, and the hash describes it
            field("structure_needs_at_least_one_member", primitiveId(Primitive.UINT8), 0, 0, "", out);
        }
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            Field f = fields.get(i);
            switch (f.type()) {
                case Scalar s -> field(f.name(), primitiveId(s.primitive()), 0, 0, "", out);
                case Text t -> field(f.name(), t.bound() == 0 ? STRING : BOUNDED_STRING, 0, t.bound(), "", out);
                case Nested n -> field(f.name(), NESTED_TYPE, 0, 0, n.typeName(), out);
                case FixedArray a -> field(f.name(), primitiveId(a.element()) + ARRAY_OFFSET, a.length(), 0, "", out);
                case MessageSchema.StringSequence q -> field(f.name(),
                        STRING + (q.bound() == 0 ? UNBOUNDED_SEQUENCE_OFFSET : BOUNDED_SEQUENCE_OFFSET), q.bound(), 0, "", out);
                case Sequence q -> {
                    int element = q.primitive() != null ? primitiveId(q.primitive()) : NESTED_TYPE;
                    int offset = q.bound() == 0 ? UNBOUNDED_SEQUENCE_OFFSET : BOUNDED_SEQUENCE_OFFSET;
                    field(f.name(), element + offset, q.bound(), 0, nestedName(q), out);
                }
            }
        }
        out.append("]}");
    }

    private static void field(String name, int typeId, long capacity, long stringCapacity, String nested, StringBuilder out) {
        out.append("{\"name\": \"").append(name).append("\", \"type\": {\"type_id\": ").append(typeId)
                .append(", \"capacity\": ").append(capacity)
                .append(", \"string_capacity\": ").append(stringCapacity)
                .append(", \"nested_type_name\": \"").append(nested).append("\"}}");
    }

    private static String nestedName(FieldType type) {
        return switch (type) {
            case Nested n -> n.typeName();
            case Sequence q when q.messageType() != null -> q.messageType();
            default -> "";
        };
    }

    /**
     * FieldType ids of the IDL types rosidl maps each .msg primitive to: {@code byte} is an IDL octet
     * (BYTE), but a .msg {@code char} becomes an IDL uint8.
     */
    private static int primitiveId(Primitive p) {
        return switch (p) {
            case INT8 -> 2;
            case UINT8, CHAR -> 3;
            case INT16 -> 4;
            case UINT16 -> 5;
            case INT32 -> 6;
            case UINT32 -> 7;
            case INT64 -> 8;
            case UINT64 -> 9;
            case FLOAT32 -> 10;
            case FLOAT64 -> 11;
            case BOOL -> 15;
            case BYTE -> 16;
        };
    }
}
