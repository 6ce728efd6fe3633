package org.cponode.ros;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Counts repeated events and logs them without flooding the log: a peer can make the node drop samples (or
 * Cyclone warn) as fast as the network delivers them. Events fall into a fixed number of slots (a drop reason of
 * one topic, one of Cyclone's source lines). The first events of a slot (a burst, one for drops) are logged at once;
 * while more keep coming they are only counted, and {@link #log} logs one line per slot and interval with their
 * number and the first of them. A slot that stayed quiet for a whole interval is logged at once again.
 *
 * <p>Memory is fixed by the number of slots (per slot: three counts, a time and one description of at most
 * {@value #MAX_TEXT} characters). Counting an event allocates nothing: its description is formatted only for the
 * lines. Thread-safe; lines are written outside the lock.
 */
final class DropLog {

    /** How often repeats are summarised. */
    static final long INTERVAL_NANOS = 5_000_000_000L;
    /** Longest description kept; a longer one is cut. */
    static final int MAX_TEXT = 400;

    private final System.Logger logger;
    private final String subject;
    private final String one;
    private final String noun;
    private final int burst;
    private final LongSupplier nanoClock;
    private final String[] labels;
    private final System.Logger.Level[] levels;
    private final boolean[] traced;
    private final long[] totals;
    /** The slot had an event less than an interval ago: its next events may be only counted. */
    private final boolean[] active;
    private int activeSlots;
    /** When the slot's current interval started: its first event after a quiet interval, or its last summary. */
    private final long[] started;
    /** Events logged at once since the slot was last quiet, at most {@link #burst}. */
    private final int[] atOnce;
    /** Events counted and not yet in a line. */
    private final long[] pending;
    /** The first of them, formatted. */
    private final String[] firstPending;

    /**
     * @param subject   what every line is about, e.g. {@code topic /odom}
     * @param one       what a slot's first lines say happened before its label, e.g. {@code dropped a
     *                  nav_msgs/msg/Odometry sample}; empty for lines of the event's description alone
     * @param noun      what the summary counts, e.g. {@code samples dropped}
     * @param burst     events of a slot logged at once before its repeats are only counted, &ge; 1
     * @param slots     the number of slots; each is then given its label with {@link #describe}
     * @param nanoClock monotonic time, ns ({@code System::nanoTime})
     */
    DropLog(System.Logger logger, String subject, String one, String noun, int burst, int slots,
            LongSupplier nanoClock) {
        this.logger = logger;
        this.subject = subject;
        this.one = one;
        this.noun = noun;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.labels = new String[slots];
        this.levels = new System.Logger.Level[slots];
        this.traced = new boolean[slots];
        this.totals = new long[slots];
        this.active = new boolean[slots];
        this.started = new long[slots];
        this.atOnce = new int[slots];
        this.pending = new long[slots];
        this.firstPending = new String[slots];
        java.util.Arrays.fill(levels, System.Logger.Level.WARNING);
    }

    /**
     * Says what {@code slot} is: {@code label} follows what happened in its first lines and what is counted in its
     * summaries ({@code for invalid UTF-8}, {@code from q_receive.c:2075}), {@code level} is that of its lines, and
     * {@code withStackTrace} logs the stack trace of an event that is a {@link Throwable} with the lines logged at
     * once (a callback that threw: a bug to find).
     */
    synchronized void describe(int slot, String label, System.Logger.Level level, boolean withStackTrace) {
        labels[slot] = label;
        levels[slot] = level;
        traced[slot] = withStackTrace;
    }

    /**
     * Counts one event in {@code slot}, and logs it if the slot's burst is not used up. {@code detail} says what
     * happened: a {@link Throwable}'s message (its {@code toString} and stack trace for a slot described with stack
     * traces), else its {@code toString}; it is formatted only when a line needs it, during this call.
     */
    void record(int slot, Object detail) {
        String line = null;
        Throwable trace = null;
        System.Logger.Level level;
        synchronized (this) {
            level = levels[slot];
            totals[slot]++;
            if (!active[slot]) {
                active[slot] = true;
                activeSlots++;
                started[slot] = nanoClock.getAsLong();
                atOnce[slot] = 0;
            }
            if (atOnce[slot] < burst) {
                atOnce[slot]++;
                line = subject + ": " + (one.isEmpty() ? "" : one + " " + labels[slot] + ": ") + text(slot, detail)
                        + (atOnce[slot] < burst ? "" : " (repeats are counted and summarised every "
                                + INTERVAL_NANOS / 1_000_000_000L + " s)");
                trace = traced[slot] && detail instanceof Throwable t ? t : null;
            } else if (pending[slot]++ == 0) {
                firstPending[slot] = text(slot, detail);
            }
        }
        if (line != null) {
            logger.log(level, line, trace);
        }
    }

    /** Events counted in {@code slot} so far. */
    synchronized long total(int slot) {
        return totals[slot];
    }

    /**
     * Logs the summary of every slot whose repeats have waited an interval, and lets slots that stayed quiet for one
     * log their next event at once; with {@code all}, logs the summary of every slot with repeats not yet summarised,
     * due or not (when the node closes). Call it often (the node's waitset thread does, every 200 ms); it costs a
     * clock read when nothing is due.
     */
    void log(boolean all) {
        List<String> lines = null;
        List<System.Logger.Level> lineLevels = null;
        synchronized (this) {
            if (activeSlots == 0) {
                return;
            }
            long now = nanoClock.getAsLong();
            for (int slot = 0; slot < totals.length; slot++) {
                if (!active[slot] || (!all && now - started[slot] < INTERVAL_NANOS)) {
                    continue;
                }
                if (pending[slot] > 0) {
                    if (lines == null) {
                        lines = new ArrayList<>();
                        lineLevels = new ArrayList<>();
                    }
                    lines.add(summary(slot, now));
                    lineLevels.add(levels[slot]);
                } else if (!all) {
                    active[slot] = false;
                    activeSlots--;
                }
            }
        }
        for (int i = 0; lines != null && i < lines.size(); i++) {
            logger.log(lineLevels.get(i), lines.get(i));
        }
    }

    /** The summary line of {@code slot}, which then starts a new interval; holds the lock. */
    private String summary(int slot, long now) {
        long seconds = Math.max(1, Math.round((now - started[slot]) * 1e-9));
        String line = String.format(Locale.ROOT, "%s: %s %s in the last %d s: %,d more (the first: %s); %,d in all",
                subject, noun, labels[slot], seconds, pending[slot], firstPending[slot], totals[slot]);
        pending[slot] = 0;
        firstPending[slot] = null;
        started[slot] = now;
        return line;
    }

    private String text(int slot, Object detail) {
        String s = detail instanceof Throwable t && !traced[slot] && t.getMessage() != null ? t.getMessage()
                : String.valueOf(detail);
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "…";
    }
}
