package org.cponode.ros.msg;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Writes fields of a C sample at absolute native addresses, for the generated {@code encode} methods.
 * Strings and sequence buffers go into a grow-only native block owned by the caller's arena, reused from
 * the start on every {@link #reset()}: after warm-up, encoding allocates nothing. Not thread-safe (one per
 * publisher, used under its lock).
 */
public final class SampleWriter {

    private static final MemorySegment ALL = SampleReader.ALL;

    private final Arena arena;
    private long blockStart;
    private long blockSize;
    private long used;

    /** @param arena owns the scratch blocks; must outlive every write of samples encoded here */
    public SampleWriter(Arena arena) {
        this.arena = arena;
        grow(1024);
    }

    /** Starts a new sample: the scratch block is reused from its beginning. */
    public void reset() {
        used = 0;
    }

    private void grow(long atLeast) {
        blockSize = Math.max(atLeast, blockSize * 2);
        // The old block stays alive in the arena: pointers already written for this sample still use it.
        blockStart = arena.allocate(blockSize, 8).address();
        used = 0;
    }

    /** Scratch memory of {@code bytes}, aligned to 8, valid until the next {@link #reset()}. */
    public long allocate(long bytes) {
        long aligned = MessageLayout.alignUp(Math.max(bytes, 1), 8);
        if (used + aligned > blockSize) {
            grow(aligned * 2);
        }
        long at = blockStart + used;
        used += aligned;
        return at;
    }

    /** Stores a bool at native address {@code at}. */
    public void bool(long at, boolean v) {
        ALL.set(JAVA_BYTE, at, v ? (byte) 1 : (byte) 0);
    }

    /** Stores a int8/uint8/byte/char at native address {@code at}. */
    public void i8(long at, byte v) {
        ALL.set(JAVA_BYTE, at, v);
    }

    /** Stores a int16/uint16 at native address {@code at}. */
    public void i16(long at, short v) {
        ALL.set(JAVA_SHORT, at, v);
    }

    /** Stores a int32/uint32 at native address {@code at}. */
    public void i32(long at, int v) {
        ALL.set(JAVA_INT, at, v);
    }

    /** Stores a int64/uint64 at native address {@code at}. */
    public void i64(long at, long v) {
        ALL.set(JAVA_LONG, at, v);
    }

    /** Stores a float32 at native address {@code at}. */
    public void f32(long at, float v) {
        ALL.set(JAVA_FLOAT, at, v);
    }

    /** Stores a float64 at native address {@code at}. */
    public void f64(long at, double v) {
        ALL.set(JAVA_DOUBLE, at, v);
    }

    /**
     * Stores {@code s} as a NUL-terminated UTF-8 copy in scratch memory and its pointer at {@code at}.
     *
     * @throws IllegalArgumentException if {@code s} contains NUL or an unpaired surrogate
     */
    public void string(long at, String s) {
        int length = Utf8.encodedLength(s);
        long text = allocate(length + 1L);
        encode(s, text);
        ALL.set(JAVA_BYTE, text + length, (byte) 0);
        ALL.set(JAVA_LONG, at, text);
    }

    /**
     * Stores {@code s} inline as {@code char[bound + 1]}.
     *
     * @throws IllegalArgumentException if its UTF-8 form is longer than {@code bound} bytes
     */
    public void boundedString(long at, String s, int bound) {
        int length = Utf8.encodedLength(s);
        if (length > bound) {
            throw new IllegalArgumentException("string of " + length + " UTF-8 bytes exceeds its bound of " + bound);
        }
        encode(s, at);
        ALL.set(JAVA_BYTE, at + length, (byte) 0);
    }

    /**
     * Number of UTF-8 bytes of {@code s} (without a NUL).
     *
     * @throws IllegalArgumentException if {@code s} contains NUL or an unpaired surrogate
     */
    public static int utf8Length(String s) {
        return Utf8.encodedLength(s);
    }

