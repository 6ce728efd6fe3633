package org.cponode.ros.dds;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.atomic.AtomicInteger;
import org.cponode.ros.msg.MessageType;
import org.cponode.ros.msg.SampleWriter;

/**
 * The serialized form Cyclone gives a sample of a Java-described type: written to a reader of the same participant
 * and taken back as CDR ({@code dds_takecdr}), so a test sees exactly the bytes a remote peer would receive.
 */
public final class CdrCapture {

    private static final AtomicInteger TOPICS = new AtomicInteger();
    private static final MethodHandle TAKECDR = Ddsc.downcall("dds_takecdr",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SIZE = Ddsc.downcall("ddsi_serdata_size", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle TO_SER = Ddsc.downcall("ddsi_serdata_to_ser",
            FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS));
    private static final MethodHandle UNREF = Ddsc.downcall("ddsi_serdata_unref", FunctionDescriptor.ofVoid(ADDRESS));

    private CdrCapture() {}

    /** The serialized sample, from its 4-byte encapsulation header on. */
    public static <T> byte[] serialize(DdsParticipant participant, MessageType<T> type, T value) throws Throwable {
        int topic = participant.topic("cdr_capture_" + TOPICS.incrementAndGet(), type);
        int reader = participant.reader(topic, true, false, 1, null);
        int writer = participant.writer(topic, true, false, 1);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sample = arena.allocate(type.layout().size(), type.layout().align());
            type.encode(value, new SampleWriter(arena), sample.address());
            DdsParticipant.check("dds_write", Ddsc.write(writer, sample));
            MemorySegment buf = arena.allocate(ADDRESS);
            MemorySegment info = arena.allocate(DdsParticipant.SAMPLE_INFO_SIZE, 8);
            int n = (int) TAKECDR.invokeExact(reader, buf, 1, info, 0);
            if (n != 1) {
                throw new IllegalStateException("dds_takecdr returned " + n);
            }
            MemorySegment serdata = buf.get(ADDRESS, 0);
            try {
                int size = (int) SIZE.invokeExact(serdata);
                MemorySegment out = arena.allocate(size);
                TO_SER.invokeExact(serdata, 0L, (long) size, out);
                return out.toArray(JAVA_BYTE);
            } finally {
                UNREF.invokeExact(serdata);
            }
        }
    }
}
