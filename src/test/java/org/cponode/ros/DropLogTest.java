package org.cponode.ros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.cponode.Allocations;
import org.junit.jupiter.api.Test;

/** The first event of a slot is logged at once, repeats once per interval with their count and the first of them. */
class DropLogTest {

    /** The lines a logger was given, as "LEVEL text". */
    static final class Lines implements System.Logger {
        final List<String> lines = new CopyOnWriteArrayList<>();
        final List<Throwable> thrown = new CopyOnWriteArrayList<>();

        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(level + " " + msg);
            if (thrown != null) {
                this.thrown.add(thrown);
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(level + " " + format);
        }
    }

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(100 * SECOND);
    private final Lines lines = new Lines();
    private final DropLog log = new DropLog(lines, "topic /odom", "dropped a nav_msgs/msg/Odometry sample",
            "samples dropped", 1, 2, now::get);

    DropLogTest() {
        log.describe(0, "for invalid UTF-8", System.Logger.Level.WARNING, false);
        log.describe(1, "for a callback that threw", System.Logger.Level.ERROR, true);
    }

    @Test
    void firstAtOnceRepeatsOncePerIntervalThenAtOnceAgainAfterAQuietInterval() {
        log.record(0, "bad byte 1");
        assertEquals(List.of("WARNING topic /odom: dropped a nav_msgs/msg/Odometry sample for invalid UTF-8: bad byte 1"
                + " (repeats are counted and summarised every 5 s)"), lines.lines);
        for (int i = 2; i <= 12_346; i++) {
            log.record(0, "bad byte " + i);
        }
        now.addAndGet(4 * SECOND);
        log.log(false);
        assertEquals(1, lines.lines.size(), "nothing is due before the interval");
        now.addAndGet(SECOND);
        log.log(false);
        assertEquals("WARNING topic /odom: samples dropped for invalid UTF-8 in the last 5 s: 12,345 more (the first:"
                + " bad byte 2); 12,346 in all", lines.lines.get(1));
        log.record(0, "bad byte again");
        now.addAndGet(5 * SECOND);
        log.log(false);
        assertEquals("WARNING topic /odom: samples dropped for invalid UTF-8 in the last 5 s: 1 more (the first:"
                + " bad byte again); 12,347 in all", lines.lines.get(2));
        now.addAndGet(5 * SECOND);
        log.log(false);
        assertEquals(3, lines.lines.size(), "a quiet interval logs nothing");
        log.record(0, "after the quiet interval");
        assertEquals(4, lines.lines.size(), "and the next event is logged at once");
        assertTrue(lines.lines.get(3).endsWith("for invalid UTF-8: after the quiet interval (repeats are counted and"
                + " summarised every 5 s)"), lines.lines.get(3));
        assertEquals(12_348, log.total(0));
        assertEquals(0, log.total(1));
    }

    @Test
    void aBurstIsLoggedAtOnceTheRestCounted() {
        DropLog cyclone = new DropLog(lines, "Cyclone DDS", "", "messages", 3, 1, now::get);
        cyclone.describe(0, "from q_config.c:100", System.Logger.Level.ERROR, false);
        for (int i = 1; i <= 10; i++) {
            cyclone.record(0, "config error " + i);
        }
        now.addAndGet(5 * SECOND);
        cyclone.log(false);
        assertEquals(List.of("ERROR Cyclone DDS: config error 1", "ERROR Cyclone DDS: config error 2",
                "ERROR Cyclone DDS: config error 3 (repeats are counted and summarised every 5 s)",
                "ERROR Cyclone DDS: messages from q_config.c:100 in the last 5 s: 7 more (the first: config error 4);"
                        + " 10 in all"), lines.lines);
    }

    @Test
    void throwablesGiveTheirMessageOrWithStackTracesTheirClassAndTrace() {
        log.record(0, new IllegalArgumentException("invalid UTF-8 at byte 4"));
        log.record(1, new IllegalStateException("callback bug"));
        log.record(1, new IllegalStateException("callback bug 2"));
        log.log(true);
        assertEquals(List.of(
                "WARNING topic /odom: dropped a nav_msgs/msg/Odometry sample for invalid UTF-8: invalid UTF-8 at byte 4"
                        + " (repeats are counted and summarised every 5 s)",
                "ERROR topic /odom: dropped a nav_msgs/msg/Odometry sample for a callback that threw:"
                        + " java.lang.IllegalStateException: callback bug (repeats are counted and summarised every"
                        + " 5 s)",
                "ERROR topic /odom: samples dropped for a callback that threw in the last 1 s: 1 more (the first:"
                        + " java.lang.IllegalStateException: callback bug 2); 2 in all"), lines.lines);
        assertEquals(1, lines.thrown.size(), "the first callback failure's stack trace only");
    }

    @Test
    void countingFromManyThreadsIsExactAndAllocatesNothing() throws Exception {
        Object detail = new Object();
        log.record(0, detail);
        for (int i = 0; i < 100_000; i++) { // warm up
            log.record(0, detail);
        }
        long allocated = Allocations.fewest(3, 64, () -> {
            for (int i = 0; i < 100_000; i++) {
                log.record(0, detail);
            }
        });
        assertTrue(allocated < 64, "counting allocated " + allocated + " bytes");
        long before = log.total(0);
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 50_000; i++) {
                    log.record(0, detail);
                }
            });
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(before + 200_000, log.total(0));
        assertEquals(1, lines.lines.size(), "still only the first line");
    }
}
