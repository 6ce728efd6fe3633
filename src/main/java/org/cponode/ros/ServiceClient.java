package org.cponode.ros;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.cponode.ros.dds.DdscMatched;
import org.cponode.ros.msg.ServiceSample;
import org.cponode.ros.msg.ServiceType;

/**
 * A ROS 2 service client over Cyclone as rmw_cyclonedds does it: requests on {@code rq/<service>Request} with the
 * header {@code guid} = the request writer's instance handle and {@code seq} = a process-wide counter, replies
 * taken from {@code rr/<service>Reply} when their {@code guid} is this client's. Both endpoints carry
 * {@code clientid=} USER_DATA, which a server uses to wait for this client's reply reader before answering, and
 * are announced in {@code ros_discovery_info}. Thread-safe.
 *
 * @param <Q> the request record
 * @param <R> the response record
 */
public final class ServiceClient<Q, R> implements AutoCloseable {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final String service;
    private final ServiceType<Q, R> type;
    private final Subscription<ServiceSample<R>> replies;
    private final Publisher<ServiceSample<Q>> requests;
    private final long guid;
    private final Map<Long, CompletableFuture<R>> pending = new ConcurrentHashMap<>();

    private ServiceClient(RosNode node, String service, ServiceType<Q, R> type, QosProfile qos) {
        this.service = service;
        this.type = type;
        String userData = ServiceEndpoints.userData(node, "clientid", ServiceEndpoints.newId(node), type);
        // the reply reader first, so that it can match before any request goes out
        this.replies = node.announcedReader(service, ServiceEndpoints.replyTopic(service), type.responseWire(), qos,
                userData, this::onReply);
        this.requests = node.announcedWriter(service, ServiceEndpoints.requestTopic(service), type.requestWire(), qos,
                userData);
        this.guid = DdscMatched.instanceHandle(requests.entity);
        node.closeFirst(this);
    }

    /**
     * A client of {@code service} (relative, absolute or {@code ~}; remaps apply) on {@code node}.
     *
     * @throws IllegalArgumentException on a bad name, or if its topics exist in this node with other types
     */
    public static <Q, R> ServiceClient<Q, R> create(RosNode node, String service, ServiceType<Q, R> type) {
        return create(node, service, type, ServiceEndpoints.QOS);
    }

    /** {@link #create(RosNode, String, ServiceType)} with the QoS of both endpoints (rmw's profile of the service). */
    public static <Q, R> ServiceClient<Q, R> create(RosNode node, String service, ServiceType<Q, R> type,
            QosProfile qos) {
        return new ServiceClient<>(node, node.names().resolve(service), type, qos);
    }

    /** The fully qualified service name. */
    public String name() {
        return service;
    }

    /** True once a server's request reader and reply writer are both matched. */
    public boolean serviceAvailable() {
        return requests.matchedCount() > 0 && replies.matchedCount() > 0;
    }

    /** Waits up to {@code timeout} for {@link #serviceAvailable()}; returns it. */
    public boolean waitForService(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!serviceAvailable()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /**
     * Sends {@code request}; the future completes with the reply (on the node's waitset thread: do not block in
     * its continuations) or is cancelled when the client closes.
     */
    public CompletableFuture<R> callAsync(Q request) {
        long seq = SEQUENCE.incrementAndGet();
        CompletableFuture<R> reply = new CompletableFuture<>();
        pending.put(seq, reply);
        try {
            requests.publish(new ServiceSample<>(guid, seq, request));
        } catch (RuntimeException e) {
            pending.remove(seq);
            throw e;
        }
        return reply;
    }

    /**
     * Sends {@code request} and waits up to {@code timeout} for the reply.
     *
     * @throws TimeoutException if no reply came in time (a later one is ignored)
     */
    public R call(Q request, Duration timeout) throws TimeoutException, InterruptedException {
        CompletableFuture<R> reply = callAsync(request);
        try {
            return reply.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            reply.cancel(false);
            pending.values().remove(reply);
            throw new TimeoutException("no reply from " + service + " within " + timeout.toMillis() + " ms");
        }
    }

    /** The request writer (tests read what it matched). */
    Publisher<ServiceSample<Q>> requestWriter() {
        return requests;
    }

    /** On the waitset thread: replies to other clients of the service share the topic and are skipped. */
    private void onReply(ServiceSample<R> reply) {
        if (reply.guid() != guid) {
            return;
        }
        CompletableFuture<R> f = pending.remove(reply.seq());
        if (f != null) {
            f.complete(reply.body());
        }
    }

    /** Cancels the calls still waiting (the DDS endpoints go with the node). Idempotent. */
    @Override
    public void close() {
        for (Long seq : pending.keySet()) {
            CompletableFuture<R> f = pending.remove(seq);
            if (f != null) {
                f.completeExceptionally(new CancellationException("client of " + service + " closed"));
            }
        }
    }

    @Override
    public String toString() {
        return "service client " + service + " [" + type + "]";
    }
}
