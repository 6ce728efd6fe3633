package org.cponode.ros.dds;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.cponode.ros.msg.MessageType;
import org.cponode.ros.msg.OpsProgram;

/**
 * One Cyclone DDS participant and the native memory its entities need. It owns a shared arena that holds
 * the topic descriptors (which Cyclone references for the topic's lifetime) and outlives the participant:
 * {@link #close()} deletes the participant (and so every topic, reader, writer and waitset under it), then
 * the domain it created, and only then frees the arena. Thread-safe.
 */
public final class DdsParticipant implements AutoCloseable {

    /** {@code sizeof(dds_topic_descriptor_t)} in 0.10.x. */
    public static final long DESCRIPTOR_SIZE = 96;
    /** {@code sizeof(dds_sample_info_t)} in 0.10.x. */
    public static final long SAMPLE_INFO_SIZE = 64;
    /** Offset of {@code valid_data} in {@code dds_sample_info_t}. */
    public static final long SAMPLE_INFO_VALID_DATA = 12;
    /** Offset of {@code source_timestamp} in {@code dds_sample_info_t}. */
    public static final long SAMPLE_INFO_SOURCE_TIMESTAMP = 16;
    /** {@code sizeof} of the publication/subscription-matched statuses. */
    public static final long MATCHED_STATUS_SIZE = 24;
    /** Offset of {@code current_count} in the matched statuses. */
    public static final long MATCHED_STATUS_CURRENT_COUNT = 8;
    /** {@code sizeof} of the offered/requested-incompatible-QoS statuses. */
    public static final long INCOMPATIBLE_QOS_STATUS_SIZE = 12;

    /** Status masks ({@code 1u << DDS_*_STATUS_ID}, dds.h 0.10.x). */
    public static final int OFFERED_INCOMPATIBLE_QOS_STATUS = 1 << 3;
    public static final int REQUESTED_INCOMPATIBLE_QOS_STATUS = 1 << 4;
    public static final int SAMPLE_LOST_STATUS = 1 << 5;
    public static final int DATA_AVAILABLE_STATUS = 1 << 8;
    public static final int PUBLICATION_MATCHED_STATUS = 1 << 11;
    public static final int SUBSCRIPTION_MATCHED_STATUS = 1 << 12;

    /** Highest domain id Cyclone accepts with its default port mapping. */
    public static final int MAX_DOMAIN_ID = 232;

    private static final long MAX_BLOCKING_TIME_NS = 100_000_000L;

    /** Domains this process created with an explicit configuration: id -> {entity, participants using it}. */
    private static final Map<Integer, int[]> CONFIGURED_DOMAINS = new HashMap<>();

    private final Arena arena = Arena.ofShared();
    private final int domainId;
    private final boolean configuredDomain;
    private final int participant;
    private final DdsSecurity security;
    private final Map<String, MemorySegment> descriptors = new HashMap<>();
    private final Map<String, String> topicTypes = new HashMap<>();
    private final Map<String, Integer> topics = new HashMap<>();
    private boolean closed;

    private DdsParticipant(int domainId, boolean configuredDomain, int participant, DdsSecurity security) {
        this.domainId = domainId;
        this.configuredDomain = configuredDomain;
        this.participant = participant;
        this.security = security;
    }

    /**
     * Creates a participant without USER_DATA or security; see {@link #create(int, String, String, DdsSecurity)}.
     */
    public static DdsParticipant create(int domainId, String cycloneXml) {
        return create(domainId, cycloneXml, null, null);
    }

    /**
     * Creates a participant.
     *
     * @param domainId     DDS domain (ROS_DOMAIN_ID), 0..232
     * @param cycloneXml   a Cyclone configuration (XML text) for this domain, or null to let libddsc read
     *                     {@code CYCLONEDDS_URI}; tests use it to confine discovery to loopback. Participants
     *                     of this process on the same domain share the first configuration given.
     * @param userData     the participant's USER_DATA (ROS puts {@code enclave=<name>;} there), or null for none
     * @param security     DDS Security settings, or null for an unsecured participant
     * @throws DdsUnavailableException if libddsc cannot be loaded
     * @throws DdsException if Cyclone refuses (bad configuration, domain already configured differently, or
     *     with {@code security}: files its plugins reject, plugins it cannot load)
     */
    public static DdsParticipant create(int domainId, String cycloneXml, String userData, DdsSecurity security) {
        if (domainId < 0 || domainId > MAX_DOMAIN_ID) {
            throw new IllegalArgumentException("DDS domain id must be in 0.." + MAX_DOMAIN_ID + ", got " + domainId);
        }
        DdsLibrary.require();
        try (Arena call = Arena.ofConfined()) {
            MemorySegment qos = participantQos(call, userData, security);
            try {
                return createWithQos(domainId, cycloneXml, qos, security);
            } finally {
                if (!qos.equals(MemorySegment.NULL)) {
                    Ddsc.deleteQos(qos); // Cyclone copied it
                }
            }
        }
    }

