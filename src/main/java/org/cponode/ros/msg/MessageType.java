package org.cponode.ros.msg;

import java.util.ArrayList;
import java.util.List;
import org.cponode.ros.msg.MessageSchema.Field;
import org.cponode.ros.msg.MessageSchema.Message;
import org.cponode.ros.msg.MessageSchema.Nested;
import org.cponode.ros.msg.MessageSchema.Primitive;
import org.cponode.ros.msg.MessageSchema.Scalar;
import org.cponode.ros.msg.MessageSchema.Text;

/**
 * Everything the transport needs about one message type: ROS and DDS names, the Java record, the C
 * layout, the Cyclone ops program and the record's codec. Each generated record has one as {@code TYPE}.
 *
 * @param <T> the record type
 */
public final class MessageType<T> {

    /** Reads a record from a C sample. */
    @FunctionalInterface
    public interface Decoder<T> {
        T decode(SampleReader in, long at);
    }

    /** Writes a record into a C sample. */
    @FunctionalInterface
    public interface Encoder<T> {
        void encode(T value, SampleWriter out, long at);
    }

    /**
     * A scalar or unbounded-string leaf reachable from the root through nested messages only, for
     * allocation-free in-place edits of a publisher's sample.
     *
     * @param type      ROS name of the message type it belongs to
     * @param path      dotted ROS field path, e.g. {@code twist.linear.x}
     * @param offset    byte offset in the C sample
     * @param primitive the scalar type, or null for a string
     */
    public record FieldRef(String type, String path, long offset, Primitive primitive) {}

    private final MessageSchema schema;
    private final Message message;
    private final Class<T> javaClass;
    private final MessageLayout layout;
    private final OpsProgram ops;
    private final Decoder<T> decoder;
    private final Encoder<T> encoder;
    private volatile String typeHash;

    MessageType(String rosName, Class<T> javaClass, long generatedSize, Decoder<T> decoder, Encoder<T> encoder) {
        this.schema = MessageSchema.standard();
        this.message = schema.message(rosName);
        this.javaClass = javaClass;
        this.layout = MessageLayout.of(rosName);
        if (layout.size() != generatedSize) {
            throw new IllegalStateException(javaClass.getName() + " was generated for a " + generatedSize
                    + "-byte layout but the schema gives " + layout.size() + ": run MessageGenerator");
        }
        this.ops = OpsProgram.of(rosName);
        this.decoder = decoder;
        this.encoder = encoder;
    }

    /**
     * A type from another schema with a hand-written codec onto an existing record (another distro's
     * layout of the same message, see {@link HumbleGraph}). In-place field edits are not offered for it.
     */
    MessageType(MessageSchema schema, String rosName, Class<T> javaClass, Decoder<T> decoder, Encoder<T> encoder) {
        this.schema = schema;
        this.message = schema.message(rosName);
        this.javaClass = javaClass;
        this.layout = MessageLayout.of(schema, rosName);
        this.ops = OpsProgram.of(schema, rosName);
        this.decoder = decoder;
        this.encoder = encoder;
    }

    /** ROS name, e.g. {@code geometry_msgs/msg/Twist}. */
    public String rosName() {
        return message.rosName();
    }

    /** DDS type name, e.g. {@code geometry_msgs::msg::dds_::Twist_}. */
    public String ddsTypeName() {
        return message.ddsTypeName();
    }

    /** The REP 2011 type hash ({@code RIHS01_…}), computed from the schema on first use. */
    public String typeHash() {
        String h = typeHash;
        if (h == null) {
            h = TypeHash.of(schema, message.rosName());
            typeHash = h;
        }
        return h;
    }

    /** The record class. */
    public Class<T> javaClass() {
        return javaClass;
    }

    /** The schema entry. */
    public Message schema() {
        return message;
    }

    /** The schema the type is described in. */
    MessageSchema messageSchema() {
        return schema;
    }

    /** The C layout. */
    public MessageLayout layout() {
        return layout;
    }

    /** The Cyclone serialisation program. */
    public OpsProgram ops() {
        return ops;
    }

    /**
     * Decodes the C sample at native address {@code address}.
     *
     * @throws MalformedSampleException if a string or sequence violates the reader's limits
     */
    public T decode(SampleReader in, long address) {
        try {
            return decoder.decode(in, address);
        } catch (MalformedSampleException e) {
            throw e.locate(this, address);
        }
    }

