package org.cponode.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The bounded drop-oldest queue that holds the fleet link's telemetry and events and the node's /rosout records. */
@Timeout(60)
class DropOldestQueueTest {

    private record Entry(int producer, long n) {}

    @Test
    void keepsTheNewestInOrderAndCountsTheDropped() {
        DropOldestQueue<Entry> queue = new DropOldestQueue<>(100);
        for (int n = 0; n < 10_000; n++) {
            queue.add(new Entry(0, n));
        }
        assertEquals(9_900, queue.dropped());
        assertEquals(100, queue.size());
        for (int n = 9_900; n < 10_000; n++) {
            assertEquals(new Entry(0, n), queue.poll());
        }
        assertNull(queue.poll());
    }

    @Test
    void theSmallestQueueKeepsTheNewestTwo() {
        DropOldestQueue<Entry> queue = new DropOldestQueue<>(2);
        for (int n = 0; n < 5; n++) {
            queue.add(new Entry(0, n));
        }
        assertEquals(new Entry(0, 3), queue.poll());
        assertEquals(new Entry(0, 4), queue.poll());
        assertNull(queue.poll());
        assertEquals(3, queue.dropped());
    }

    @Test
    void aWaitingPollTakesTheOldestOrGivesNullWhenNoneComes() throws InterruptedException {
        DropOldestQueue<Entry> queue = new DropOldestQueue<>(2);
        queue.add(new Entry(0, 1));
        queue.add(new Entry(0, 2));
        assertEquals(new Entry(0, 1), queue.poll(1, TimeUnit.SECONDS));
        assertEquals(new Entry(0, 2), queue.poll(1, TimeUnit.SECONDS));
        assertNull(queue.poll(1, TimeUnit.MILLISECONDS));
    }

    @Test
    void anEntryPutBackIsNextUnlessNewerOnesTookItsRoom() {
        DropOldestQueue<Entry> queue = new DropOldestQueue<>(2);
        queue.add(new Entry(0, 1));
        queue.add(new Entry(0, 2));
        Entry first = queue.poll();
        queue.putBack(first);
        assertEquals(0, queue.dropped());
        assertEquals(first, queue.poll(), "put back at the head");
        queue.add(new Entry(0, 3));
        queue.putBack(first);
        assertEquals(1, queue.dropped(), "the newer two keep their room");
        assertEquals(new Entry(0, 2), queue.poll());
        queue.countDropped();
        assertEquals(2, queue.dropped());
    }

    /**
     * Three producers race a consumer through a small queue: each producer's entries come out in order, and
     * received + dropped = sent.
     */
    @Test
    void concurrentProducersNeverLoseTrackOfEntries() throws Exception {
        int producers = 3;
        int perProducer = 20_000;
        DropOldestQueue<Entry> queue = new DropOldestQueue<>(64);
        CountDownLatch go = new CountDownLatch(1);
        AtomicBoolean producing = new AtomicBoolean(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int id = p;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    for (int n = 0; n < perProducer; n++) {
                        queue.add(new Entry(id, n));
                    }
                } catch (InterruptedException e) {
                    failure.set(e);
                }
            });
            threads.add(t);
            t.start();
        }
        Thread watcher = new Thread(() -> {
            for (Thread t : threads) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    failure.set(e);
                }
            }
            producing.set(false);
        });
        long[] lastSeen = {-1, -1, -1};
        long received = 0;
        go.countDown();
        watcher.start();
        while (true) {
            boolean stillProducing = producing.get();
            Entry e = queue.poll();
            if (e == null) {
                if (!stillProducing) {
                    break;
                }
                Thread.onSpinWait();
                continue;
            }
            assertTrue(e.n() > lastSeen[e.producer()], "producer " + e.producer() + " out of order: " + e.n()
                    + " after " + lastSeen[e.producer()]);
            lastSeen[e.producer()] = e.n();
            received++;
        }
        watcher.join();
        assertNull(failure.get());
        assertEquals((long) producers * perProducer, received + queue.dropped(), "received " + received);
        assertTrue(received >= 64, "at least the final queue's worth arrives, got " + received);
    }
}
