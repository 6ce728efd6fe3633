package org.cponode.ros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.cponode.ros.msg.Log;
import org.cponode.ros.msg.Time;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The path of a log record to {@code /rosout} without DDS: what the calling thread puts in the queue (fields, the
 * caller's file, method and line), and the queue between it and the writing thread (a stuck write never blocks a
 * log call; the oldest records are dropped and counted, and the count is itself logged).
 */
@Timeout(60)
class RosoutLogTest {

    private static final String FILE = "org/cponode/ros/RosoutLogTest.java";

    /** A logger of its own, whose records stay off the console. */
    private static Logger quietLogger(String name) {
        Logger logger = Logger.getLogger("org.cponode.ros.test." + name);
        logger.setUseParentHandlers(false);
        return logger;
    }

    private static int nextLine() {
        return StackWalker.getInstance().walk(s -> s.skip(1).findFirst()).orElseThrow().getLineNumber() + 1;
    }

    private static Log take(BlockingQueue<Log> written) throws InterruptedException {
        Log m = written.poll(30, TimeUnit.SECONDS);
        assertTrue(m != null, "no record written");
        return m;
    }

    @Test
    void aRecordCarriesItsTimeLevelNameMessageAndCaller() throws Exception {
        Logger logger = quietLogger("fields");
        BlockingQueue<Log> written = new LinkedBlockingQueue<>();
        try (RosoutLog rosout = RosoutLog.collect(logger, "robot1.cpo_node")) {
            rosout.start(written::add, "rosout-test");

            int line = nextLine();
            logger.log(Level.WARNING, "speed {0} over {1}", new Object[] {"0.3", "0.22"});
            Log warn = take(written);
            assertEquals("robot1.cpo_node", warn.name());
            assertEquals(30, warn.level());
            assertEquals("speed 0.3 over 0.22", warn.msg());
            assertEquals(FILE, warn.file());
            assertEquals("aRecordCarriesItsTimeLevelNameMessageAndCaller", warn.function());
            assertEquals(line, warn.line());

            // through System.Logger, as the node's code logs: the caller is found below its bridge
            System.Logger system = System.getLogger(logger.getName());
            line = nextLine();
            system.log(System.Logger.Level.ERROR, "odometry stale", new IllegalStateException("no odom for 0.6 s"));
            Log error = take(written);
            assertEquals(40, error.level());
            assertTrue(error.msg().startsWith("odometry stale" + System.lineSeparator()
                    + "java.lang.IllegalStateException: no odom for 0.6 s"), error.msg());
            assertTrue(error.msg().contains("at org.cponode.ros.RosoutLogTest."),
                    "the stack trace, as the console shows it");
            assertEquals(FILE, error.file());
            assertEquals(line, error.line());

            LogRecord stamped = new LogRecord(Level.FINE, "debug line");
            stamped.setInstant(Instant.ofEpochSecond(1_796_000_000L, 123_456_789));
            logger.setLevel(Level.FINE);
            logger.log(stamped);
            Log debug = take(written);
            assertEquals(new Time(1_796_000_000, 123_456_789), debug.stamp());
            assertEquals(10, debug.level());

            logger.setLevel(Level.INFO);
            logger.log(Level.FINE, "below the logger's level");
            logger.log(Level.INFO, "at the level");
            assertEquals("at the level", take(written).msg(), "the logger's level decides what is published");
        }
        assertEquals(0, logger.getHandlers().length, "closing detaches the log");
    }

    @Test
    void aStuckWriteDropsTheOldestRecordsCountsThemAndSaysSo() throws Exception {
        // the log hangs on org.cponode.ros, the logger its own drop report goes to (in the node it hangs on the
        // parent, org.cponode)
        Logger logger = Logger.getLogger("org.cponode.ros");
        Logger source = quietLogger("overflow");
        source.setUseParentHandlers(true);
        boolean consoleWas = logger.getUseParentHandlers();
        logger.setUseParentHandlers(false);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        BlockingQueue<Log> written = new LinkedBlockingQueue<>();
        try (RosoutLog rosout = RosoutLog.collect(logger, "cpo_node", 8)) {
            rosout.start(m -> {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                written.add(m);
            }, "rosout-test");
            source.info("record 0");
            entered.await();
            for (int i = 1; i <= 20; i++) {
                source.info("record " + i); // returns although the writer is stuck
            }
            assertEquals(12, rosout.droppedCount(), "20 records for 8 places: the 12 oldest dropped");
            release.countDown();
            // the drop report follows the last record, or comes earlier if the writing thread ran 5 s before release
            List<String> records = new ArrayList<>();
            List<Log> reports = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Log m = take(written);
                if (m.file().equals(FILE)) {
                    records.add(m.msg());
                } else {
                    reports.add(m);
                }
            }
            assertEquals(List.of("record 0", "record 13", "record 14", "record 15", "record 16", "record 17",
                    "record 18", "record 19", "record 20"), records, "the one being written, then the newest 8");
            assertEquals(1, reports.size(), reports.toString());
            Log report = reports.getFirst();
            assertEquals(30, report.level());
            assertEquals("/rosout: 12 log records not published (the queue of 8 was full or a write failed), 12 in all",
                    report.msg());
            assertEquals("org/cponode/ros/RosoutLog.java", report.file());
            assertEquals("reportDrops", report.function());
        } finally {
            logger.setUseParentHandlers(consoleWas);
        }
        source.info("after close");
        assertNull(written.poll(), "a closed log publishes nothing");
    }

    @Test
    void aFailedWriteCountsAsDroppedAndTheNextRecordStillGoesOut() throws Exception {
        Logger logger = quietLogger("failure");
        BlockingQueue<Log> written = new LinkedBlockingQueue<>();
        try (RosoutLog rosout = RosoutLog.collect(logger, "cpo_node")) {
            rosout.start(m -> {
                if (m.msg().equals("refused")) {
                    throw new IllegalArgumentException("the write refused it");
                }
                written.add(m);
            }, "rosout-test");
            logger.info("refused");
            logger.info("next");
            assertEquals("next", take(written).msg());
            assertEquals(1, rosout.droppedCount());
        }
    }

    @Test
    void aLogPublishesOnceAndNotAfterClosing() {
        Logger logger = quietLogger("lifecycle");
        RosoutLog rosout = RosoutLog.collect(logger, "cpo_node");
        rosout.start(m -> { }, "rosout-test");
        assertEquals("the /rosout log of cpo_node is publishing",
                assertThrows(IllegalStateException.class, () -> rosout.start(m -> { }, "again")).getMessage());
        rosout.close();
        rosout.close();
        assertEquals("the /rosout log of cpo_node is closed",
                assertThrows(IllegalStateException.class, () -> rosout.start(m -> { }, "again")).getMessage());
    }

    @Test
    void charactersARosStringCannotCarryAreReplaced() {
        String clean = "grüße \uD83D\uDE80";
        assertSame(clean, RosoutLog.carriable(clean));
        assertEquals("a\uFFFDb", RosoutLog.carriable("a\u0000b"));
        assertEquals("\uFFFDx\uD83D\uDE80\uFFFD", RosoutLog.carriable("\uDE80x\uD83D\uDE80\uD83D"));
        for (String s : List.of("a\u0000b", "\uD83D", "x\uDE80y")) {
            assertFalse(RosoutLog.carriable(s).chars().anyMatch(c -> c == 0 || Character.isSurrogate((char) c)), s);
        }
    }
}