    /**
     * Writes {@code s} as NUL-terminated UTF-8 at native address {@code at}; the caller guarantees
     * {@link #utf8Length(String)} + 1 bytes there.
     */
    public static void writeUtf8(long at, String s) {
        encode(s, at);
        ALL.set(JAVA_BYTE, at + Utf8.encodedLength(s), (byte) 0);
    }

    private static void encode(String s, long at) {
        long p = at;
        for (int i = 0; i < s.length(); i++) {
            int c = s.charAt(i);
            if (Character.isHighSurrogate((char) c)) {
                c = Character.toCodePoint((char) c, s.charAt(++i));
            }
            if (c < 0x80) {
                ALL.set(JAVA_BYTE, p++, (byte) c);
            } else if (c < 0x800) {
                ALL.set(JAVA_BYTE, p++, (byte) (0xc0 | (c >> 6)));
                ALL.set(JAVA_BYTE, p++, (byte) (0x80 | (c & 0x3f)));
            } else if (c < 0x10000) {
                ALL.set(JAVA_BYTE, p++, (byte) (0xe0 | (c >> 12)));
                ALL.set(JAVA_BYTE, p++, (byte) (0x80 | ((c >> 6) & 0x3f)));
                ALL.set(JAVA_BYTE, p++, (byte) (0x80 | (c & 0x3f)));
            } else {
                ALL.set(JAVA_BYTE, p++, (byte) (0xf0 | (c >> 18)));
                ALL.set(JAVA_BYTE, p++, (byte) (0x80 | ((c >> 12) & 0x3f)));
                ALL.set(JAVA_BYTE, p++, (byte) (0x80 | ((c >> 6) & 0x3f)));
                ALL.set(JAVA_BYTE, p++, (byte) (0x80 | (c & 0x3f)));
            }
        }
    }

    private static void checkFixed(int actual, int expected) {
        if (actual != expected) {
            throw new IllegalArgumentException("fixed array needs exactly " + expected + " elements, got " + actual);
        }
    }

    /** Stores exactly {@code n} int8/uint8/byte/char values inline at {@code at}. */
    public void i8Array(long at, byte[] v, int n) {
        checkFixed(v.length, n);
        MemorySegment.copy(v, 0, ALL, JAVA_BYTE, at, n);
    }

    /** Stores exactly {@code n} int16/uint16 values inline at {@code at}. */
    public void i16Array(long at, short[] v, int n) {
        checkFixed(v.length, n);
        MemorySegment.copy(v, 0, ALL, JAVA_SHORT, at, n);
    }

    /** Stores exactly {@code n} int32/uint32 values inline at {@code at}. */
    public void i32Array(long at, int[] v, int n) {
        checkFixed(v.length, n);
        MemorySegment.copy(v, 0, ALL, JAVA_INT, at, n);
    }

    /** Stores exactly {@code n} int64/uint64 values inline at {@code at}. */
    public void i64Array(long at, long[] v, int n) {
        checkFixed(v.length, n);
        MemorySegment.copy(v, 0, ALL, JAVA_LONG, at, n);
    }

    /** Stores exactly {@code n} float32 values inline at {@code at}. */
    public void f32Array(long at, float[] v, int n) {
        checkFixed(v.length, n);
        MemorySegment.copy(v, 0, ALL, JAVA_FLOAT, at, n);
    }

    /** Stores exactly {@code n} float64 values inline at {@code at}. */
    public void f64Array(long at, double[] v, int n) {
        checkFixed(v.length, n);
        MemorySegment.copy(v, 0, ALL, JAVA_DOUBLE, at, n);
    }

    /** Stores exactly {@code n} bool values inline at {@code at}. */
    public void boolArray(long at, boolean[] v, int n) {
        checkFixed(v.length, n);
        for (int i = 0; i < n; i++) {
            ALL.set(JAVA_BYTE, at + i, v[i] ? (byte) 1 : (byte) 0);
        }
    }

