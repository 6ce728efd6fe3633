package org.cponode.ros;

import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.cponode.ros.msg.ServiceType;

/**
 * The DDS side of a ROS service as rmw_cyclonedds lays it out: topic names, QoS and the USER_DATA that tells
 * servers and clients of one service apart (servers {@code serviceid=}, clients {@code clientid=}).
 */
final class ServiceEndpoints {

    /** rmw's {@code services_default}: reliable, volatile, keep last 10. */
    static final QosProfile QOS = QosProfile.DEFAULT;

    private static final AtomicLong IDS = new AtomicLong();

    private ServiceEndpoints() {}

    /** DDS topic of requests to service {@code fqn} (resolved, absolute). */
    static String requestTopic(String fqn) {
        return "rq" + fqn + "Request";
    }

    /** DDS topic of replies from service {@code fqn}. */
    static String replyTopic(String fqn) {
        return "rr" + fqn + "Reply";
    }

    /**
     * A new id unique on the network: this participant's GUID prefix and a process-wide counter. rmw formats its
     * ids differently, but peers only compare them for equality.
     */
    static String newId(RosNode node) {
        byte[] guid = node.participant().guid(node.participant().handle());
        return HexFormat.of().formatHex(guid, 0, 12) + "." + IDS.incrementAndGet();
    }

    /** USER_DATA of a server's ({@code key} serviceid) or client's ({@code key} clientid) two endpoints. */
    static String userData(RosNode node, String key, String id, ServiceType<?, ?> type) {
        // the id comes first, the type hash after it (Iron and later; Humble's rmw sends only the id)
        return key + "=" + id + ";" + Objects.requireNonNullElse(node.typeHashUserData(type.typeHash()), "");
    }

    /** The value of {@code key=} in USER_DATA text ({@code a=1;b=2;}), or null. */
    static String value(String userData, String key) {
        if (userData == null) {
            return null;
        }
        for (String part : userData.split(";")) {
            if (part.startsWith(key + "=")) {
                return part.substring(key.length() + 1);
            }
        }
        return null;
    }
}
