package org.cponode.ros;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.cponode.ros.dds.DdsException;
import org.cponode.ros.dds.DdsParticipant;
import org.cponode.ros.dds.Ddsc;
import org.cponode.ros.msg.MessageSchema.Primitive;
import org.cponode.ros.msg.MessageType;
import org.cponode.ros.msg.MessageType.FieldRef;
import org.cponode.ros.msg.SampleWriter;

/**
 * A ROS publisher. Two ways to publish, both allocation-free after warm-up:
 * <ul>
 *   <li>{@link #publish(Object)} encodes a record into this publisher's native sample (strings and
 *       sequences into a grow-only scratch block);</li>
 *   <li>the in-place sample: {@link #set(FieldRef, double)}, {@link #setString(FieldRef, String)} … on
 *       fields found once with {@link MessageType#field(String)}, then {@link #publishSample()}; fields
 *       keep their values between publishes, strings start empty.</li>
 * </ul>
 * Thread-safe (each method holds the publisher's lock for a few microseconds; {@code dds_write} of a
 * reliable writer may block up to 100 ms if the history is full), but the in-place sample is one shared
 * sample: let one thread (the control loop) own the set-then-{@link #publishSample()} sequence.
 *
 * @param <T> the message record
 */
public final class Publisher<T> extends Endpoint {

    private final MessageType<T> type;
    private final int mask;
    private final MemorySegment recordSample;
    private final MemorySegment editedSample;
    private final SampleWriter writer;
    private final Arena arena;
    private long[] stringSlotOffsets = new long[0];
    private MemorySegment[] stringSlots = new MemorySegment[0];
    private FieldRef[] verified = new FieldRef[0];
    private volatile long published;

    Publisher(String rosTopic, String ddsTopic, QosProfile qos, int writerEntity, DdsParticipant participant,
            MessageType<T> type, int mask) {
        super(rosTopic, ddsTopic, qos, writerEntity, participant);
        this.type = type;
        this.mask = mask;
        this.arena = participant.arena();
        long size = type.layout().size();
        this.recordSample = arena.allocate(size, type.layout().align());
        this.editedSample = arena.allocate(size, type.layout().align());
        this.writer = new SampleWriter(arena);
        MemorySegment empty = arena.allocate(1);
        for (long offset : type.stringOffsets()) {
            editedSample.set(JAVA_LONG, offset, empty.address());
        }
    }

    /** The message type. */
    public MessageType<T> type() {
        return type;
    }

    /** Messages written. */
    public long publishedCount() {
        return published;
    }

    /**
     * Encodes and writes {@code message}.
     *
     * @throws IllegalArgumentException if the message breaks a bound or string rule (nothing is written)
     * @throws DdsException if Cyclone refuses the write
     */
    public synchronized void publish(T message) {
        writer.reset();
        type.encode(message, writer, recordSample.address());
        write(recordSample);
    }

    /** Writes the in-place sample as it is. */
    public synchronized void publishSample() {
        write(editedSample);
    }

    private void write(MemorySegment sample) {
        int rc = Ddsc.write(entity, sample);
        if (rc < 0) {
            throw new DdsException("dds_write(" + rosTopic + ")", rc);
        }
        published++;
    }

    /**
     * Checks that {@code field} is exactly what {@link MessageType#field} gives for this type (a forged
     * offset could overwrite a string pointer that Cyclone then follows). Each reference is verified once,
     * then recognised by identity, so the check allocates nothing in steady state.
     */
    private void checkOwner(FieldRef field) {
        for (FieldRef known : verified) {
            if (known == field) {
                return;
            }
        }
        if (!field.type().equals(type.rosName())) {
            throw new IllegalArgumentException(field.path() + " is a field of " + field.type() + ", not of " + type.rosName());
        }
        if (!type.field(field.path()).equals(field)) {
            throw new IllegalArgumentException(field + " does not describe " + type.rosName() + "." + field.path()
                    + "; get field references from MessageType.field");
        }
        verified = Arrays.copyOf(verified, verified.length + 1);
        verified[verified.length - 1] = field;
    }

    private void checkNumeric(FieldRef field, boolean floating) {
        checkOwner(field);
        if (field.primitive() == null || field.primitive() == Primitive.BOOL
                || (floating && !field.primitive().isFloatingPoint())) {
            throw new IllegalArgumentException(field.path() + " of " + type.rosName() + " is "
                    + (field.primitive() == null ? "a string" : field.primitive()) + "; use the matching setter");
        }
    }

