package org.cponode.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.cponode.Allocations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The publish path while no broker is reachable: it must never make its caller wait. No broker needed. */
@Timeout(60)
class FleetLinkOfflineTest {

    private static final int CALLS = 10_000;
    private static final int CAPACITY = 100;
    private static final FleetStatus STATUS = new FleetStatus(LearnerState.LEARNING, 0, false,
            List.of(new FleetStatus.Constraint("outside", 25)));
    private static final CostRate COST = new CostRate(1, List.of(new CostRate.Constraint("outside", 1, 25, 0.1)));

    /** A loopback port nobody listens on (taken, then released). */
    private static URI deadBroker() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("tcp://127.0.0.1:" + s.getLocalPort());
        }
    }

    private static FleetConfig config(URI broker) {
        return new FleetConfig(broker, "robot-001", "fleet", null, null, null, null, null, 2.0, CAPACITY,
                Duration.ofSeconds(5), 0, 100, Duration.ofSeconds(10), Duration.ofMillis(50), Duration.ofMillis(200));
    }

    @Test
    void tenThousandPublishesWhileTheBrokerIsDownAreFastAndDropTheOldest() throws Exception {
        // Monotonic time advancing one second per call, so the 2 Hz rate limit lets every sample through.
        AtomicLong fakeNanos = new AtomicLong();
        try (FleetLink link = new FleetLink(config(deadBroker()), new RecordingHandler(), STATUS,
                Clock.systemUTC(), () -> fakeNanos.addAndGet(1_000_000_000L))) {
            link.start();
            LoopHealth sample = new LoopHealth(0.05, 0.05, 0.06, 0, 0.001, 0.02);
            long first = 0;
            long worst = 0;
            long start = System.nanoTime();
            for (int i = 0; i < CALLS; i++) {
                long t0 = System.nanoTime();
                assertTrue(link.publishTelemetry(sample));
                long t = System.nanoTime() - t0;
                if (i == 0) {
                    first = t; // includes loading the serialization classes
                } else {
                    worst = Math.max(worst, t);
                }
            }
            long elapsed = System.nanoTime() - start;
            System.out.printf("offline publishTelemetry (cold JVM): %d calls in %.2f ms (%.0f ns/call; first %.0f us,"
                    + " worst of the rest %.0f us)%n", CALLS, elapsed / 1e6, (double) elapsed / CALLS, first / 1e3,
                    worst / 1e3);
            // Generous for a loaded 2-core CI machine; a blocking publish would take seconds per call.
            assertTrue(elapsed < 2_000_000_000L, "10,000 offline publishes took " + elapsed / 1e6 + " ms");
            assertFalse(link.isConnected());
            long deadline = System.currentTimeMillis() + 10_000;
            while (link.lastConnectionError() == null && System.currentTimeMillis() < deadline) {
                Thread.sleep(10); // the link thread's first attempt may not have failed yet
            }
            assertNotNull(link.lastConnectionError(), "the link tried the dead broker and reports why it failed");
            assertEquals(CALLS - CAPACITY, link.droppedTelemetry());
            assertEquals(CAPACITY, link.bufferedTelemetry());
            assertEquals(0, link.sentTelemetry());
        }
    }

    /**
     * Once warm a sample costs its message and the generator's small state: jackson-core recycles the generator's
     * 8000-byte output buffer, which would otherwise be allocated for every message.
     */
    @Test
    void publishingAllocatesAFewKilobytesAtMostOnceWarm() throws Exception {
        AtomicLong fakeNanos = new AtomicLong();
        try (FleetLink link = new FleetLink(config(deadBroker()), new RecordingHandler(), STATUS,
                Clock.systemUTC(), () -> fakeNanos.addAndGet(1_000_000_000L))) {
            LearningStats sample = new LearningStats(12, 3, 10.123456789, List.of(
                    new LearningStats.Constraint("outside", 24.98765, 25.0),
                    new LearningStats.Constraint("speed", 0.4321, 0.5)), 0.00987, 3, true);
            for (int i = 0; i < 50_000; i++) { // warm up: JIT, and the recycled buffers
                link.publishTelemetry(sample);
            }
            long bound = CALLS * 4096L;
            long allocated = Allocations.fewest(3, bound, () -> {
                for (int i = 0; i < CALLS; i++) {
                    link.publishTelemetry(sample);
                }
            });
            assertTrue(allocated < bound, "publishTelemetry allocated " + allocated / CALLS + " bytes per call");
        }
    }

    @Test
    void theRateLimitRefusesSamplesPerStreamAndTelemetryDueSaysSo() throws Exception {
        AtomicLong nanos = new AtomicLong();
        try (FleetLink link = new FleetLink(config(deadBroker()), new RecordingHandler(), STATUS,
                Clock.systemUTC(), nanos::get)) {
            assertTrue(link.telemetryDue(TelemetryStream.COST));
            assertTrue(link.publishTelemetry(COST));
            nanos.set(499_000_000L); // 2 Hz: the next sample is due 500 ms later
            assertFalse(link.telemetryDue(TelemetryStream.COST));
            assertFalse(link.publishTelemetry(COST));
            assertTrue(link.telemetryDue(TelemetryStream.LOOP), "each stream has its own budget");
            nanos.set(500_000_000L);
            assertTrue(link.publishTelemetry(COST));
            assertEquals(1, link.rateLimitedTelemetry());
            assertEquals(2, link.bufferedTelemetry());
        }
    }

    @Test
    void aClosedLinkRefusesTelemetryAndEventsAreBounded() throws Exception {
        FleetLink link = new FleetLink(config(deadBroker()), new RecordingHandler(), STATUS);
        for (int i = 0; i < FleetLink.EVENT_BUFFER + 10; i++) {
            link.publishEvent("fault", "sensor timeout", Map.of("sensor", "scan", "age_s", 0.7, "count", i));
        }
        assertEquals(10, link.droppedEvents());
        link.close();
        assertFalse(link.publishTelemetry(COST));
    }
}
