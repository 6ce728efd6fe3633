package org.cponode.queue;

import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded FIFO whose producers never wait: when it is full the oldest entry is dropped and counted, so while
 * the consumer cannot keep up (a broker unreachable, a DDS write blocked) the newest entries are kept. Each
 * operation holds the deque's lock for a few pointer updates at most. Thread-safe.
 *
 * @param <T> the entry type.
 */
public final class DropOldestQueue<T> {

    private final LinkedBlockingDeque<T> entries;
    private final AtomicLong dropped = new AtomicLong();

    /** @param capacity entries kept, ≥ 1. */
    public DropOldestQueue(int capacity) {
        this.entries = new LinkedBlockingDeque<>(capacity);
    }

    /** Appends {@code entry}, dropping the oldest entries while there is no room. */
    public void add(T entry) {
        while (!entries.offerLast(entry)) {
            if (entries.pollFirst() != null) {
                dropped.incrementAndGet();
            }
        }
    }

    /** @return the oldest entry, removed, or null if there is none. */
    public T poll() {
        return entries.pollFirst();
    }

    /**
     * The oldest entry, removed, waiting up to {@code timeout} for one (for a consumer thread that has nothing
     * else to do).
     *
     * @return the entry, or null if none came in time
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public T poll(long timeout, TimeUnit unit) throws InterruptedException {
        return entries.pollFirst(timeout, unit);
    }

    /** Puts a polled entry back at the head (it could not be sent), or drops it if newer ones took the room. */
    public void putBack(T entry) {
        if (!entries.offerFirst(entry)) {
            dropped.incrementAndGet();
        }
    }

    /** Counts an entry lost after it left the queue (the connection dropped while sending it). */
    public void countDropped() {
        dropped.incrementAndGet();
    }

    /** @return entries dropped so far. */
    public long dropped() {
        return dropped.get();
    }

    /** @return entries waiting. */
    public int size() {
        return entries.size();
    }
}
