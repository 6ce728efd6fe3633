package org.cponode.ros;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.MemorySegment;
import java.util.function.Consumer;
import org.cponode.ros.dds.DdsParticipant;
import org.cponode.ros.dds.Ddsc;
import org.cponode.ros.msg.MalformedSampleException;
import org.cponode.ros.msg.MessageType;
import org.cponode.ros.msg.SampleReader;

/**
 * A ROS subscription. Samples are taken on the node's waitset thread, decoded into a record while the
 * loan is held, the loan is returned, then the callback runs (on that same thread) and {@link #latest()} is
 * updated. Samples that cannot be decoded (invalid UTF-8, sequences over the limit) are dropped and
 * counted. Per message, nothing is allocated beyond the decoded record.
 *
 * @param <T> the message record
 */
public final class Subscription<T> extends Endpoint {

    /** Per-subscription limits on received data. */
    public record Limits(int maxStringBytes, int maxSequenceLength) {
        /** 64 KiB strings, one million sequence elements. */
        public static final Limits DEFAULT = new Limits(65_536, 1_000_000);
    }

    private final MessageType<T> type;
    private final Consumer<? super T> callback;
    private final SampleReader reader;
    private final MemorySegment loan;
    private final MemorySegment info;
    private final int mask;
    private volatile T latest;
    private volatile long received;
    private volatile long dropped;
    private volatile long callbackFailures;
    private volatile String lastDropReason;

    Subscription(String rosTopic, String ddsTopic, QosProfile qos, int reader, DdsParticipant participant,
            MessageType<T> type, Consumer<? super T> callback, Limits limits, int mask) {
        super(rosTopic, ddsTopic, qos, reader, participant);
        this.type = type;
        this.callback = callback;
        this.reader = new SampleReader(limits.maxStringBytes(), limits.maxSequenceLength());
        this.loan = participant.arena().allocate(ADDRESS);
        this.info = participant.arena().allocate(DdsParticipant.SAMPLE_INFO_SIZE, 8);
        this.mask = mask;
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
        return dropped;
    }

    /** Callback invocations that threw (the exception is logged; the thread continues). */
    public long callbackFailureCount() {
        return callbackFailures;
    }

    /** Why the last sample was dropped, or null. */
    public String lastDropReason() {
        return lastDropReason;
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
                }
            } catch (MalformedSampleException e) {
                dropped++;
                lastDropReason = e.getMessage();
                LOG.log(System.Logger.Level.WARNING, "dropped a {0} sample on {1}: {2}", type.rosName(), rosTopic,
                        e.getMessage());
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
                        callbackFailures++;
                        LOG.log(System.Logger.Level.ERROR, "callback on " + rosTopic + " threw", e);
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
