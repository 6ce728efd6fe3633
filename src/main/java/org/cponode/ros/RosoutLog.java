package org.cponode.ros;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.cponode.queue.DropOldestQueue;
import org.cponode.ros.msg.Log;
import org.cponode.ros.msg.Time;

/**
 * A node's log on {@code /rosout}, as rcl's rosout logging publishes it: every record that reaches the
 * java.util.logging logger this handler is attached to (the node's loggers' parent, so their levels decide) becomes
 * an rcl_interfaces/msg/Log with the record's time, its {@link LogSeverity}, the node's logger name
 * ({@link TopicNames#loggerName()}), the message (with the stack trace of a thrown exception, as the console shows
 * it), and the source file ({@code org/cponode/node/RobotNode.java}), method and line of the logging call. QoS is
 * {@link QosProfile#ROSOUT}, so rqt_console, Foxglove and {@code ros2 bag record} joining late get the last 10 s.
 *
 * <p>A log call never waits for DDS: the calling thread formats the record, finds its caller (a stack walk) and puts
 * it into a bounded {@link DropOldestQueue} of {@value #QUEUE_CAPACITY} records (rcl's history depth), and one
 * daemon thread, {@code rosout-<node>}, writes them; a reliable write can block up to 100 ms while a reader lags.
 * When the queue is full the oldest record is dropped; dropped records and failed writes are counted and logged,
 * one line when the queue has emptied or at most every 5 s while it has not.
 * Records logged on the writing thread while it writes (Cyclone reporting on a write) are not queued, so the log
 * cannot feed itself.
 *
 * <p>Two steps, so that the lines logged while the node's participant is made (the SROS 2 line) are published too:
 * {@link #collect} attaches the handler and starts queueing, {@link #publishOn} creates the publisher and the thread;
 * the node then closes this log before its participant. Thread-safe.
 */
public final class RosoutLog extends Handler implements AutoCloseable {

    /** Records queued while the writing thread is behind: rcl's history depth of /rosout. */
    public static final int QUEUE_CAPACITY = 1000;
    /** The ROS topic. */
    public static final String TOPIC = "/rosout";

    private static final System.Logger LOG = System.getLogger("org.cponode.ros");
    private static final StackWalker STACK = StackWalker.getInstance();
    private static final long POLL_MILLIS = 200;
    private static final long REPORT_INTERVAL_NANOS = 5_000_000_000L;
    /** How long closing still writes the queued records before it drops the rest. */
    private static final long CLOSE_DRAIN_NANOS = 1_000_000_000L;

    private final Logger logger;
    private final String name;
    private final int capacity;
    private final DropOldestQueue<Log> queue;
    /** Formats messages with their parameters, as the console does (only {@code formatMessage} is used). */
    private final SimpleFormatter text = new SimpleFormatter();
    private volatile Thread writer;
    /** True while the writing thread writes; read and written only by that thread. */
    private boolean writing;
    private volatile boolean closing;
    private volatile long closeDeadline;

    private RosoutLog(Logger logger, String name, int capacity) {
        this.logger = logger;
        this.name = Objects.requireNonNull(name, "name");
        this.capacity = capacity;
        this.queue = new DropOldestQueue<>(capacity);
    }

    /**
     * Attaches a log to {@code logger} that queues, under the node's logger {@code name}, every record reaching it,
     * until {@link #publishOn} publishes them.
     */
    public static RosoutLog collect(Logger logger, String name) {
        return collect(logger, name, QUEUE_CAPACITY);
    }

    static RosoutLog collect(Logger logger, String name, int capacity) {
        RosoutLog log = new RosoutLog(logger, name, capacity);
        logger.addHandler(log);
        return log;
    }

    /**
     * Creates the {@value #TOPIC} publisher on {@code node} and starts writing the queued records; the node closes
     * this log when it closes, before its participant.
     *
     * @throws RosSecurityException if the node's SROS 2 permissions do not allow publishing {@code rt/rosout} (the
     *     log keeps collecting: close it)
     * @throws IllegalStateException if this log is closed or already publishing
     */
    public synchronized void publishOn(RosNode node) {
        checkIdle();
        Publisher<Log> publisher = node.publisher(TOPIC, Log.TYPE, QosProfile.ROSOUT);
        node.closeFirst(this);
        start(publisher::publish, "rosout-" + node.names().node());
    }

    /** Starts the thread that hands the queued records to {@code write} (a DDS write, or a test's sink). */
    synchronized void start(Consumer<Log> write, String threadName) {
        checkIdle();
        Thread t = Thread.ofPlatform().daemon().name(threadName).unstarted(() -> drain(write));
        writer = t;
        t.start();
    }

