package org.cponode.ros.dds;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;

/**
 * Downcalls for what a ROS service needs to know about its matched peers, in {@link Ddsc}'s style: an entity's
 * instance handle (a client's identity in the request header) and the USER_DATA of matched endpoints (the
 * {@code clientid=} a server waits for before it replies).
 */
public final class DdscMatched {

    /** Offset of {@code qos} in {@code dds_builtintopic_endpoint_t} (two GUIDs, a handle, two names). */
    static final long ENDPOINT_QOS = 56;
    /** Offset of {@code publication_handle} in {@code dds_sample_info_t}. */
    public static final long SAMPLE_INFO_PUBLICATION_HANDLE = 32;

    private DdscMatched() {}

    private static final class GetInstanceHandle {
        static final MethodHandle HANDLE = Ddsc.downcall("dds_get_instance_handle", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    }

    /** {@code dds_get_instance_handle}: the entity's instance handle. */
    public static long instanceHandle(int entity) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment out = call.allocate(JAVA_LONG);
            DdsParticipant.check("dds_get_instance_handle", (int) GetInstanceHandle.HANDLE.invokeExact(entity, out));
            return out.get(JAVA_LONG, 0);
        } catch (Throwable t) {
            throw Ddsc.rethrow(t);
        }
    }

    private static final class GetMatchedSubscriptions {
        static final MethodHandle HANDLE = Ddsc.downcall("dds_get_matched_subscriptions",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG));
    }

    private static final class GetMatchedSubscriptionData {
        static final MethodHandle HANDLE = Ddsc.downcall("dds_get_matched_subscription_data",
                FunctionDescriptor.of(ADDRESS, JAVA_INT, JAVA_LONG));
    }

    private static final class GetMatchedPublicationData {
        static final MethodHandle HANDLE = Ddsc.downcall("dds_get_matched_publication_data",
                FunctionDescriptor.of(ADDRESS, JAVA_INT, JAVA_LONG));
    }

    private static final class FreeEndpoint {
        static final MethodHandle HANDLE = Ddsc.downcall("dds_builtintopic_free_endpoint", FunctionDescriptor.ofVoid(ADDRESS));
    }

    private static final class QgetUserdata {
        static final MethodHandle HANDLE = Ddsc.downcall("dds_qget_userdata", FunctionDescriptor.of(JAVA_BOOLEAN, ADDRESS, ADDRESS, ADDRESS));
    }

    private static final class Free {
        static final MethodHandle HANDLE = Ddsc.downcall("dds_free", FunctionDescriptor.ofVoid(ADDRESS));
    }

    /**
     * The USER_DATA (as ASCII text) of the writer that {@code reader} knows as {@code publicationHandle}, "" if it
     * has none, or null if it is no longer matched.
     */
    public static String publicationUserData(int reader, long publicationHandle) {
        try {
            return userDataOf((MemorySegment) GetMatchedPublicationData.HANDLE.invokeExact(reader, publicationHandle));
        } catch (Throwable t) {
            throw Ddsc.rethrow(t);
        }
    }

    /** The USER_DATA (ASCII text, "" if none) of every reader matched with {@code writer} now, up to 256. */
    public static String[] matchedSubscriptionUserData(int writer) {
        try (Arena call = Arena.ofConfined()) {
            int capacity = 256;
            MemorySegment handles = call.allocate(JAVA_LONG, capacity);
            int n = DdsParticipant.check("dds_get_matched_subscriptions",
                    (int) GetMatchedSubscriptions.HANDLE.invokeExact(writer, handles, (long) capacity));
            n = Math.min(n, capacity);
            String[] out = new String[n];
            for (int i = 0; i < n; i++) {
                String ud = userDataOf((MemorySegment) GetMatchedSubscriptionData.HANDLE.invokeExact(writer,
                        handles.getAtIndex(JAVA_LONG, i)));
                out[i] = ud == null ? "" : ud;
            }
            return out;
        } catch (Throwable t) {
            throw Ddsc.rethrow(t);
        }
    }

    /** Reads and frees a {@code dds_builtintopic_endpoint_t} (null: none). */
    @SuppressWarnings("restricted") // sizes come from libddsc's own structs
    private static String userDataOf(MemorySegment endpoint) throws Throwable {
        if (endpoint.equals(MemorySegment.NULL)) {
            return null;
        }
        try (Arena call = Arena.ofConfined()) {
            MemorySegment qos = endpoint.reinterpret(ENDPOINT_QOS + 8).get(ADDRESS, ENDPOINT_QOS);
            MemorySegment value = call.allocate(ADDRESS);
            MemorySegment size = call.allocate(JAVA_LONG);
            if (qos.equals(MemorySegment.NULL) || !(boolean) QgetUserdata.HANDLE.invokeExact(qos, value, size)) {
                return "";
            }
            MemorySegment bytes = value.get(ADDRESS, 0);
            long n = size.get(JAVA_LONG, 0);
            String text = n == 0 ? "" : new String(bytes.reinterpret(n).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE),
                    StandardCharsets.US_ASCII);
            Free.HANDLE.invokeExact(bytes);
            return text;
        } finally {
            FreeEndpoint.HANDLE.invokeExact(endpoint);
        }
    }
}