    private static DdsParticipant createWithQos(int domainId, String cycloneXml, MemorySegment qos,
            DdsSecurity security) {
        synchronized (CONFIGURED_DOMAINS) {
            boolean configured = cycloneXml != null;
            if (configured) {
                int[] shared = CONFIGURED_DOMAINS.get(domainId);
                if (shared == null) {
                    int domain;
                    try (Arena call = Arena.ofConfined()) {
                        domain = Ddsc.createDomain(domainId, call.allocateFrom(cycloneXml));
                    }
                    if (domain < 0) {
                        throw new DdsException("dds_create_domain(" + domainId + ", <config>) (a domain created "
                                + "earlier without a configuration cannot be reconfigured)", domain);
                    }
                    shared = new int[] {domain, 0};
                    CONFIGURED_DOMAINS.put(domainId, shared);
                }
                shared[1]++;
            }
            int participant = Ddsc.createParticipant(domainId, qos, MemorySegment.NULL);
            if (participant < 0) {
                if (configured) {
                    releaseDomain(domainId);
                }
                throw new DdsException("dds_create_participant(" + domainId + (security != null ? ", secured" : "")
                        + ")", participant);
            }
            return new DdsParticipant(domainId, configured, participant, security);
        }
    }

    /** The participant QoS for {@code userData} and {@code security} (NULL for neither); strings in {@code call}. */
    private static MemorySegment participantQos(Arena call, String userData, DdsSecurity security) {
        if (userData == null && security == null) {
            return MemorySegment.NULL;
        }
        MemorySegment qos = Ddsc.createQos();
        if (qos.equals(MemorySegment.NULL)) {
            throw new IllegalStateException("dds_create_qos returned NULL (out of memory)");
        }
        try {
            if (userData != null) {
                byte[] bytes = userData.getBytes(StandardCharsets.UTF_8);
                Ddsc.qsetUserdata(qos, call.allocateFrom(JAVA_BYTE, bytes), bytes.length);
            }
            if (security != null) {
                security.properties().forEach((name, value) ->
                        Ddsc.qsetProp(qos, call.allocateFrom(name), call.allocateFrom(value)));
            }
            return qos;
        } catch (RuntimeException e) {
            Ddsc.deleteQos(qos);
            throw e;
        }
    }

    private static void releaseDomain(int domainId) {
        int[] shared = CONFIGURED_DOMAINS.get(domainId);
        if (shared != null && --shared[1] == 0) {
            CONFIGURED_DOMAINS.remove(domainId);
            Ddsc.delete(shared[0]);
        }
    }

    /** The DDS domain id. */
    public int domainId() {
        return domainId;
    }

    /** The DDS Security settings the participant was created with, or null if it is not secured. */
    public DdsSecurity security() {
        return security;
    }

    /** The participant's entity handle. */
    public int handle() {
        return participant;
    }

    /** The arena that lives as long as this participant: allocate per-endpoint native buffers here. */
    public Arena arena() {
        return arena;
    }

    /**
     * The topic {@code ddsName} of {@code type}, created on first use.
     *
     * @throws IllegalArgumentException if this participant already has {@code ddsName} with another type
     * @throws DdsException if Cyclone refuses the topic
     */
    public synchronized int topic(String ddsName, MessageType<?> type) {
        ensureOpen();
        String existing = topicTypes.get(ddsName);
        if (existing != null) {
            if (!existing.equals(type.ddsTypeName())) {
                throw new IllegalArgumentException("topic " + ddsName + " already has type " + existing
                        + " in this participant; cannot use it as " + type.ddsTypeName());
            }
            return topics.get(ddsName);
        }
        MemorySegment descriptor = descriptors.computeIfAbsent(type.ddsTypeName(), n -> descriptor(type));
        int topic = Ddsc.createTopic(participant, descriptor, arena.allocateFrom(ddsName), MemorySegment.NULL,
                MemorySegment.NULL);
        if (topic < 0) {
            throw new DdsException("dds_create_topic(" + ddsName + ", " + type.ddsTypeName() + ")", topic);
        }
        topicTypes.put(ddsName, type.ddsTypeName());
        topics.put(ddsName, topic);
        return topic;
    }

    /**
     * Builds the 96-byte {@code dds_topic_descriptor_t} and its ops program in the arena. No XTypes
     * metadata is attached (flag clear, type_information/type_mapping zero), as rmw_cyclonedds does.
     */
    private MemorySegment descriptor(MessageType<?> type) {
        OpsProgram ops = type.ops();
        MemorySegment program = arena.allocate(JAVA_INT, ops.words().length);
        MemorySegment.copy(ops.words(), 0, program, JAVA_INT, 0, ops.words().length);
        MemorySegment d = arena.allocate(DESCRIPTOR_SIZE, 8);
        d.set(JAVA_INT, 0, Math.toIntExact(type.layout().size()));
        d.set(JAVA_INT, 4, Math.toIntExact(type.layout().align()));
        d.set(JAVA_INT, 8, type.layout().fixedSize() ? OpsProgram.TOPIC_FIXED_SIZE : 0);
        d.set(JAVA_INT, 12, 0);
        d.set(ADDRESS, 16, arena.allocateFrom(type.ddsTypeName()));
        d.set(ADDRESS, 24, MemorySegment.NULL);
        d.set(JAVA_INT, 32, ops.instructions());
        d.set(ADDRESS, 40, program);
        d.set(ADDRESS, 48, arena.allocateFrom(""));
        return d;
    }

