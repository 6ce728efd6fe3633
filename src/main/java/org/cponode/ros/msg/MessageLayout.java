package org.cponode.ros.msg;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.cponode.ros.msg.MessageSchema.FixedArray;
import org.cponode.ros.msg.MessageSchema.Message;
import org.cponode.ros.msg.MessageSchema.Nested;
import org.cponode.ros.msg.MessageSchema.Scalar;
import org.cponode.ros.msg.MessageSchema.Sequence;
import org.cponode.ros.msg.MessageSchema.Text;

/**
 * The C layout idlc gives a message on Linux x86_64 (LP64, natural alignment): size, alignment and the
 * offset of every field. Strings are {@code char*} (8 bytes), bounded strings inline {@code char[N+1]},
 * fixed arrays inline, sequences a 24-byte {@code dds_sequence_t}. A message without fields gets rosidl's
 * one-byte placeholder member, as in every ROS 2 IDL.
 *
 * @param message   the schema entry
 * @param size      {@code sizeof}, bytes
 * @param align     {@code alignof}, bytes
 * @param offsets   offset of each field, parallel to {@code message.fields()}
 * @param fixedSize true when the sample holds no pointers and has a fixed CDR size (Cyclone's
 *                  {@code DDS_TOPIC_FIXED_SIZE})
 */
public record MessageLayout(Message message, long size, long align, long[] offsets, boolean fixedSize) {

    /** Size of Cyclone's {@code dds_sequence_t}. */
    public static final long SEQUENCE_SIZE = 24;
    /** Offset of {@code _length} in {@code dds_sequence_t}. */
    public static final long SEQUENCE_LENGTH = 4;
    /** Offset of {@code _buffer} in {@code dds_sequence_t}. */
    public static final long SEQUENCE_BUFFER = 8;
    /** Offset of {@code _maximum} in {@code dds_sequence_t}. */
    public static final long SEQUENCE_MAXIMUM = 0;
    /** Offset of {@code _release} in {@code dds_sequence_t}. */
    public static final long SEQUENCE_RELEASE = 16;

    private static final Map<String, MessageLayout> CACHE = new ConcurrentHashMap<>();

    /** The layout of {@code rosName} in the standard schema. */
    public static MessageLayout of(String rosName) {
        return of(MessageSchema.standard(), rosName);
    }

    /** The layout of {@code rosName} in {@code schema}. */
    public static MessageLayout of(MessageSchema schema, String rosName) {
        if (schema == MessageSchema.standard()) {
            MessageLayout cached = CACHE.get(rosName);
            if (cached != null) {
                return cached;
            }
            MessageLayout computed = compute(schema, schema.message(rosName));
            CACHE.put(rosName, computed);
            return computed;
        }
        return compute(schema, schema.message(rosName));
    }

    private static MessageLayout compute(MessageSchema schema, Message message) {
        List<MessageSchema.Field> fields = message.fields();
        if (fields.isEmpty()) {
            return new MessageLayout(message, 1, 1, new long[0], true);
        }
        long[] offsets = new long[fields.size()];
        long offset = 0;
        long align = 1;
        boolean fixed = true;
        for (int i = 0; i < fields.size(); i++) {
            long fieldSize;
            long fieldAlign;
            switch (fields.get(i).type()) {
                case Scalar s -> {
                    fieldSize = s.primitive().size;
                    fieldAlign = s.primitive().size;
                }
                case Text t -> {
                    fieldSize = t.bound() == 0 ? 8 : t.bound() + 1L;
                    fieldAlign = t.bound() == 0 ? 8 : 1;
                    fixed = false;
                }
                case Nested n -> {
                    MessageLayout inner = of(schema, n.typeName());
                    fieldSize = inner.size;
                    fieldAlign = inner.align;
                    fixed &= inner.fixedSize;
                }
                case FixedArray a -> {
                    fieldSize = (long) a.element().size * a.length();
                    fieldAlign = a.element().size;
                }
                case Sequence q -> {
                    fieldSize = SEQUENCE_SIZE;
                    fieldAlign = 8;
                    fixed = false;
                }
                case MessageSchema.StringSequence q -> {
                    fieldSize = SEQUENCE_SIZE;
                    fieldAlign = 8;
                    fixed = false;
                }
            }
            offset = alignUp(offset, fieldAlign);
            offsets[i] = offset;
            offset += fieldSize;
            align = Math.max(align, fieldAlign);
        }
        return new MessageLayout(message, alignUp(offset, align), align, offsets, fixed);
    }

    static long alignUp(long value, long align) {
        return (value + align - 1) / align * align;
    }

    /** Offset of the field called {@code name}. */
    public long offsetOf(String name) {
        List<MessageSchema.Field> fields = message.fields();
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return offsets[i];
            }
        }
        throw new IllegalArgumentException(message.rosName() + " has no field " + name);
    }
}
