package org.cponode.ros;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.cponode.ros.dds.CycloneLog;

/**
 * Cyclone's log through a {@link DropLog}, with its deserialisation failures counted per DDS topic. Left to itself,
 * libddsc writes a warning to stderr for every received sample it cannot deserialise (about 190 bytes: a peer
 * sending such samples adds tens of MB of log in seconds), and that warning is the only report of the drop. Each of
 * Cyclone's source lines is a slot of the log: its first {@value #BURST} messages are logged at once, the rest once per
 * interval.
 * A fatal message is always logged at once (Cyclone aborts after it).
 *
 * <p>Process-wide, like Cyclone's sink: {@link RosNode} routes the log here when it creates a node. Runs on
 * Cyclone's threads under one lock; a message costs a copy of its text into a fixed buffer and a few comparisons,
 * and allocates nothing unless it is logged. Memory is fixed: {@value #SOURCES} slots (source lines beyond them share
 * the last) and {@value #TOPICS} topics (further ones are not counted).
 */
final class CycloneMessages implements CycloneLog.Sink {


    /**
     * Messages of one source line logged at once: its distinct messages, such as the errors in a configuration, are
     * usually a few, and then all show.
     */
    static final int BURST = 5;
    static final int SOURCES = 32;
    static final int TOPICS = 256;
    /** Longest message text examined and kept; Cyclone's own buffer holds 2 KiB. */
    private static final int MAX_TEXT = 1024;
    /** In q_receive.c's warning "...: deserialization {topic}/{type} failed (...)". */
    private static final byte[] DESERIALIZATION = " deserialization ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FAILED = " failed".getBytes(StandardCharsets.US_ASCII);
    private static final System.Logger LOG = System.getLogger("org.cponode.ros.dds");
    /** After the constants it uses. */
    static final CycloneMessages INSTANCE = new CycloneMessages();

    private final DropLog log = new DropLog(LOG, "Cyclone DDS", "", "messages", BURST, SOURCES, System::nanoTime);
    private final long[] files = new long[SOURCES];
    private final int[] lines = new int[SOURCES];
    private int sources;
    private final byte[][] topics = new byte[TOPICS][];
    private final long[] undeserialisable = new long[TOPICS];
    private int topicCount;
    private final byte[] text = new byte[MAX_TEXT];
    private int length;
    /** The message being handled, formatted only when the log needs it (during {@link #message}). */
    private final Object current = new Object() {
        @Override
        public String toString() {
            return new String(text, 0, length, StandardCharsets.UTF_8);
        }
    };

    private CycloneMessages() {
        log.describe(SOURCES - 1, "from other source lines", System.Logger.Level.WARNING, false);
    }

    /** Routes Cyclone's log here (idempotent). */
    static void install() {
        CycloneLog.route(INSTANCE);
    }

    /** Counts the deserialisation failures of DDS topic {@code ddsTopic} from now on. */
    synchronized void watch(String ddsTopic) {
        byte[] name = ddsTopic.getBytes(StandardCharsets.UTF_8);
        if (indexOf(name, 0, name.length) < 0 && topicCount < TOPICS) {
            topics[topicCount++] = name;
        }
    }

    /** Samples of DDS topic {@code ddsTopic} Cyclone could not deserialise since {@link #watch}. */
    synchronized long undeserialisable(String ddsTopic) {
        byte[] name = ddsTopic.getBytes(StandardCharsets.UTF_8);
        int i = indexOf(name, 0, name.length);
        return i < 0 ? 0 : undeserialisable[i];
    }

    /** Logs the summaries that are due, or with {@code all} every one not yet logged (see {@link DropLog}). */
    void logDrops(boolean all) {
        log.log(all);
    }

    @Override
    public synchronized void message(int priority, long file, int line, MemorySegment message) {
        length = (int) Math.min(message.byteSize(), MAX_TEXT);
        MemorySegment.copy(message, JAVA_BYTE, 0, text, 0, length);
        if ((priority & CycloneLog.FATAL) != 0) {
            LOG.log(System.Logger.Level.ERROR, "Cyclone DDS: " + current);
            return;
        }
        countDeserialisationFailure();
        log.record(slot(priority, file, line), current);
    }

    /** The slot of a source line, given one on first sight. */
    private int slot(int priority, long file, int line) {
        for (int i = 0; i < sources; i++) {
            if (files[i] == file && lines[i] == line) {
                return i;
            }
        }
        if (sources == SOURCES - 1) {
            return SOURCES - 1;
        }
        files[sources] = file;
        lines[sources] = line;
        System.Logger.Level level = (priority & CycloneLog.ERROR) != 0 ? System.Logger.Level.ERROR
                : (priority & CycloneLog.WARNING) != 0 ? System.Logger.Level.WARNING : System.Logger.Level.INFO;
        log.describe(sources, "from " + CycloneLog.sourceFile(file) + ":" + line, level, false);
        return sources++;
    }

    /** If the text is "... deserialization {topic}/{type} failed ..." for a watched topic, counts it. */
    private void countDeserialisationFailure() {
        int start = find(DESERIALIZATION, 0);
        if (start < 0) {
            return;
        }
        start += DESERIALIZATION.length;
        int end = find(FAILED, start);
        int slash = end - 1;
        while (slash >= start && text[slash] != '/') {
            slash--;
        }
        if (end >= 0 && slash >= start) {
            int i = indexOf(text, start, slash);
            if (i >= 0) {
                undeserialisable[i]++;
            }
        }
    }

    /** Index of {@code part} in {@code text[from, length)}, or -1. */
    private int find(byte[] part, int from) {
        for (int i = from; i + part.length <= length; i++) {
            if (Arrays.equals(text, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }

    /** The watched topic whose name is {@code bytes[from, to)}, or -1. */
    private int indexOf(byte[] bytes, int from, int to) {
        for (int i = 0; i < topicCount; i++) {
            if (Arrays.equals(topics[i], 0, topics[i].length, bytes, from, to)) {
                return i;
            }
        }
        return -1;
    }
}