    /**
     * Writes the {@code dds_sequence_t} header at {@code at} for {@code length} elements of
     * {@code elementSize} bytes and returns the (scratch) buffer address to fill.
     *
     * @throws IllegalArgumentException if {@code length} exceeds the schema bound (0 = unbounded)
     */
    public long sequence(long at, int length, int bound, long elementSize) {
        if (bound > 0 && length > bound) {
            throw new IllegalArgumentException("sequence of " + length + " elements exceeds its bound of " + bound);
        }
        long buffer = length == 0 ? 0 : allocate(length * elementSize);
        ALL.set(JAVA_INT, at + MessageLayout.SEQUENCE_MAXIMUM, length);
        ALL.set(JAVA_INT, at + MessageLayout.SEQUENCE_LENGTH, length);
        ALL.set(JAVA_LONG, at + MessageLayout.SEQUENCE_BUFFER, buffer);
        ALL.set(JAVA_BYTE, at + MessageLayout.SEQUENCE_RELEASE, (byte) 0);
        return buffer;
    }

    /** Stores {@code v} as a {@code dds_sequence_t} of int8/uint8/byte/char at {@code at} (buffer in scratch memory). */
    public void i8Sequence(long at, byte[] v, int bound) {
        MemorySegment.copy(v, 0, ALL, JAVA_BYTE, sequence(at, v.length, bound, 1), v.length);
    }

    /** Stores {@code v} as a {@code dds_sequence_t} of int16/uint16 at {@code at} (buffer in scratch memory). */
    public void i16Sequence(long at, short[] v, int bound) {
        MemorySegment.copy(v, 0, ALL, JAVA_SHORT, sequence(at, v.length, bound, 2), v.length);
    }

    /** Stores {@code v} as a {@code dds_sequence_t} of int32/uint32 at {@code at} (buffer in scratch memory). */
    public void i32Sequence(long at, int[] v, int bound) {
        MemorySegment.copy(v, 0, ALL, JAVA_INT, sequence(at, v.length, bound, 4), v.length);
    }

    /** Stores {@code v} as a {@code dds_sequence_t} of int64/uint64 at {@code at} (buffer in scratch memory). */
    public void i64Sequence(long at, long[] v, int bound) {
        MemorySegment.copy(v, 0, ALL, JAVA_LONG, sequence(at, v.length, bound, 8), v.length);
    }

    /** Stores {@code v} as a {@code dds_sequence_t} of float32 at {@code at} (buffer in scratch memory). */
    public void f32Sequence(long at, float[] v, int bound) {
        MemorySegment.copy(v, 0, ALL, JAVA_FLOAT, sequence(at, v.length, bound, 4), v.length);
    }

    /** Stores {@code v} as a {@code dds_sequence_t} of float64 at {@code at} (buffer in scratch memory). */
    public void f64Sequence(long at, double[] v, int bound) {
        MemorySegment.copy(v, 0, ALL, JAVA_DOUBLE, sequence(at, v.length, bound, 8), v.length);
    }

    /** Stores {@code v} as a {@code dds_sequence_t} of bool at {@code at} (buffer in scratch memory). */
    public void boolSequence(long at, boolean[] v, int bound) {
        long buffer = sequence(at, v.length, bound, 1);
        for (int i = 0; i < v.length; i++) {
            ALL.set(JAVA_BYTE, buffer + i, v[i] ? (byte) 1 : (byte) 0);
        }
    }

    /** Encodes one element of a sequence of messages. */
    @FunctionalInterface
    public interface ElementEncoder<T> {
        void encode(T value, SampleWriter out, long at);
    }

    /** Writes a sequence of strings ({@code char*} elements, each copied to scratch memory). */
    public void strings(long at, List<String> values, int bound) {
        long buffer = sequence(at, values.size(), bound, 8);
        for (int i = 0; i < values.size(); i++) {
            string(buffer + 8L * i, values.get(i));
        }
    }

    /** Writes a sequence of messages, each {@code elementSize} bytes in C. */
    public <T> void messages(long at, List<T> values, int bound, long elementSize, ElementEncoder<T> element) {
        int n = values.size();
        long buffer = sequence(at, n, bound, elementSize);
        for (int i = 0; i < n; i++) {
            element.encode(values.get(i), this, buffer + i * elementSize);
        }
    }
}
