package org.cponode.ros.dds;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Downcalls for the endpoint QoS that rmw_cyclonedds sets beyond reliability, history, durability and USER_DATA
 * ({@link Ddsc#qsetUserdata}): the durability service, the writer data lifecycle and the lifespan, in
 * {@link Ddsc}'s style, one holder per C function.
 */
public final class DdscQos {

    private DdscQos() {}

    private static final class QsetDurabilityService {
        static final MethodHandle HANDLE = Ddsc.downcall("dds_qset_durability_service",
                FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    }

    /** {@code dds_qset_durability_service}: cleanup delay (ns), history kind and depth, resource limits (-1 = unlimited). */
    public static void qsetDurabilityService(MemorySegment qos, long cleanupDelayNs, int historyKind, int historyDepth,
            int maxSamples, int maxInstances, int maxSamplesPerInstance) {
        try {
            QsetDurabilityService.HANDLE.invokeExact(qos, cleanupDelayNs, historyKind, historyDepth, maxSamples, maxInstances,
                    maxSamplesPerInstance);
        } catch (Throwable t) {
            throw Ddsc.rethrow(t);
        }
    }

    private static final class QsetWriterDataLifecycle {
        static final MethodHandle HANDLE = Ddsc.downcall("dds_qset_writer_data_lifecycle", FunctionDescriptor.ofVoid(ADDRESS, JAVA_BOOLEAN));
    }

    /** {@code dds_qset_writer_data_lifecycle}: whether unregistering an instance also disposes it. */
    public static void qsetWriterDataLifecycle(MemorySegment qos, boolean autodispose) {
        try {
            QsetWriterDataLifecycle.HANDLE.invokeExact(qos, autodispose);
        } catch (Throwable t) {
            throw Ddsc.rethrow(t);
        }
    }

    private static final class QsetLifespan {
        static final MethodHandle HANDLE = Ddsc.downcall("dds_qset_lifespan", FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG));
    }

    /** {@code dds_qset_lifespan}: how long a written sample stays deliverable, ns ({@code Long.MAX_VALUE}: DDS_INFINITY). */
    public static void qsetLifespan(MemorySegment qos, long lifespanNs) {
        try {
            QsetLifespan.HANDLE.invokeExact(qos, lifespanNs);
        } catch (Throwable t) {
            throw Ddsc.rethrow(t);
        }
    }
}