    /**
     * Encodes {@code value} into the C sample at {@code address} ({@link MessageLayout#size()} bytes);
     * strings and sequence buffers go to {@code out}'s scratch memory.
     *
     * @throws IllegalArgumentException if a bound, fixed length or string rule is violated
     */
    public void encode(T value, SampleWriter out, long address) {
        encoder.encode(value, out, address);
    }

    /**
     * The leaf at a dotted path through nested messages ({@code header.frame_id}, {@code twist.angular.z}).
     *
     * @throws IllegalArgumentException if the path does not name a scalar or unbounded string
     */
    public FieldRef field(String path) {
        Message current = message;
        long offset = 0;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length; i++) {
            MessageLayout l = MessageLayout.of(current.rosName());
            Field field = null;
            long fieldOffset = 0;
            for (int k = 0; k < current.fields().size(); k++) {
                if (current.fields().get(k).name().equals(parts[i])) {
                    field = current.fields().get(k);
                    fieldOffset = l.offsets()[k];
                }
            }
            if (field == null) {
                throw new IllegalArgumentException(rosName() + ": no field " + parts[i] + " in " + current.rosName());
            }
            offset += fieldOffset;
            boolean last = i == parts.length - 1;
            switch (field.type()) {
                case Nested n when !last -> current = MessageSchema.standard().message(n.typeName());
                case Scalar s when last -> {
                    return new FieldRef(rosName(), path, offset, s.primitive());
                }
                case Text t when last && t.bound() == 0 -> {
                    return new FieldRef(rosName(), path, offset, null);
                }
                default -> throw new IllegalArgumentException(rosName() + ": " + path
                        + " is not a scalar or string reachable through nested messages");
            }
        }
        throw new IllegalArgumentException(rosName() + ": empty field path");
    }

    /**
     * The dotted ROS path of the string or sequence field at byte {@code offset} of the C sample, through nested
     * messages ({@code header.frame_id}); null for an offset outside the sample (an element of a sequence lives in
     * the sequence's own buffer) or one where no field starts.
     */
    String fieldAt(long offset) {
        if (offset < 0 || offset >= layout.size()) {
            return null;
        }
        StringBuilder path = new StringBuilder();
        Message m = message;
        long at = offset;
        while (true) {
            MessageLayout l = MessageLayout.of(schema, m.rosName());
            if (m.fields().isEmpty()) {
                return null;
            }
            int k = m.fields().size() - 1;
            while (k > 0 && l.offsets()[k] > at) {
                k--;
            }
            Field f = m.fields().get(k);
            path.append(f.name());
            at -= l.offsets()[k];
            if (f.type() instanceof Nested n) {
                m = schema.message(n.typeName());
                path.append('.');
            } else {
                return at == 0 ? path.toString() : null;
            }
        }
    }

    /** Offsets of every {@code char*} reachable through nested messages (not inside sequences). */
    public long[] stringOffsets() {
        List<Long> out = new ArrayList<>();
        collectStrings(schema, message, 0, out);
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private static void collectStrings(MessageSchema schema, Message m, long base, List<Long> out) {
        MessageLayout l = MessageLayout.of(schema, m.rosName());
        for (int k = 0; k < m.fields().size(); k++) {
            switch (m.fields().get(k).type()) {
                case Text t when t.bound() == 0 -> out.add(base + l.offsets()[k]);
                case Nested n -> collectStrings(schema, schema.message(n.typeName()), base + l.offsets()[k], out);
                default -> { }
            }
        }
    }

    /**
     * The type called {@code name}: {@code pkg/msg/Name} or the short {@code pkg/Name}.
     *
     * @throws IllegalArgumentException listing the known types if there is none
     */
    public static MessageType<?> forName(String name) {
        String full = name.contains("/msg/") ? name : name.replaceFirst("/", "/msg/");
        for (MessageType<?> t : Messages.ALL) {
            if (t.rosName().equals(full)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown message type " + name + "; known: "
                + Messages.ALL.stream().map(MessageType::rosName).toList());
    }

    @Override
    public String toString() {
        return rosName();
    }
}
