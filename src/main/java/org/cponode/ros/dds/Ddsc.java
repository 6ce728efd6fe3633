package org.cponode.ros.dds;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Downcalls into Cyclone DDS 0.10.x ({@code dds/dds.h}), jextract style: one holder class per C function,
 * created on first use (after {@link DdsLibrary#require()} found the library) and called with exact
 * carrier types. No upcalls. These are raw C calls: callers own every pointer's validity.
 */
public final class Ddsc {

    private Ddsc() {}

    @SuppressWarnings("restricted") // downcalls into libddsc are the point
    static MethodHandle downcall(String name, FunctionDescriptor descriptor) {
        return Linker.nativeLinker().downcallHandle(DdsLibrary.require().findOrThrow(name), descriptor);
    }

    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    /** Cyclone's text for a negative return code (its magnitude is what dds_strretcode expects). */
    @SuppressWarnings("restricted") // the returned C string is static in libddsc
    static String errorText(int returnCode) {
        try {
            MemorySegment text = strretcode(Math.abs(returnCode));
            return text.equals(MemorySegment.NULL) ? "unknown error" : text.reinterpret(Long.MAX_VALUE).getString(0);
        } catch (RuntimeException e) {
            return "return code " + returnCode;
        }
    }

    private static final class CreateDomain {
        static final MethodHandle HANDLE = downcall("dds_create_domain", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    }

    /** {@code dds_create_domain}: Creates a domain with an explicit XML configuration (instead of CYCLONEDDS_URI). */
    public static int createDomain(int domain, MemorySegment config) {
        try {
            return (int) CreateDomain.HANDLE.invokeExact(domain, config);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final class CreateParticipant {
        static final MethodHandle HANDLE = downcall("dds_create_participant", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    }

    /** {@code dds_create_participant}: Creates a participant. */
    public static int createParticipant(int domain, MemorySegment qos, MemorySegment listener) {
        try {
            return (int) CreateParticipant.HANDLE.invokeExact(domain, qos, listener);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final class CreateQos {
        static final MethodHandle HANDLE = downcall("dds_create_qos", FunctionDescriptor.of(ADDRESS));
    }

    /** {@code dds_create_qos}: Allocates a QoS object. */
    public static MemorySegment createQos() {
        try {
            return (MemorySegment) CreateQos.HANDLE.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final class DeleteQos {
        static final MethodHandle HANDLE = downcall("dds_delete_qos", FunctionDescriptor.ofVoid(ADDRESS));
    }

    /** {@code dds_delete_qos}: Frees a QoS object. */
    public static void deleteQos(MemorySegment qos) {
        try {
            DeleteQos.HANDLE.invokeExact(qos);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final class QsetReliability {
        static final MethodHandle HANDLE = downcall("dds_qset_reliability", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, JAVA_LONG));
    }

    /** {@code dds_qset_reliability}: Sets reliability (0 best effort, 1 reliable). */
    public static void qsetReliability(MemorySegment qos, int kind, long maxBlockingTimeNs) {
        try {
            QsetReliability.HANDLE.invokeExact(qos, kind, maxBlockingTimeNs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final class QsetHistory {
        static final MethodHandle HANDLE = downcall("dds_qset_history", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, JAVA_INT));
    }

    /** {@code dds_qset_history}: Sets history (0 keep last, 1 keep all). */
    public static void qsetHistory(MemorySegment qos, int kind, int depth) {
        try {
            QsetHistory.HANDLE.invokeExact(qos, kind, depth);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final class QsetDurability {
        static final MethodHandle HANDLE = downcall("dds_qset_durability", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT));
    }

    /** {@code dds_qset_durability}: Sets durability (0 volatile, 1 transient local). */
    public static void qsetDurability(MemorySegment qos, int kind) {
        try {
            QsetDurability.HANDLE.invokeExact(qos, kind);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final class QsetUserdata {
        static final MethodHandle HANDLE = downcall("dds_qset_userdata", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_LONG));
    }

    /** {@code dds_qset_userdata}: Sets the USER_DATA bytes (copied). */
    public static void qsetUserdata(MemorySegment qos, MemorySegment value, long size) {
        try {
            QsetUserdata.HANDLE.invokeExact(qos, value, size);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final class QsetProp {
        static final MethodHandle HANDLE = downcall("dds_qset_prop", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS));
    }

    /** {@code dds_qset_prop}: Sets a string property (copied); DDS Security reads its settings from these. */
    public static void qsetProp(MemorySegment qos, MemorySegment name, MemorySegment value) {
        try {
            QsetProp.HANDLE.invokeExact(qos, name, value);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final class CreateTopic {
        static final MethodHandle HANDLE = downcall("dds_create_topic", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    }

    /** {@code dds_create_topic}: Creates or finds a topic. */
    public static int createTopic(int participant, MemorySegment descriptor, MemorySegment name, MemorySegment qos, MemorySegment listener) {
        try {
            return (int) CreateTopic.HANDLE.invokeExact(participant, descriptor, name, qos, listener);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final class CreateReader {
        static final MethodHandle HANDLE = downcall("dds_create_reader", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    }

    /** {@code dds_create_reader}: Creates a data reader. */
    public static int createReader(int participant, int topic, MemorySegment qos, MemorySegment listener) {
        try {
            return (int) CreateReader.HANDLE.invokeExact(participant, topic, qos, listener);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final class CreateWriter {
        static final MethodHandle HANDLE = downcall("dds_create_writer", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    }

    /** {@code dds_create_writer}: Creates a data writer. */
    public static int createWriter(int participant, int topic, MemorySegment qos, MemorySegment listener) {
        try {
            return (int) CreateWriter.HANDLE.invokeExact(participant, topic, qos, listener);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final class SetStatusMask {
        static final MethodHandle HANDLE = downcall("dds_set_status_mask", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    }

    /** {@code dds_set_status_mask}: Selects the statuses that trigger the entity's status condition. */
    public static int setStatusMask(int entity, int mask) {
        try {
            return (int) SetStatusMask.HANDLE.invokeExact(entity, mask);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final class TakeStatus {
        static final MethodHandle HANDLE = downcall("dds_take_status", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    }

    /** {@code dds_take_status}: Reads and resets status flags. */
    public static int takeStatus(int entity, MemorySegment status, int mask) {
        try {
            return (int) TakeStatus.HANDLE.invokeExact(entity, status, mask);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final class CreateWaitset {
        static final MethodHandle HANDLE = downcall("dds_create_waitset", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }

    /** {@code dds_create_waitset}: Creates a waitset. */
    public static int createWaitset(int owner) {
        try {
            return (int) CreateWaitset.HANDLE.invokeExact(owner);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final class WaitsetAttach {
        static final MethodHandle HANDLE = downcall("dds_waitset_attach", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
    }

    /** {@code dds_waitset_attach}: Attaches an entity's status condition. */
    public static int waitsetAttach(int waitset, int entity, long attachment) {
        try {
            return (int) WaitsetAttach.HANDLE.invokeExact(waitset, entity, attachment);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final class WaitsetDetach {
        static final MethodHandle HANDLE = downcall("dds_waitset_detach", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    }

    /** {@code dds_waitset_detach}: Detaches an entity. */
    public static int waitsetDetach(int waitset, int entity) {
        try {
            return (int) WaitsetDetach.HANDLE.invokeExact(waitset, entity);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final class WaitsetWait {
        static final MethodHandle HANDLE = downcall("dds_waitset_wait", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));
    }

    /** {@code dds_waitset_wait}: Blocks until a condition triggers or the timeout passes; returns the number triggered. */
    public static int waitsetWait(int waitset, MemorySegment triggered, long capacity, long timeoutNs) {
        try {
            return (int) WaitsetWait.HANDLE.invokeExact(waitset, triggered, capacity, timeoutNs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final class WaitsetSetTrigger {
        static final MethodHandle HANDLE = downcall("dds_waitset_set_trigger", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_BOOLEAN));
    }

    /** {@code dds_waitset_set_trigger}: Sets the waitset's own trigger (wakes the waiting thread). */
    public static int waitsetSetTrigger(int waitset, boolean trigger) {
        try {
            return (int) WaitsetSetTrigger.HANDLE.invokeExact(waitset, trigger);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final class Take {
        static final MethodHandle HANDLE = downcall("dds_take", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT));
    }

    /** {@code dds_take}: Takes samples; with buffers[0] NULL they are loaned. */
    public static int take(int reader, MemorySegment buffers, MemorySegment infos, long bufferSize, int maxSamples) {
        try {
            return (int) Take.HANDLE.invokeExact(reader, buffers, infos, bufferSize, maxSamples);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final class ReturnLoan {
        static final MethodHandle HANDLE = downcall("dds_return_loan", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    }

    /** {@code dds_return_loan}: Returns loaned samples. */
    public static int returnLoan(int reader, MemorySegment buffers, int count) {
        try {
            return (int) ReturnLoan.HANDLE.invokeExact(reader, buffers, count);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final class Write {
        static final MethodHandle HANDLE = downcall("dds_write", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    }

    /** {@code dds_write}: Serialises and writes a sample. */
    public static int write(int writer, MemorySegment sample) {
        try {
            return (int) Write.HANDLE.invokeExact(writer, sample);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final class GetPublicationMatchedStatus {
        static final MethodHandle HANDLE = downcall("dds_get_publication_matched_status", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    }

    /** {@code dds_get_publication_matched_status}: Reads (and resets the change counts of) the publication-matched status. */
    public static int getPublicationMatchedStatus(int writer, MemorySegment status) {
        try {
            return (int) GetPublicationMatchedStatus.HANDLE.invokeExact(writer, status);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final class GetSubscriptionMatchedStatus {
        static final MethodHandle HANDLE = downcall("dds_get_subscription_matched_status", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    }

    /** {@code dds_get_subscription_matched_status}: Reads the subscription-matched status. */
    public static int getSubscriptionMatchedStatus(int reader, MemorySegment status) {
        try {
            return (int) GetSubscriptionMatchedStatus.HANDLE.invokeExact(reader, status);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final class GetOfferedIncompatibleQosStatus {
        static final MethodHandle HANDLE = downcall("dds_get_offered_incompatible_qos_status", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    }

    /** {@code dds_get_offered_incompatible_qos_status}: Reads the offered-incompatible-QoS status. */
    public static int getOfferedIncompatibleQosStatus(int writer, MemorySegment status) {
        try {
            return (int) GetOfferedIncompatibleQosStatus.HANDLE.invokeExact(writer, status);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final class GetRequestedIncompatibleQosStatus {
        static final MethodHandle HANDLE = downcall("dds_get_requested_incompatible_qos_status", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    }

    /** {@code dds_get_requested_incompatible_qos_status}: Reads the requested-incompatible-QoS status. */
    public static int getRequestedIncompatibleQosStatus(int reader, MemorySegment status) {
        try {
            return (int) GetRequestedIncompatibleQosStatus.HANDLE.invokeExact(reader, status);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final class GetGuid {
        static final MethodHandle HANDLE = downcall("dds_get_guid", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    }

    /** {@code dds_get_guid}: Copies the entity's 16-byte GUID. */
    public static int getGuid(int entity, MemorySegment guid) {
        try {
            return (int) GetGuid.HANDLE.invokeExact(entity, guid);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final class Delete {
        static final MethodHandle HANDLE = downcall("dds_delete", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }

    /** {@code dds_delete}: Deletes an entity and its children. */
    public static int delete(int entity) {
        try {
            return (int) Delete.HANDLE.invokeExact(entity);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final class Strretcode {
        static final MethodHandle HANDLE = downcall("dds_strretcode", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    }

    /** {@code dds_strretcode}: Cyclone's text for a return code. */
    public static MemorySegment strretcode(int code) {
        try {
            return (MemorySegment) Strretcode.HANDLE.invokeExact(code);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }
}
