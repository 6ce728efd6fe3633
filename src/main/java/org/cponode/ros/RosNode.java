package org.cponode.ros;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.cponode.ros.dds.CycloneConfig;
import org.cponode.ros.dds.DdsException;
import org.cponode.ros.dds.DdsParticipant;
import org.cponode.ros.dds.DdsSecurity;
import org.cponode.ros.dds.Ddsc;
import org.cponode.ros.msg.Gid;
import org.cponode.ros.msg.HumbleGraph;
import org.cponode.ros.msg.MessageType;
import org.cponode.ros.msg.NodeEntitiesInfo;
import org.cponode.ros.msg.ParticipantEntitiesInfo;

/**
 * A ROS 2 node on its own DDS participant: names resolved by {@link TopicNames}, publishers and
 * subscriptions on {@code rt/} topics, and one daemon thread ({@code ros-waitset-<node>}) blocked in
 * {@code dds_waitset_wait} that takes samples, runs subscription callbacks and handles matched and
 * incompatible-QoS events. No code of the node runs on Cyclone's threads, except that Cyclone's log is routed
 * through a rate limit ({@link CycloneMessages}) instead of going straight to stderr: a sample that cannot be
 * deserialised would otherwise log a line each. Thread-safe.
 *
 * <p>Dropped samples are counted per topic and {@link DropReason} ({@link #sampleDrops()}) and logged at most once
 * per topic and reason every 5 s, besides the first.
 *
 * <p>Like an rmw implementation, the node announces itself and its endpoints on the DDS topic
 * {@code ros_discovery_info} ({@code rmw_dds_common/msg/ParticipantEntitiesInfo}, Iron-and-later 16-byte
 * GIDs = DDS GUIDs; reliable, transient local, keep last 1), republished whenever an endpoint is added,
 * which is what {@code ros2 node list} reads; with {@link Options#humbleGraph()}, in Humble's layout (24-byte
 * GIDs, {@link HumbleGraph}).
 */
public final class RosNode implements AutoCloseable {

    /** The DDS topic of ROS graph announcements (not prefixed). */
    public static final String DISCOVERY_TOPIC = "ros_discovery_info";

    private static final System.Logger LOG = System.getLogger("org.cponode.ros");
    private static final long WAIT_TIMEOUT_NS = 200_000_000L;
    private static final int MAX_TRIGGERED = 64;
    /** Attachment value of the waitset itself (woken by {@link #close()}). */
    private static final long SELF = -1;

    /**
     * How to create a node.
     *
     * @param name       node name before {@code __node} remaps
     * @param namespace  namespace before {@code __ns} remaps ({@code ""} or {@code /} for the root)
     * @param remaps     {@code -r} rules in command-line order
     * @param domainId   DDS domain (ROS_DOMAIN_ID)
     * @param cycloneXml Cyclone configuration XML for the domain, or null for libddsc's own
     *                   ({@code CYCLONEDDS_URI})
     * @param humbleGraph announce in Humble's layout (24-byte GIDs, no type hashes) instead of Iron's and
     *                   later ones: each distro's tools read only their own
     * @param security   SROS 2 settings: the enclave (in USER_DATA) and whether and how to secure the participant
     */
    public record Options(String name, String namespace, List<TopicNames.Remap> remaps, int domainId, String cycloneXml,
            boolean humbleGraph, RosSecurity security) {

        /** Checks the fields. */
        public Options {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(security, "security");
            remaps = List.copyOf(remaps);
            if (domainId < 0 || domainId > DdsParticipant.MAX_DOMAIN_ID) {
                throw new IllegalArgumentException("domain id must be in 0.." + DdsParticipant.MAX_DOMAIN_ID + ", got " + domainId);
            }
        }

        /** Options without SROS 2, with the graph layout of the distro in {@code ROS_DISTRO} (Humble's for humble). */
        public Options(String name, String namespace, List<TopicNames.Remap> remaps, int domainId, String cycloneXml) {
            this(name, namespace, remaps, domainId, cycloneXml, RosSecurity.OFF);
        }

        /** Options with SROS 2 settings and the graph layout of the distro in {@code ROS_DISTRO}. */
        public Options(String name, String namespace, List<TopicNames.Remap> remaps, int domainId, String cycloneXml,
                RosSecurity security) {
            this(name, namespace, remaps, domainId, cycloneXml, HumbleGraph.isHumble(System.getenv()), security);
        }

        /**
         * Options for node {@code name} in the root namespace, with {@code ROS_DOMAIN_ID}, {@code ROS_LOCALHOST_ONLY}
         * and the {@code ROS_SECURITY_*} settings (enclave {@code /}) from the environment.
         */
        public static Options of(String name) {
            Map<String, String> env = System.getenv();
            return new Options(name, "/", List.of(), domainIdFromEnvironment(env), cycloneConfigFromEnvironment(env),
                    RosSecurity.fromEnvironment(env, null));
        }

        /**
         * The names of a node made with these options: resolve a topic here to refuse a bad name before any DDS
         * call.
         *
         * @throws IllegalArgumentException on an invalid node name, namespace or remap rule
         */
        public TopicNames names() {
            return new TopicNames(name, namespace, remaps);
        }

        public Options withNamespace(String ns) {
            return new Options(name, ns, remaps, domainId, cycloneXml, humbleGraph, security);
        }

        public Options withRemaps(List<TopicNames.Remap> rules) {
            return new Options(name, namespace, rules, domainId, cycloneXml, humbleGraph, security);
        }

        public Options withDomainId(int id) {
            return new Options(name, namespace, remaps, id, cycloneXml, humbleGraph, security);
        }

        public Options withCycloneConfig(String xml) {
            return new Options(name, namespace, remaps, domainId, xml, humbleGraph, security);
        }

        public Options withHumbleGraph(boolean humble) {
            return new Options(name, namespace, remaps, domainId, cycloneXml, humble, security);
        }

        public Options withSecurity(RosSecurity settings) {
            return new Options(name, namespace, remaps, domainId, cycloneXml, humbleGraph, settings);
        }
    }

