package org.cponode.fleet;

import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded FIFO whose producers never wait: when it is full the oldest entry is dropped and counted, so while
 * the broker is unreachable the newest entries are kept. Each operation holds the deque's lock for a few
 * pointer updates at most. Thread-safe.
 *
 * @param <T> the entry type.
 */
final class DropOldestQueue<T> {

    private final LinkedBlockingDeque<T> entries;
    private final AtomicLong dropped = new AtomicLong();

    /** @param capacity entries kept, ≥ 1. */
    DropOldestQueue(int capacity) {
        this.entries = new LinkedBlockingDeque<>(capacity);
    }

    /** Appends {@code entry}, dropping the oldest entries while there is no room. */
    void add(T entry) {
        while (!entries.offerLast(entry)) {
            if (entries.pollFirst() != null) {
                dropped.incrementAndGet();
            }
        }
    }

    /** @return the oldest entry, removed, or null if there is none. */
    T poll() {
        return entries.pollFirst();
    }

    /** Puts a polled entry back at the head (it could not be sent), or drops it if newer ones took the room. */
    void putBack(T entry) {
        if (!entries.offerFirst(entry)) {
            dropped.incrementAndGet();
        }
    }

    /** Counts an entry lost after it left the queue (the connection dropped while sending it). */
    void countDropped() {
        dropped.incrementAndGet();
    }

    /** @return entries dropped so far. */
    long dropped() {
        return dropped.get();
    }

    /** @return entries waiting. */
    int size() {
        return entries.size();
    }
}
