package org.cponode.ros;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.cponode.ros.dds.DdscMatched;
import org.cponode.ros.msg.ServiceSample;
import org.cponode.ros.msg.ServiceType;

/**
 * A ROS 2 service server over Cyclone as rmw_cyclonedds does it: requests on {@code rq/<service>Request}, replies on
 * {@code rr/<service>Reply}, each reply carrying the request's header ({@link ServiceSample}) unchanged, both
 * endpoints with {@code serviceid=} USER_DATA and announced in {@code ros_discovery_info}.
 *
 * <p>Requests are taken on the node's waitset thread and queued (at most {@value #QUEUE}; more are dropped and
 * counted); the handler runs and the reply is written on this server's own thread, {@code ros-service-<name>}.
 * That thread first waits until the calling client's reply reader (USER_DATA {@code clientid=}, from its request
 * writer) has matched the reply writer, polling every {@value #POLL_MS} ms for at most {@value #WAIT_MS} ms, as rmw
 * does: the reply writer is volatile, so a reply to a client that has only just appeared would otherwise be lost.
 * Doing that on the waitset thread would hold up the odometry it delivers.
 *
 * @param <Q> the request record
 * @param <R> the response record
 */
public final class ServiceServer<Q, R> implements AutoCloseable {

    static final int QUEUE = 64;
    static final long POLL_MS = 10;
    static final long WAIT_MS = 100;
    private static final System.Logger LOG = System.getLogger("org.cponode.ros");

    private record Pending<Q>(ServiceSample<Q> request, long publication) {}

    private final String service;
    private final ServiceType<Q, R> type;
    private final Function<? super Q, ? extends R> handler;
    private final Publisher<ServiceSample<R>> replies;
    private volatile Subscription<ServiceSample<Q>> requests;
    private final BlockingQueue<Pending<Q>> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long served;
    private volatile long dropped;
    private volatile long failed;
    private volatile long unmatched;

    private ServiceServer(RosNode node, String service, ServiceType<Q, R> type, QosProfile qos,
            Function<? super Q, ? extends R> handler) {
        this.service = service;
        this.type = type;
        this.handler = handler;
        String userData = ServiceEndpoints.userData(node, "serviceid", ServiceEndpoints.newId(node), type);
        // the reply writer first: a request must never arrive before there is a way to answer it
        this.replies = node.announcedWriter(service, ServiceEndpoints.replyTopic(service), type.responseWire(), qos,
                userData);
        this.thread = Thread.ofPlatform().daemon().name("ros-service-" + service).unstarted(this::run);
        thread.start();
        this.requests = node.announcedReader(service, ServiceEndpoints.requestTopic(service), type.requestWire(), qos,
                userData, this::enqueue);
        node.closeFirst(this);
    }

    /**
     * Serves {@code service} (relative, absolute or {@code ~}; remaps apply) on {@code node} until the node closes.
     * {@code handler} runs on the server's thread, one request at a time; if it throws or returns null, the request
     * is logged and not answered (the caller times out).
     *
     * @throws IllegalArgumentException on a bad name, or if its topics exist in this node with other types
     */
    public static <Q, R> ServiceServer<Q, R> create(RosNode node, String service, ServiceType<Q, R> type,
            Function<? super Q, ? extends R> handler) {
        return create(node, service, type, ServiceEndpoints.QOS, handler);
    }

    /** {@link #create(RosNode, String, ServiceType, Function)} with the QoS of both endpoints (rmw's profile of the service). */
    public static <Q, R> ServiceServer<Q, R> create(RosNode node, String service, ServiceType<Q, R> type, QosProfile qos,
            Function<? super Q, ? extends R> handler) {
        return new ServiceServer<>(node, node.names().resolve(service), type, qos, handler);
    }

    /** The fully qualified service name. */
    public String name() {
        return service;
    }

    /** The service type. */
    public ServiceType<Q, R> type() {
        return type;
    }

    /** Requests answered. */
    public long servedCount() {
        return served;
    }

    /** Requests dropped because {@value #QUEUE} were already waiting. */
    public long droppedCount() {
        return dropped;
    }

    /** Requests whose handler threw or returned null (not answered). */
    public long failedCount() {
        return failed;
    }

    /** Replies written although the client's reply reader had not matched within the wait. */
    public long unmatchedReplyCount() {
        return unmatched;
    }

    /** On the waitset thread: queue the request with the identity of the writer that sent it. */
    private void enqueue(ServiceSample<Q> request) {
        Subscription<ServiceSample<Q>> r = requests;
        // null only for a request taken before the constructor finished; then the reply goes out without the wait
        if (!queue.offer(new Pending<>(request, r == null ? 0 : r.publicationHandle()))) {
            dropped++;
            LOG.log(System.Logger.Level.WARNING, "service {0}: {1} requests waiting, dropped one (seq {2})", service,
                    QUEUE, request.seq());
        }
    }

    private void run() {
        while (running) {
            Pending<Q> p;
            try {
                p = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (p != null && running) {
                serve(p);
            }
        }
    }

    private void serve(Pending<Q> p) {
        R body;
        try {
            body = handler.apply(p.request().body());
            if (body == null) {
                throw new IllegalStateException("handler returned null");
            }
        } catch (RuntimeException e) {
            failed++;
            LOG.log(System.Logger.Level.ERROR, "service " + service + ": handler failed; request seq " + p.request().seq()
                    + " not answered", e);
            return;
        }
        try {
            if (!awaitClient(p.publication())) {
                unmatched++;
                LOG.log(System.Logger.Level.WARNING, "service {0}: the client''s reply reader did not match within {1} ms;"
                        + " replying anyway (seq {2})", service, WAIT_MS, p.request().seq());
            }
            replies.publish(new ServiceSample<>(p.request().guid(), p.request().seq(), body));
            served++;
        } catch (RuntimeException e) {
            failed++;
            LOG.log(System.Logger.Level.ERROR, "service " + service + ": reply to seq " + p.request().seq() + " failed", e);
        }
    }

    /**
     * Waits until a reader of the reply topic with the requesting client's {@code clientid} is matched; true at once
     * if the request's writer announced no {@code clientid}, false if the wait ran out.
     */
    private boolean awaitClient(long publication) {
        Subscription<ServiceSample<Q>> r = requests;
        String clientId = r == null || publication == 0 ? null
                : ServiceEndpoints.value(DdscMatched.publicationUserData(r.entity, publication), "clientid");
        if (clientId == null) {
            return true;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (true) {
            for (String ud : DdscMatched.matchedSubscriptionUserData(replies.entity)) {
                if (clientId.equals(ServiceEndpoints.value(ud, "clientid"))) {
                    return true;
                }
            }
            if (System.nanoTime() - deadline >= 0 || !running) {
                return false;
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Stops the server's thread (its DDS endpoints go with the node). Idempotent. */
    @Override
    public void close() {
        running = false;
        if (Thread.currentThread() != thread) {
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "service server " + service + " [" + type + "]";
    }
}
