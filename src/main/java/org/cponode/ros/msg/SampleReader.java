package org.cponode.ros.msg;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Reads fields of a C sample (a Cyclone loan) at absolute native addresses, for the generated
 * {@code decode} methods. Strings are checked to be valid UTF-8 and sequences against limits; a violation
 * throws {@link MalformedSampleException}. One reader per receiving thread (it keeps a scratch buffer).
 */
public final class SampleReader {

    /** All of the address space: reads at absolute addresses without creating a segment per pointer. */
    @SuppressWarnings("restricted") // deliberate: the samples are Cyclone's memory, reached through raw pointers
    static final MemorySegment ALL = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

    private final int maxStringBytes;
    private final int maxSequenceLength;
    private byte[] scratch = new byte[256];

    /**
     * @param maxStringBytes    longest accepted string, UTF-8 bytes without the NUL
     * @param maxSequenceLength longest accepted sequence, elements
     */
    public SampleReader(int maxStringBytes, int maxSequenceLength) {
        if (maxStringBytes <= 0 || maxSequenceLength < 0) {
            throw new IllegalArgumentException("limits must be positive: " + maxStringBytes + ", " + maxSequenceLength);
        }
        this.maxStringBytes = maxStringBytes;
        this.maxSequenceLength = maxSequenceLength;
    }

    /** The bool at native address {@code at}. */
    public boolean bool(long at) {
        return ALL.get(JAVA_BYTE, at) != 0;
    }

    /** The int8/uint8/byte/char at native address {@code at}. */
    public byte i8(long at) {
        return ALL.get(JAVA_BYTE, at);
    }

    /** The int16/uint16 at native address {@code at}. */
    public short i16(long at) {
        return ALL.get(JAVA_SHORT, at);
    }

    /** The int32/uint32 at native address {@code at}. */
    public int i32(long at) {
        return ALL.get(JAVA_INT, at);
    }

    /** The int64/uint64 at native address {@code at}. */
    public long i64(long at) {
        return ALL.get(JAVA_LONG, at);
    }

    /** The float32 at native address {@code at}. */
    public float f32(long at) {
        return ALL.get(JAVA_FLOAT, at);
    }

    /** The float64 at native address {@code at}. */
    public double f64(long at) {
        return ALL.get(JAVA_DOUBLE, at);
    }

    /** The {@code char*} string whose pointer is stored at {@code at}. */
    public String string(long at) {
        long text = ALL.get(JAVA_LONG, at);
        if (text == 0) {
            throw new MalformedSampleException(MalformedSampleException.Problem.MISSING_BUFFER, at, 0, 0);
        }
        return text(at, text, maxStringBytes);
    }

    /** The inline string {@code char[bound + 1]} at {@code at}. */
    public String boundedString(long at, int bound) {
        return text(at, at, Math.min(bound, maxStringBytes));
    }

    /** The NUL-terminated text at {@code start}, for the string field at {@code field}. */
    private String text(long field, long start, int limit) {
        int length = 0;
        while (ALL.get(JAVA_BYTE, start + length) != 0) {
            if (length == limit) {
                throw new MalformedSampleException(MalformedSampleException.Problem.STRING_TOO_LONG, field, 0, limit);
            }
            length++;
        }
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        MemorySegment.copy(ALL, JAVA_BYTE, start, scratch, 0, length);
        int bad = Utf8.firstInvalid(scratch, length);
        if (bad >= 0) {
            throw new MalformedSampleException(MalformedSampleException.Problem.INVALID_UTF8, field, bad, length);
        }
        return new String(scratch, 0, length, StandardCharsets.UTF_8);
    }

    /** {@code n} int8/uint8/byte/char values stored inline at {@code at}. */
    public byte[] i8Array(long at, int n) {
        byte[] a = new byte[n];
        MemorySegment.copy(ALL, JAVA_BYTE, at, a, 0, n);
        return a;
    }

    /** {@code n} int16/uint16 values stored inline at {@code at}. */
    public short[] i16Array(long at, int n) {
        short[] a = new short[n];
        MemorySegment.copy(ALL, JAVA_SHORT, at, a, 0, n);
        return a;
    }

    /** {@code n} int32/uint32 values stored inline at {@code at}. */
    public int[] i32Array(long at, int n) {
        int[] a = new int[n];
        MemorySegment.copy(ALL, JAVA_INT, at, a, 0, n);
        return a;
    }

    /** {@code n} int64/uint64 values stored inline at {@code at}. */
    public long[] i64Array(long at, int n) {
        long[] a = new long[n];
        MemorySegment.copy(ALL, JAVA_LONG, at, a, 0, n);
        return a;
    }

    /** {@code n} float32 values stored inline at {@code at}. */
    public float[] f32Array(long at, int n) {
        float[] a = new float[n];
        MemorySegment.copy(ALL, JAVA_FLOAT, at, a, 0, n);
        return a;
    }

    /** {@code n} float64 values stored inline at {@code at}. */
    public double[] f64Array(long at, int n) {
        double[] a = new double[n];
        MemorySegment.copy(ALL, JAVA_DOUBLE, at, a, 0, n);
        return a;
    }

    /** {@code n} bool values stored inline at {@code at}. */
    public boolean[] boolArray(long at, int n) {
        boolean[] a = new boolean[n];
        for (int i = 0; i < n; i++) {
            a[i] = ALL.get(JAVA_BYTE, at + i) != 0;
        }
        return a;
    }

    /**
     * Length of the {@code dds_sequence_t} at {@code at}, checked against the schema bound (0 = none)
     * and this reader's limit.
     */
    public int sequenceLength(long at, int bound) {
        int length = ALL.get(JAVA_INT, at + MessageLayout.SEQUENCE_LENGTH);
        long unsigned = Integer.toUnsignedLong(length);
        if (unsigned > maxSequenceLength || (bound > 0 && unsigned > bound)) {
            throw new MalformedSampleException(MalformedSampleException.Problem.SEQUENCE_TOO_LONG, at, unsigned,
                    bound > 0 ? Math.min(bound, maxSequenceLength) : maxSequenceLength);
        }
        if (length > 0 && ALL.get(JAVA_LONG, at + MessageLayout.SEQUENCE_BUFFER) == 0) {
            throw new MalformedSampleException(MalformedSampleException.Problem.MISSING_BUFFER, at, length, 0);
        }
        return length;
    }

    /** Address of the buffer of the {@code dds_sequence_t} at {@code at}. */
    public long sequenceBuffer(long at) {
        return ALL.get(JAVA_LONG, at + MessageLayout.SEQUENCE_BUFFER);
    }

    /** Decodes one element of a sequence of messages. */
    @FunctionalInterface
    public interface ElementDecoder<T> {
        T decode(SampleReader in, long at);
    }

    /** The sequence of strings ({@code char*} elements) at {@code at}. */
    public List<String> strings(long at, int bound) {
        int n = sequenceLength(at, bound);
        long buffer = sequenceBuffer(at);
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = string(buffer + 8L * i);
        }
        return List.of(out);
    }

    /** The sequence of messages at {@code at}, each {@code elementSize} bytes in C. */
    public <T> List<T> messages(long at, int bound, long elementSize, ElementDecoder<T> element) {
        int n = sequenceLength(at, bound);
        long buffer = sequenceBuffer(at);
        Object[] out = new Object[n];
        for (int i = 0; i < n; i++) {
            out[i] = element.decode(this, buffer + i * elementSize);
        }
        @SuppressWarnings("unchecked")
        List<T> list = (List<T>) Arrays.asList(out);
        return java.util.Collections.unmodifiableList(list);
    }
}
