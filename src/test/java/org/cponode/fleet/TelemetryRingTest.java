package org.cponode.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The lock-free drop-oldest telemetry buffer. */
@Timeout(60)
class TelemetryRingTest {

    private static void offer(TelemetryRing ring, long producer, long n) {
        long pos = ring.claim();
        if (pos >= 0) {
            ring.writer(pos, TelemetryStream.LOOP).beginObject().name("p").value(producer).name("n").value(n).endObject();
            ring.publish(pos);
        }
    }

    @Test
    void keepsTheNewestInOrderAndCountsTheDropped() throws Exception {
        TelemetryRing ring = new TelemetryRing(100, 16);
        for (int n = 0; n < 10_000; n++) {
            offer(ring, 0, n);
        }
        assertEquals(9_900, ring.dropped());
        assertEquals(100, ring.size());
        StringBuilder text = new StringBuilder();
        for (int n = 9_900; n < 10_000; n++) {
            assertEquals(TelemetryStream.LOOP.ordinal(), ring.poll(text));
            assertEquals("{\"p\":0,\"n\":" + n + "}", text.toString());
        }
        assertEquals(TelemetryRing.EMPTY, ring.poll(text));
    }

    @Test
    void theSmallestRingKeepsTheNewestTwo() {
        TelemetryRing ring = new TelemetryRing(2, 16);
        for (int n = 0; n < 5; n++) {
            offer(ring, 0, n);
        }
        StringBuilder text = new StringBuilder();
        assertEquals(TelemetryStream.LOOP.ordinal(), ring.poll(text));
        assertEquals("{\"p\":0,\"n\":3}", text.toString());
        assertEquals(TelemetryStream.LOOP.ordinal(), ring.poll(text));
        assertEquals("{\"p\":0,\"n\":4}", text.toString());
        assertEquals(TelemetryRing.EMPTY, ring.poll(text));
        assertEquals(3, ring.dropped());
    }

    @Test
    void aSkippedSlotIsReportedAndTheRingKeepsMoving() {
        TelemetryRing ring = new TelemetryRing(2, 16);
        long pos = ring.claim();
        ring.writer(pos, TelemetryStream.COST);
        ring.skip(pos);
        ring.publish(pos);
        offer(ring, 0, 1);
        StringBuilder text = new StringBuilder();
        assertEquals(TelemetryRing.SKIPPED, ring.poll(text));
        assertEquals(TelemetryStream.LOOP.ordinal(), ring.poll(text));
        assertEquals(TelemetryRing.EMPTY, ring.poll(text));
    }

    /**
     * Three producers race a consumer through a small ring: every message comes out whole, each producer's
     * messages in order, and received + dropped = sent.
     */
    @Test
    void concurrentProducersNeverCorruptOrLoseTrackOfMessages() throws Exception {
        int producers = 3;
        int perProducer = 20_000;
        TelemetryRing ring = new TelemetryRing(64, 16);
        CountDownLatch go = new CountDownLatch(1);
        AtomicBoolean producing = new AtomicBoolean(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            long id = p;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    for (int n = 0; n < perProducer; n++) {
                        offer(ring, id, n);
                    }
                } catch (InterruptedException e) {
                    failure.set(e);
                }
            });
            threads.add(t);
            t.start();
        }
        long[] lastSeen = {-1, -1, -1};
        long received = 0;
        StringBuilder text = new StringBuilder();
        go.countDown();
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
        watcher.start();
        while (true) {
            boolean stillProducing = producing.get();
            int kind = ring.poll(text);
            if (kind == TelemetryRing.EMPTY) {
                if (!stillProducing) {
                    break;
                }
                Thread.onSpinWait();
                continue;
            }
            Map<String, Object> m = StrictJson.parseObject(text.toString().getBytes(StandardCharsets.UTF_8));
            int p = (int) (long) (Long) m.get("p");
            long n = (Long) m.get("n");
            assertTrue(n > lastSeen[p], "producer " + p + " out of order: " + n + " after " + lastSeen[p]);
            lastSeen[p] = n;
            received++;
        }
        watcher.join();
        assertEquals(null, failure.get());
        assertEquals((long) producers * perProducer, received + ring.dropped(), "received " + received);
        assertTrue(received >= ring.capacity(), "at least the final ring's worth arrives, got " + received);
    }
}
