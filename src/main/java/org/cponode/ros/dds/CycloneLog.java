package org.cponode.ros.dds;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cyclone DDS's log (the errors and warnings libddsc otherwise writes to stderr itself, one line per event) routed
 * to a Java {@link Sink} with {@code dds_set_log_sink}. Process-wide, as Cyclone's sink is. Cyclone's trace (the
 * output file of a {@code Tracing} configuration) is left alone.
 *
 * <p>Cyclone calls the sink on the thread that logs (for a warning about received data, one of its receive
 * threads) while it holds its log lock: the sink must be quick, must not block for long and must not call libddsc.
 * This is the one place Java code runs on Cyclone's threads.
 */
public final class CycloneLog {

    /** {@code sizeof(dds_log_data_t)} in 0.10.x. */
    public static final long LOG_DATA_SIZE = 56;
    /** Offsets in {@code dds_log_data_t}: priority, file, line, message, size. */
    public static final long LOG_DATA_PRIORITY = 0;
    public static final long LOG_DATA_FILE = 8;
    public static final long LOG_DATA_LINE = 16;
    public static final long LOG_DATA_MESSAGE = 32;
    public static final long LOG_DATA_MESSAGE_SIZE = 40;

    /** Log categories ({@code DDS_LC_*}, dds/ddsrt/log.h); Cyclone aborts after a fatal message. */
    public static final int FATAL = 1;
    public static final int ERROR = 2;
    public static final int WARNING = 4;
    public static final int INFO = 8;

    /** Receives Cyclone's log messages. */
    @FunctionalInterface
    public interface Sink {
        /**
         * One message, on the Cyclone thread that logs it.
         *
         * @param priority its category ({@link #WARNING}, ...)
         * @param file     the address of the name of the C source file that logs it: the same for every message from
         *                 that file ({@link #sourceFile} reads it)
         * @param line     the line in that file
         * @param text     the message without Cyclone's header (time, thread) and final newline; Cyclone's buffer, so
         *                 valid only during the call
         */
        void message(int priority, long file, int line, MemorySegment text);
    }

    private static volatile Sink sink;
    private static boolean installed;
    private static final AtomicLong FAILURES = new AtomicLong();

    private CycloneLog() {}

    /**
     * Sends Cyclone's log to {@code target} from now on. The first call installs the upcall, and a JVM shutdown hook
     * that gives Cyclone back its own stderr sink: Cyclone's threads run until the participants are deleted and must
     * not call into a JVM that is exiting.
     *
     * @throws DdsUnavailableException if libddsc cannot be loaded
     */
    @SuppressWarnings("restricted") // an upcall from libddsc and a downcall into it are the point
    public static synchronized void route(Sink target) {
        sink = target;
        if (installed) {
            return;
        }
        Linker linker = Linker.nativeLinker();
        MethodHandle setSink = linker.downcallHandle(DdsLibrary.require().findOrThrow("dds_set_log_sink"),
                FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
        MemorySegment stub;
        try {
            MethodHandle upcall = MethodHandles.lookup().findStatic(CycloneLog.class, "upcall",
                    MethodType.methodType(void.class, MemorySegment.class, MemorySegment.class));
            stub = linker.upcallStub(upcall, FunctionDescriptor.ofVoid(ADDRESS, ADDRESS), Arena.global());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        call(setSink, stub);
        Runtime.getRuntime().addShutdownHook(
                new Thread(() -> call(setSink, MemorySegment.NULL), "cyclone-log-restore"));
        installed = true;
    }

    /** {@code dds_set_log_sink(callback, NULL)}; it returns once no Cyclone thread uses the previous sink. */
    private static void call(MethodHandle setSink, MemorySegment callback) {
        try {
            setSink.invokeExact(callback, MemorySegment.NULL);
        } catch (Throwable t) {
            throw new IllegalStateException("dds_set_log_sink failed", t);
        }
    }

    /** The NUL-terminated C string at {@code address} (a {@link Sink} message's source file name). */
    @SuppressWarnings("restricted") // the address is one of libddsc's static strings
    public static String sourceFile(long address) {
        if (address == 0) {
            return "?";
        }
        String path = MemorySegment.ofAddress(address).reinterpret(4096).getString(0);
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** {@code dds_log_write_fn_t}: {@code void (*)(void *userdata, const dds_log_data_t *data)}. */
    @SuppressWarnings("restricted") // data is Cyclone's dds_log_data_t, its message Cyclone's buffer
    private static void upcall(MemorySegment userdata, MemorySegment data) {
        try {
            Sink target = sink;
            MemorySegment d = data.reinterpret(LOG_DATA_SIZE);
            MemorySegment text = d.get(ADDRESS, LOG_DATA_MESSAGE).reinterpret(d.get(JAVA_LONG, LOG_DATA_MESSAGE_SIZE));
            target.message(d.get(JAVA_INT, LOG_DATA_PRIORITY), d.get(ADDRESS, LOG_DATA_FILE).address(),
                    d.get(JAVA_INT, LOG_DATA_LINE), text);
        } catch (Throwable t) {
            // An exception escaping into C would end the JVM: the message is lost, and a sink that fails once likely
            // fails for every message, so only the first failure is shown (with a logger's help it could flood).
            if (FAILURES.getAndIncrement() == 0) {
                System.err.println("Cyclone DDS log sink failed (the message and later failures are only counted):");
                t.printStackTrace();
            }
        }
    }

    /** Messages the sink threw on (lost). */
    public static long sinkFailures() {
        return FAILURES.get();
    }
}