    /**
     * The Cyclone configuration that {@code ROS_LOCALHOST_ONLY=1} asks for (loopback only), or null to let libddsc
     * read {@code CYCLONEDDS_URI} or use its defaults. An explicit {@code CYCLONEDDS_URI} wins, as with rmw: the
     * variable is implemented by the rmw layer, which this node replaces.
     */
    public static String cycloneConfigFromEnvironment(Map<String, String> env) {
        return "1".equals(env.get("ROS_LOCALHOST_ONLY")) && env.get("CYCLONEDDS_URI") == null
                ? CycloneConfig.loopbackOnly("any") : null;
    }

    /**
     * {@code ROS_DOMAIN_ID} from an environment: 0 when unset or empty.
     *
     * @throws IllegalArgumentException if it is not an integer in 0..232
     */
    public static int domainIdFromEnvironment(Map<String, String> env) {
        String v = env.get("ROS_DOMAIN_ID");
        if (v == null || v.isBlank()) {
            return 0;
        }
        try {
            int id = Integer.parseInt(v.strip());
            if (id >= 0 && id <= DdsParticipant.MAX_DOMAIN_ID) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("ROS_DOMAIN_ID must be an integer in 0.." + DdsParticipant.MAX_DOMAIN_ID + ", got '" + v + "'");
    }

    private final TopicNames names;
    private final boolean humbleGraph;
    private final DdsParticipant participant;
    private final int waitset;
    private final Thread thread;
    private volatile Endpoint[] endpoints = new Endpoint[0];
    private volatile boolean running = true;
    private volatile long eventFailures;
    private final Gid participantGid;
    private final List<Gid> readerGids = new ArrayList<>();
    private final List<Gid> writerGids = new ArrayList<>();
    private final Publisher<ParticipantEntitiesInfo> discovery;
    private final List<AutoCloseable> closeFirst = new ArrayList<>();

    private RosNode(TopicNames names, DdsParticipant participant, boolean humbleGraph) {
        this.names = names;
        this.humbleGraph = humbleGraph;
        this.participant = participant;
        this.waitset = DdsParticipant.check("dds_create_waitset", Ddsc.createWaitset(participant.handle()));
        DdsParticipant.check("dds_waitset_attach(self)", Ddsc.waitsetAttach(waitset, waitset, SELF));
        this.thread = Thread.ofPlatform().daemon().name("ros-waitset-" + names.node()).unstarted(this::runWaitset);
        this.participantGid = new Gid(participant.guid(participant.handle()));
        MessageType<ParticipantEntitiesInfo> discoveryType = humbleGraph ? HumbleGraph.PARTICIPANT_ENTITIES_INFO : ParticipantEntitiesInfo.TYPE;
        this.discovery = createPublisher(DISCOVERY_TOPIC, DISCOVERY_TOPIC, discoveryType, QosProfile.LATCHED,
                typeHashUserData(discoveryType.typeHash()));
        announce();
    }

    /**
     * Creates the node, its participant and its waitset thread. The participant carries {@code enclave=<name>;}
     * in its USER_DATA and is secured as {@link RosSecurity} says; one line at start says how (secured, or why
     * the domain is open).
     *
     * @throws IllegalArgumentException on invalid names or remaps
     * @throws RosSecurityException if SROS 2 is enforced and the participant cannot be secured
     * @throws org.cponode.ros.dds.DdsUnavailableException if libddsc cannot be loaded
     * @throws org.cponode.ros.dds.DdsException if Cyclone refuses
     */
    public static RosNode create(Options options) {
        TopicNames names = options.names();
        CycloneMessages.install();
        DdsParticipant participant;
        try {
            participant = participant(options, names.fullyQualifiedNode());
        } catch (RuntimeException e) {
            // Cyclone says why (a configuration error, say) in its log: show what the rate limit still holds back
            CycloneMessages.INSTANCE.logDrops(true);
            throw e;
        }
        try {
            RosNode node = new RosNode(names, participant, options.humbleGraph());
            node.thread.start();
            return node;
        } catch (RuntimeException e) {
            participant.close();
            throw e;
        }
    }

    private static DdsParticipant participant(Options options, String node) {
        RosSecurity security = options.security();
        RosSecurity.Plan plan = security.plan(options.domainId());
        if (plan.files() != null) {
            try {
                DdsParticipant p = DdsParticipant.create(options.domainId(), options.cycloneXml(), security.userData(),
                        plan.files());
                Object plugins = plan.files().pluginDirectory() == null ? "from the loader path"
                        : plan.files().pluginDirectory();
                LOG.log(System.Logger.Level.INFO, "{0}: SROS 2 ({1}): enclave {2}, files {3}, Cyclone plugins {4}",
                        node, security.strategy(), security.enclave(), plan.files().enclave(), plugins);
                return p;
            } catch (DdsException e) {
                plan = new RosSecurity.Plan(null, security.refused(plan.files(), options.domainId(), e.getMessage()));
            }
        }
        LOG.log(System.Logger.Level.WARNING, node + ": " + plan.warning());
        return DdsParticipant.create(options.domainId(), options.cycloneXml(), security.userData(), null);
    }

    /** Name resolution of this node. */
    public TopicNames names() {
        return names;
    }

    /** The DDS participant (for GUIDs and low-level use). */
    public DdsParticipant participant() {
        return participant;
    }

    /** Waitset events whose handling threw (logged). */
    public long eventFailureCount() {
        return eventFailures;
    }

    /**
     * Samples this node's subscriptions dropped since they were created, per topic and reason, non-zero counts only,
     * in the order the topics were subscribed. A topic read by two subscriptions counts a bad sample once for each
     * (each decodes its own copy), except {@link DropReason#UNDESERIALISABLE}: Cyclone drops those before any
     * subscription sees them, once per sample in this process.
     */
    public List<DropCount> sampleDrops() {
        Map<String, Map<DropReason, Long>> byTopic = new LinkedHashMap<>();
        for (Endpoint e : endpoints) {
            if (e instanceof Subscription<?> s) {
                Map<DropReason, Long> counts = byTopic.computeIfAbsent(s.topic(), t -> new EnumMap<>(DropReason.class));
                for (DropCount d : s.drops()) {
                    counts.merge(d.reason(), d.count(),
                            d.reason() == DropReason.UNDESERIALISABLE ? Math::max : Long::sum);
                }
            }
        }
        List<DropCount> out = new ArrayList<>();
        byTopic.forEach((topic, counts) -> counts.forEach((reason, n) -> out.add(new DropCount(topic, reason, n))));
        return out;
    }

    /**
     * A publisher on ROS topic {@code topic} (relative, absolute or {@code ~}; remaps apply).
     *
     * @throws IllegalArgumentException on a bad name, or if the topic exists in this node with another type
     */
    public <T> Publisher<T> publisher(String topic, MessageType<T> type, QosProfile qos) {
        String ros = names.resolve(topic);
        synchronized (this) {
            ensureOpen();
            return announcedWriter(ros, "rt" + ros, type, qos, typeHashUserData(type.typeHash()));
        }
    }

    /** A writer on DDS topic {@code dds} with USER_DATA {@code userData} (null: none), announced in the graph. */
    synchronized <T> Publisher<T> announcedWriter(String ros, String dds, MessageType<T> type, QosProfile qos,
            String userData) {
        ensureOpen();
        Publisher<T> p = createPublisher(ros, dds, type, qos, userData);
        writerGids.add(new Gid(participant.guid(p.entity)));
        announce();
        return p;
    }

    /** A reader on DDS topic {@code dds} with USER_DATA {@code userData} (null: none), announced in the graph. */
    <T> Subscription<T> announcedReader(String ros, String dds, MessageType<T> type, QosProfile qos, String userData,
            Consumer<? super T> callback) {
        Subscription<T> s = createReader(ros, dds, type, qos, Subscription.Limits.DEFAULT, userData, callback);
        synchronized (this) {
            readerGids.add(new Gid(participant.guid(s.entity)));
            announce();
        }
        return s;
    }

    /** Whether endpoints follow Humble's conventions (no type hashes in USER_DATA). */
    boolean humbleGraph() {
        return humbleGraph;
    }

    /** Closes {@code resource} (a service and its thread) when this node closes, before the participant goes. */
    synchronized void closeFirst(AutoCloseable resource) {
        ensureOpen();
        closeFirst.add(resource);
    }

    private synchronized <T> Publisher<T> createPublisher(String ros, String dds, MessageType<T> type, QosProfile qos,
            String userData) {
        int w;
        try {
            w = participant.writer(participant.topic(dds, type), qos.reliable(), qos.transientLocal(), qos.depth(),
                    qos.lifespanNanos(), userData);
        } catch (DdsException e) {
            throw denied(e, "publishing", dds);
        }
        int mask = DdsParticipant.PUBLICATION_MATCHED_STATUS | DdsParticipant.OFFERED_INCOMPATIBLE_QOS_STATUS;
        Publisher<T> p = new Publisher<>(ros, dds, qos, w, participant, type, mask);
        register(p, mask);
        return p;
    }

    /**
     * The {@code typehash=<hash>;} USER_DATA entry rmw_cyclonedds (Iron and later) gives every endpoint, so
     * {@code ros2 topic info -v} shows the hash; null on Humble's graph.
     */
    String typeHashUserData(String typeHash) {
        // Humble's rmw sends none, and its Gid is not the type the hash would describe
        return humbleGraph ? null : "typehash=" + typeHash + ";";
    }

    /** Publishes this node's current entities on {@value #DISCOVERY_TOPIC}. */
    private synchronized void announce() {
        discovery.publish(new ParticipantEntitiesInfo(participantGid, List.of(new NodeEntitiesInfo(
                names.namespace(), names.node(), List.copyOf(readerGids), List.copyOf(writerGids)))));
    }

    /** A subscription with {@link Subscription.Limits#DEFAULT}; see the other overload. */
    public <T> Subscription<T> subscribe(String topic, MessageType<T> type, QosProfile qos, Consumer<? super T> callback) {
        return subscribe(topic, type, qos, Subscription.Limits.DEFAULT, callback);
    }

    /**
     * A subscription on ROS topic {@code topic}. {@code callback} (may be null: then poll
     * {@link Subscription#latest()}) runs on this node's waitset thread and must return quickly.
     *
     * @throws IllegalArgumentException on a bad name, or if the topic exists in this node with another type
     */
    public <T> Subscription<T> subscribe(String topic, MessageType<T> type, QosProfile qos, Subscription.Limits limits,
            Consumer<? super T> callback) {
        String ros = names.resolve(topic);
        Subscription<T> s = subscribeRaw(ros, "rt" + ros, type, qos, limits, callback);
        synchronized (this) {
            readerGids.add(new Gid(participant.guid(s.entity)));
            announce();
        }
        return s;
    }

    /** A subscription on a DDS topic name used as is (no {@code rt/} mapping, not announced). */
    <T> Subscription<T> subscribeRaw(String ros, String dds, MessageType<T> type, QosProfile qos, Subscription.Limits limits,
            Consumer<? super T> callback) {
        return createReader(ros, dds, type, qos, limits, typeHashUserData(type.typeHash()), callback);
    }

    private <T> Subscription<T> createReader(String ros, String dds, MessageType<T> type, QosProfile qos,
            Subscription.Limits limits, String userData, Consumer<? super T> callback) {
        synchronized (this) {
            ensureOpen();
            int r;
            try {
                r = participant.reader(participant.topic(dds, type), qos.reliable(), qos.transientLocal(),
                        qos.depth(), userData);
            } catch (DdsException e) {
                throw denied(e, "subscribing to", dds);
            }
            int mask = DdsParticipant.DATA_AVAILABLE_STATUS | DdsParticipant.SUBSCRIPTION_MATCHED_STATUS
                    | DdsParticipant.REQUESTED_INCOMPATIBLE_QOS_STATUS;
            Subscription<T> s = new Subscription<>(ros, dds, qos, r, participant, type, callback, limits, mask);
            CycloneMessages.INSTANCE.watch(dds);
            register(s, mask);
            return s;
        }
    }

    /**
     * {@code e}, or when the participant's permissions refused the topic or endpoint, the same refusal naming the
     * permissions file, so that the grant to fix is plain.
     */
    private RuntimeException denied(DdsException e, String what, String dds) {
        if (e.returnCode() != DdsException.NOT_ALLOWED_BY_SECURITY || participant.security() == null) {
            return e;
        }
        Path permissions = participant.security().enclave().resolve(DdsSecurity.PERMISSIONS);
        return new RosSecurityException(names.fullyQualifiedNode() + ": " + permissions + " does not allow " + what
                + " " + dds + " (" + e.getMessage() + ")");
    }

    private void register(Endpoint e, int mask) {
        DdsParticipant.check("dds_set_status_mask(" + e.ddsTopic + ")", Ddsc.setStatusMask(e.entity, mask));
        Endpoint[] next = Arrays.copyOf(endpoints, endpoints.length + 1);
        next[next.length - 1] = e;
        endpoints = next;
        DdsParticipant.check("dds_waitset_attach(" + e.ddsTopic + ")", Ddsc.waitsetAttach(waitset, e.entity, next.length - 1));
    }

    private void runWaitset() {
        MemorySegment triggered = participant.arena().allocate(JAVA_LONG, MAX_TRIGGERED);
        MemorySegment flags = participant.arena().allocate(JAVA_INT);
        long lastTick = System.nanoTime();
        while (running) {
            int n = Ddsc.waitsetWait(waitset, triggered, MAX_TRIGGERED, WAIT_TIMEOUT_NS);
            if (n < 0) {
                if (running) {
                    LOG.log(System.Logger.Level.ERROR, "dds_waitset_wait failed ({0}); waitset thread stops", n);
                }
                return;
            }
            Endpoint[] current = endpoints;
            for (int i = 0; i < Math.min(n, MAX_TRIGGERED) && running; i++) {
                long id = triggered.getAtIndex(JAVA_LONG, i);
                if (id < 0 || id >= current.length) {
                    continue;
                }
                try {
                    current[(int) id].service(flags);
                } catch (RuntimeException e) {
                    eventFailures++;
                    LOG.log(System.Logger.Level.ERROR, "handling " + current[(int) id] + " failed", e);
                }
            }
            long now = System.nanoTime();
            if (now - lastTick >= WAIT_TIMEOUT_NS) {
                lastTick = now;
                logDrops(current, false);
            }
        }
    }

    /** Logs the drop summaries that are due, or with {@code all} every one not yet logged. */
    private static void logDrops(Endpoint[] current, boolean all) {
        for (Endpoint e : current) {
            if (e instanceof Subscription<?> s) {
                s.logDrops(all);
            }
        }
        CycloneMessages.INSTANCE.logDrops(all);
    }

    private void ensureOpen() {
        if (!running) {
            throw new IllegalStateException("node " + names.fullyQualifiedNode() + " is closed");
        }
    }

    /** Stops the waitset thread, then deletes the participant with every endpoint. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
        }
        for (AutoCloseable c : closeFirst) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.ERROR, "closing " + c + " failed", e);
            }
        }
        Ddsc.waitsetSetTrigger(waitset, true);
        if (Thread.currentThread() != thread) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                LOG.log(System.Logger.Level.ERROR, "waitset thread did not stop; leaking the participant to avoid a crash");
                return;
            }
        }
        logDrops(endpoints, true);
        participant.close();
    }
}
