package org.cponode.ros;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.cponode.ros.dds.DdsParticipant;
import org.cponode.ros.dds.Ddsc;
import org.cponode.ros.dds.DdscMatched;
import org.cponode.ros.msg.MalformedSampleException;
import org.cponode.ros.msg.MessageType;
import org.cponode.ros.msg.SampleReader;

/**
 * A ROS subscription. Samples are taken on the node's waitset thread, decoded into a record while the
 * loan is held, the loan is returned, then the callback runs (on that same thread) and {@link #latest()} is
 * updated. Samples that cannot be decoded (invalid UTF-8, sequences over the limit) are dropped, and they and
 * callbacks that threw are counted per {@link DropReason}. The first drop of a reason is logged at once, the
 * following ones in one line per reason every 5 s (a peer can send bad samples as fast as the network carries
 * them). Per message, nothing is allocated beyond the decoded record; per drop, one exception without a stack
 * trace.
 *
 * @param <T> the message record
 */
public final class Subscription<T> extends Endpoint {

    /** Per-subscription limits on received data. */
    public record Limits(int maxStringBytes, int maxSequenceLength) {
        /** 64 KiB strings, one million sequence elements. */
        public static final Limits DEFAULT = new Limits(65_536, 1_000_000);
    }

    private static final DropReason[] REASONS = DropReason.values();

    private final MessageType<T> type;
    private final Consumer<? super T> callback;
    private final SampleReader reader;
    private final MemorySegment loan;
    private final MemorySegment info;
    private final int mask;
    private final DropLog drops;
    private volatile T latest;
    private volatile long received;
    private volatile MalformedSampleException lastDrop;
    /** The writer of the sample whose callback is running; read by that callback (a service replying to it). */
    private long publicationHandle;

    Subscription(String rosTopic, String ddsTopic, QosProfile qos, int reader, DdsParticipant participant,
            MessageType<T> type, Consumer<? super T> callback, Limits limits, int mask) {
        super(rosTopic, ddsTopic, qos, reader, participant);
        this.type = type;
        this.callback = callback;
        this.reader = new SampleReader(limits.maxStringBytes(), limits.maxSequenceLength());
        this.loan = participant.arena().allocate(ADDRESS);
        this.info = participant.arena().allocate(DdsParticipant.SAMPLE_INFO_SIZE, 8);
        this.mask = mask;
        this.drops = new DropLog(LOG, "topic " + rosTopic, "dropped a " + type.rosName() + " sample", "samples dropped",
                1, REASONS.length, System::nanoTime);
        for (DropReason r : REASONS) {
            // A callback that threw is a bug in this process: an error, with the stack trace
            boolean bug = r == DropReason.CALLBACK_FAILED;
            drops.describe(r.ordinal(), "for " + r.description(),
                    bug ? System.Logger.Level.ERROR : System.Logger.Level.WARNING, bug);
        }
    }

    /** The message type. */
    public MessageType<T> type() {
        return type;
    }

    /** The most recent valid message, or null before the first. Never blocks. */
    public T latest() {
        return latest;
    }

    /** Messages decoded and delivered. */
    public long receivedCount() {
        return received;
    }

    /** Messages dropped because they could not be decoded (see {@link #lastDropReason()}). */
    public long droppedCount() {
        long n = 0;
        for (DropReason r : REASONS) {
            if (r != DropReason.UNDESERIALISABLE && r != DropReason.CALLBACK_FAILED) {
                n += drops.total(r.ordinal());
            }
        }
        return n;
    }

    /**
     * Samples dropped for {@code reason}. {@link DropReason#UNDESERIALISABLE} counts what Cyclone dropped on this
     * DDS topic in this process, for every subscription on it.
     */
    public long droppedCount(DropReason reason) {
        return reason == DropReason.UNDESERIALISABLE ? CycloneMessages.INSTANCE.undeserialisable(ddsTopic)
                : drops.total(reason.ordinal());
    }

    /** The non-zero drop counts, in {@link DropReason} order. */
    public List<DropCount> drops() {
        List<DropCount> out = new ArrayList<>();
        for (DropReason r : REASONS) {
            long n = droppedCount(r);
            if (n > 0) {
                out.add(new DropCount(rosTopic, r, n));
            }
        }
        return out;
    }

    /** Callback invocations that threw (logged like drops; the thread continues). */
    public long callbackFailureCount() {
        return drops.total(DropReason.CALLBACK_FAILED.ordinal());
    }

    /** Why the last sample was dropped, or null. */
    public String lastDropReason() {
        MalformedSampleException e = lastDrop;
        return e == null ? null : e.getMessage();
    }

    /** The instance handle of the writer of the sample being delivered: valid only inside the callback. */
    long publicationHandle() {
        return publicationHandle;
    }

    /** Logs the drop summaries that are due, or with {@code all} every one not yet logged (see {@link DropLog}). */
    void logDrops(boolean all) {
        drops.log(all);
    }

    @Override
    boolean isWriter() {
        return false;
    }

    @Override
    void service(MemorySegment statusFlags) {
        serviceStatus(statusFlags, mask & ~DdsParticipant.DATA_AVAILABLE_STATUS);
        drain();
    }

    /** Takes every available sample, one loan at a time. */
    private void drain() {
        while (true) {
            loan.set(ADDRESS, 0, MemorySegment.NULL);
            int n = Ddsc.take(entity, loan, info, 1, 1);
            if (n <= 0) {
                if (n < 0) {
                    LOG.log(System.Logger.Level.ERROR, "dds_take on {0} failed: {1}", rosTopic, n);
                }
                return;
            }
            T value = null;
            try {
                if (info.get(JAVA_BYTE, DdsParticipant.SAMPLE_INFO_VALID_DATA) != 0) {
                    value = type.decode(reader, DdsParticipant.pointerAt(loan));
                    publicationHandle = info.get(JAVA_LONG, DdscMatched.SAMPLE_INFO_PUBLICATION_HANDLE);
                }
            } catch (MalformedSampleException e) {
                lastDrop = e;
                drops.record(DropReason.of(e.problem()).ordinal(), e);
            } finally {
                Ddsc.returnLoan(entity, loan, n);
            }
            if (value != null) {
                received++;
                latest = value;
                if (callback != null) {
                    try {
                        callback.accept(value);
                    } catch (RuntimeException e) {
                        drops.record(DropReason.CALLBACK_FAILED.ordinal(), e);
                    }
                }
            }
        }
    }

    @Override
    public String toString() {
        return "subscription " + rosTopic + " [" + type.rosName() + ", " + qos + "]";
    }
}