    private void checkIdle() {
        if (closing || writer != null) {
            throw new IllegalStateException("the /rosout log of " + name + " is "
                    + (closing ? "closed" : "publishing"));
        }
    }

    /** Records dropped because the queue was full, or lost because their write failed. */
    long droppedCount() {
        return queue.dropped();
    }

    @Override
    public void publish(LogRecord record) {
        if (record == null || closing || (Thread.currentThread() == writer && writing) || !isLoggable(record)) {
            return;
        }
        try {
            queue.add(entry(record));
        } catch (RuntimeException e) {
            reportError("record not queued for " + TOPIC, e, ErrorManager.FORMAT_FAILURE);
        }
    }

    /** The record as a Log message, made on the logging thread (its caller is on this thread's stack). */
    private Log entry(LogRecord record) {
        Instant at = record.getInstant();
        String message = text.formatMessage(record);
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            message = message + System.lineSeparator() + trace;
        }
        StackWalker.StackFrame caller = caller();
        String file = "";
        String function = "";
        int line = 0;
        if (caller != null) {
            String className = caller.getClassName();
            int dot = className.lastIndexOf('.');
            String directory = dot < 0 ? "" : className.substring(0, dot + 1).replace('.', '/');
            file = caller.getFileName() == null ? "" : directory + caller.getFileName();
            function = caller.getMethodName();
            line = Math.max(0, caller.getLineNumber());
        }
        return new Log(new Time((int) at.getEpochSecond(), at.getNano()), LogSeverity.of(record.getLevel()).wire(),
                name, carriable(message), carriable(file), carriable(function), line);
    }

    /** The frame that called the logger: the first frame below the logging frames that called this handler. */
    private static StackWalker.StackFrame caller() {
        return STACK.walk(frames -> frames.dropWhile(f -> !isLogging(f.getClassName()))
                .dropWhile(f -> isLogging(f.getClassName())).findFirst().orElse(null));
    }

    private static boolean isLogging(String className) {
        return className.startsWith("java.util.logging.") || className.startsWith("sun.util.logging.")
                || className.startsWith("jdk.internal.logger.") || className.equals("java.lang.System$Logger");
    }

    /**
     * {@code s} with NUL and unpaired surrogates, which a ROS string cannot carry, replaced by U+FFFD, so that the
     * write does not refuse the record; {@code s} itself when it has none.
     */
    static String carriable(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1));
            boolean bad = c == 0 || (Character.isSurrogate(c) && !pair);
            if (bad && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (out != null) {
                out.append(bad ? '\uFFFD' : c);
                if (pair) {
                    out.append(s.charAt(i + 1));
                }
            }
            if (pair) {
                i++;
            }
        }
        return out == null ? s : out.toString();
    }

    /** The writing thread: writes the records in order until the log closes, and reports what it dropped. */
    private void drain(Consumer<Log> write) {
        long reported = 0;
        long lastReport = System.nanoTime();
        while (true) {
            Log entry;
            try {
                entry = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (entry == null) {
                reported = reportDrops(reported);
                lastReport = System.nanoTime();
                if (closing) {
                    return;
                }
                continue;
            }
            if (closing && System.nanoTime() - closeDeadline > 0) {
                queue.countDropped();
                while (queue.poll() != null) {
                    queue.countDropped();
                }
                reportDrops(reported);
                return;
            }
            writing = true;
            try {
                write.accept(entry);
            } catch (RuntimeException e) {
                queue.countDropped();
            } finally {
                writing = false;
            }
            if (System.nanoTime() - lastReport >= REPORT_INTERVAL_NANOS) {
                reported = reportDrops(reported);
                lastReport = System.nanoTime();
            }
        }
    }

    /** Logs the records dropped since {@code reported} were, if any; returns the total. */
    private long reportDrops(long reported) {
        long dropped = queue.dropped();
        if (dropped > reported) {
            LOG.log(System.Logger.Level.WARNING, TOPIC + ": " + (dropped - reported) + " log records not published (the"
                    + " queue of " + capacity + " was full or a write failed), " + dropped + " in all");
        }
        return dropped;
    }

    @Override
    public void flush() {
        // records are written as soon as the writing thread gets to them; there is nothing to push
    }

    /**
     * Detaches from the logger, writes the records still queued (for at most 1 s; the rest are dropped) and stops
     * the writing thread. Idempotent; java.util.logging closes every handler at JVM exit too.
     */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            if (closing) {
                return;
            }
            logger.removeHandler(this);
            closeDeadline = System.nanoTime() + CLOSE_DRAIN_NANOS;
            closing = true;
            t = writer;
        }
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        try {
            t.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            LOG.log(System.Logger.Level.ERROR, "{0}: the writing thread did not stop", TOPIC);
        }
    }
}
