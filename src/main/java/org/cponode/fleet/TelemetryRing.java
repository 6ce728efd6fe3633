package org.cponode.fleet;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Bounded multi-producer queue of serialized telemetry messages with drop-oldest overflow, lock-free and
 * allocation-free for producers (the control loop). Each slot owns a {@link JsonWriter} over a grow-only
 * {@link StringBuilder}: the producer serializes straight into the slot it claimed, the link thread copies
 * the text out, then frees the slot.
 *
 * <p>Algorithm: Vyukov's bounded MPMC queue. Slot {@code i} carries a sequence number: {@code pos} when free
 * for the producer at position {@code pos}, {@code pos + 1} once that producer published it, and
 * {@code pos + capacity} once consumed (free for the next lap). When a producer finds its slot still full,
 * it discards the oldest published message itself (counting it) and retries; after a few failed attempts
 * (a producer preempted mid-write at the head) it drops its own message instead, so {@link #claim} never
 * waits.
 */
final class TelemetryRing {

    /** Claim attempts before giving up on this message; only reached under heavy producer contention. */
    private static final int MAX_CLAIM_ATTEMPTS = 8;
    /** {@link #poll} result: nothing published yet. */
    static final int EMPTY = -1;
    /** {@link #poll} result: a slot whose producer failed while writing; its text is meaningless. */
    static final int SKIPPED = -2;

    private final int capacity;
    private final AtomicLongArray sequence;
    private final StringBuilder[] text;
    private final JsonWriter[] writers;
    private final int[] stream;
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong tail = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /**
     * @param capacity number of messages kept, ≥ 2 (with one slot, "published at pos" and "free for pos + 1"
     *     would be the same sequence number).
     * @param initialSlotChars starting size of each slot's buffer, in characters.
     */
    TelemetryRing(int capacity, int initialSlotChars) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be >= 2, got " + capacity);
        }
        this.capacity = capacity;
        this.sequence = new AtomicLongArray(capacity);
        this.text = new StringBuilder[capacity];
        this.writers = new JsonWriter[capacity];
        this.stream = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            sequence.set(i, i);
            text[i] = new StringBuilder(initialSlotChars);
            writers[i] = new JsonWriter(text[i]);
        }
    }

    /**
     * Reserves the slot for a new message, discarding the oldest message if the ring is full.
     *
     * @return the claimed position, or -1 if contention made this message the one dropped.
     */
    long claim() {
        for (int attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt++) {
            long pos = tail.get();
            long lag = sequence.get(slot(pos)) - pos;
            if (lag == 0) {
                if (tail.compareAndSet(pos, pos + 1)) {
                    return pos;
                }
            } else if (lag < 0) {
                // The slot still holds the message from one lap earlier: the ring is full.
                discardOldest();
            }
            // lag > 0: another producer took this position; re-read the tail.
        }
        dropped.incrementAndGet();
        return -1;
    }

    /** @return the cleared writer of a claimed position, to serialize the message into. */
    JsonWriter writer(long pos, TelemetryStream kind) {
        int i = slot(pos);
        stream[i] = kind.ordinal();
        return writers[i].reset();
    }

    /** Marks a claimed position whose message could not be written; {@link #poll} reports it as {@link #SKIPPED}. */
    void skip(long pos) {
        stream[slot(pos)] = SKIPPED;
    }

    /** Counts a message lost after it left the ring (the connection dropped while sending it). */
    void countDropped() {
        dropped.incrementAndGet();
    }

    /** Makes a claimed and written (or skipped) position visible to the consumer. */
    void publish(long pos) {
        sequence.set(slot(pos), pos + 1);
    }

    /**
     * Takes the oldest published message.
     *
     * @param into receives the message text (cleared first). Modified.
     * @return the ordinal of the message's {@link TelemetryStream}, or {@link #EMPTY} or {@link #SKIPPED}.
     */
    int poll(StringBuilder into) {
        while (true) {
            long pos = head.get();
            int i = slot(pos);
            long lag = sequence.get(i) - (pos + 1);
            if (lag < 0) {
                return EMPTY; // empty, or the oldest message is still being written
            }
            if (lag == 0 && head.compareAndSet(pos, pos + 1)) {
                into.setLength(0);
                into.append(text[i]);
                int kind = stream[i];
                sequence.set(i, pos + capacity);
                return kind;
            }
        }
    }

    /** @return messages dropped so far: discarded oldest ones plus ones lost to contention. */
    long dropped() {
        return dropped.get();
    }

    /** @return published messages waiting (approximate while producers run). */
    int size() {
        return (int) Math.max(0, Math.min(capacity, tail.get() - head.get()));
    }

    /** @return the number of messages kept. */
    int capacity() {
        return capacity;
    }

    private void discardOldest() {
        long pos = head.get();
        int i = slot(pos);
        if (sequence.get(i) == pos + 1 && head.compareAndSet(pos, pos + 1)) {
            sequence.set(i, pos + capacity);
            dropped.incrementAndGet();
        }
    }

    private int slot(long pos) {
        return (int) (pos % capacity);
    }
}