    /** Creates a reader on {@code topic}. QoS: reliable or best effort, transient-local or volatile, keep last depth. */
    public synchronized int reader(int topic, boolean reliable, boolean transientLocal, int depth) {
        return reader(topic, reliable, transientLocal, depth, null);
    }

    /**
     * Creates a reader as {@link #reader(int, boolean, boolean, int)} with USER_DATA {@code userData}
     * (ASCII, e.g. {@code typehash=RIHS01_…;}), or none if null.
     */
    public synchronized int reader(int topic, boolean reliable, boolean transientLocal, int depth, String userData) {
        ensureOpen();
        MemorySegment qos = qos(reliable, transientLocal, depth, userData, false);
        try {
            int reader = Ddsc.createReader(participant, topic, qos, MemorySegment.NULL);
            if (reader < 0) {
                throw new DdsException("dds_create_reader", reader);
            }
            return reader;
        } finally {
            Ddsc.deleteQos(qos);
        }
    }

    /** Creates a writer on {@code topic}, with the same QoS parameters as {@link #reader}. */
    public synchronized int writer(int topic, boolean reliable, boolean transientLocal, int depth) {
        return writer(topic, reliable, transientLocal, depth, Long.MAX_VALUE, null);
    }

    /**
     * Creates a writer as {@link #writer(int, boolean, boolean, int)} whose samples expire {@code lifespanNs} after
     * they are written ({@code Long.MAX_VALUE}, DDS_INFINITY: never), with USER_DATA {@code userData}, or none if
     * null. A transient-local writer gets what rmw_cyclonedds sets: a durability service keeping the last
     * {@code depth} samples (else late joiners through a durability service get one) and no autodispose.
     */
    public synchronized int writer(int topic, boolean reliable, boolean transientLocal, int depth, long lifespanNs,
            String userData) {
        ensureOpen();
        MemorySegment qos = qos(reliable, transientLocal, depth, userData, true);
        try {
            if (lifespanNs != Long.MAX_VALUE) { // unset for the default, as rmw_cyclonedds leaves it
                DdscQos.qsetLifespan(qos, lifespanNs);
            }
            int writer = Ddsc.createWriter(participant, topic, qos, MemorySegment.NULL);
            if (writer < 0) {
                throw new DdsException("dds_create_writer", writer);
            }
            return writer;
        } finally {
            Ddsc.deleteQos(qos);
        }
    }

    private static MemorySegment qos(boolean reliable, boolean transientLocal, int depth, String userData, boolean writer) {
        if (depth < 1) {
            throw new IllegalArgumentException("history depth must be >= 1, got " + depth);
        }
        MemorySegment qos = Ddsc.createQos();
        if (qos.equals(MemorySegment.NULL)) {
            throw new IllegalStateException("dds_create_qos returned NULL (out of memory)");
        }
        Ddsc.qsetReliability(qos, reliable ? 1 : 0, MAX_BLOCKING_TIME_NS);
        Ddsc.qsetHistory(qos, 0, depth);
        Ddsc.qsetDurability(qos, transientLocal ? 1 : 0);
        if (writer && transientLocal) {
            DdscQos.qsetDurabilityService(qos, 0, 0, depth, -1, -1, -1);
            DdscQos.qsetWriterDataLifecycle(qos, false);
        }
        if (userData != null) {
            try (Arena call = Arena.ofConfined()) {
                byte[] bytes = userData.getBytes(StandardCharsets.US_ASCII);
                Ddsc.qsetUserdata(qos, call.allocateFrom(JAVA_BYTE, bytes), bytes.length);
            }
        }
        return qos;
    }

    /** The 16-byte GUID of an entity of this participant (for ros_discovery_info GIDs). */
    public byte[] guid(int entity) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment guid = call.allocate(16);
            check("dds_get_guid", Ddsc.getGuid(entity, guid));
            return guid.toArray(JAVA_BYTE);
        }
    }

    /** Throws {@link DdsException} if {@code rc} is negative; returns it otherwise. */
    public static int check(String call, int rc) {
        if (rc < 0) {
            throw new DdsException(call, rc);
        }
        return rc;
    }

    /** Reads an unsigned 32-bit count from a status struct. */
    public static long unsignedInt(MemorySegment status, long offset) {
        return Integer.toUnsignedLong(status.get(JAVA_INT, offset));
    }

    /** The pointer in a one-slot loan buffer. */
    public static long pointerAt(MemorySegment slot) {
        return slot.get(JAVA_LONG, 0);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("participant is closed");
        }
    }

    /** Deletes the participant and every entity under it, the domain it created, then the native memory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Ddsc.delete(participant);
            if (configuredDomain) {
                synchronized (CONFIGURED_DOMAINS) {
                    releaseDomain(domainId);
                }
            }
        } finally {
            arena.close();
        }
    }
}