    /**
     * Sets a float32/float64 field of the in-place sample.
     *
     * @throws IllegalArgumentException if the field is not floating point, or of another message type
     */
    public synchronized Publisher<T> set(FieldRef field, double value) {
        checkNumeric(field, true);
        if (field.primitive() == Primitive.FLOAT32) {
            editedSample.set(JAVA_FLOAT, field.offset(), (float) value);
        } else {
            editedSample.set(JAVA_DOUBLE, field.offset(), value);
        }
        return this;
    }

    /**
     * Sets a numeric field of the in-place sample: integers take the low bits for narrower types (unsigned
     * types the raw bits); float32/float64 fields take the value converted.
     *
     * @throws IllegalArgumentException if the field is a string or bool, or of another message type
     */
    public synchronized Publisher<T> set(FieldRef field, long value) {
        checkNumeric(field, false);
        if (field.primitive().isFloatingPoint()) {
            return set(field, (double) value);
        }
        switch (field.primitive().size) {
            case 1 -> editedSample.set(JAVA_BYTE, field.offset(), (byte) value);
            case 2 -> editedSample.set(JAVA_SHORT, field.offset(), (short) value);
            case 4 -> editedSample.set(JAVA_INT, field.offset(), (int) value);
            default -> editedSample.set(JAVA_LONG, field.offset(), value);
        }
        return this;
    }

    /**
     * Sets a {@code builtin_interfaces/msg/Time} of the in-place sample, given by its two fields, to
     * {@code seconds} (whole seconds and nanoseconds; the nanoseconds never round up to a full second).
     *
     * @throws IllegalArgumentException if a field is not numeric, or of another message type
     */
    public synchronized Publisher<T> setTime(FieldRef sec, FieldRef nanosec, double seconds) {
        long whole = (long) Math.floor(seconds);
        set(sec, whole);
        return set(nanosec, Math.min(999_999_999L, Math.round((seconds - whole) * 1e9)));
    }

    /**
     * Sets a bool field of the in-place sample.
     *
     * @throws IllegalArgumentException if the field is not bool
     */
    public synchronized Publisher<T> set(FieldRef field, boolean value) {
        checkOwner(field);
        if (field.primitive() != Primitive.BOOL) {
            throw new IllegalArgumentException(field.path() + " of " + type.rosName() + " is not bool");
        }
        editedSample.set(JAVA_BYTE, field.offset(), value ? (byte) 1 : (byte) 0);
        return this;
    }

    /**
     * Sets a string field of the in-place sample; its native copy is reused while it fits.
     *
     * @throws IllegalArgumentException if the field is not a string, or {@code value} has NUL or bad surrogates
     */
    public synchronized Publisher<T> setString(FieldRef field, String value) {
        checkOwner(field);
        if (field.primitive() != null) {
            throw new IllegalArgumentException(field.path() + " is not a string field of " + type.rosName());
        }
        int needed = SampleWriter.utf8Length(value);
        int slot = -1;
        for (int i = 0; i < stringSlotOffsets.length; i++) {
            if (stringSlotOffsets[i] == field.offset()) {
                slot = i;
            }
        }
        if (slot < 0) {
            slot = stringSlotOffsets.length;
            stringSlotOffsets = Arrays.copyOf(stringSlotOffsets, slot + 1);
            stringSlots = Arrays.copyOf(stringSlots, slot + 1);
            stringSlotOffsets[slot] = field.offset();
        }
        if (stringSlots[slot] == null || stringSlots[slot].byteSize() < needed + 1L) {
            // grow-only: the previous copy stays in the arena until the participant closes
            stringSlots[slot] = arena.allocate(Math.max(32, 2L * (needed + 1)));
        }
        MemorySegment text = stringSlots[slot];
        SampleWriter.writeUtf8(text.address(), value);
        editedSample.set(JAVA_LONG, field.offset(), text.address());
        return this;
    }

    @Override
    boolean isWriter() {
        return true;
    }

    @Override
    void service(MemorySegment statusFlags) {
        serviceStatus(statusFlags, mask);
    }

    @Override
    public String toString() {
        return "publisher " + rosTopic + " [" + type.rosName() + ", " + qos + "]";
    }
}
