package org.cponode.ros;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.MemorySegment;
import org.cponode.ros.dds.DdsParticipant;
import org.cponode.ros.dds.Ddsc;

/**
 * What publishers and subscriptions share: a topic, an entity serviced by the node's waitset thread, the
 * matched count and the incompatible-QoS counter, updated from status events and logged on change.
 */
abstract sealed class Endpoint permits Publisher, Subscription {

    static final System.Logger LOG = System.getLogger("org.cponode.ros");

    final String rosTopic;
    final String ddsTopic;
    final QosProfile qos;
    final int entity;
    /** Scratch for status reads; used only by the waitset thread. */
    private final MemorySegment status;
    private volatile int matched;
    private volatile long incompatibleQos;

    Endpoint(String rosTopic, String ddsTopic, QosProfile qos, int entity, DdsParticipant participant) {
        this.rosTopic = rosTopic;
        this.ddsTopic = ddsTopic;
        this.qos = qos;
        this.entity = entity;
        this.status = participant.arena().allocate(DdsParticipant.MATCHED_STATUS_SIZE, 8);
    }

    /** The fully qualified ROS topic name. */
    public String topic() {
        return rosTopic;
    }

    /** The QoS in use. */
    public QosProfile qos() {
        return qos;
    }

    /** Number of remote (or local) endpoints currently matched with this one. */
    public int matchedCount() {
        return matched;
    }

    /** Number of times a peer on this topic was found with incompatible QoS (logged each time). */
    public long incompatibleQosCount() {
        return incompatibleQos;
    }

    abstract boolean isWriter();

    /** Called on the waitset thread when this entity's status condition triggered. */
    abstract void service(MemorySegment statusFlags);

    /** Resets and handles the matched and incompatible-QoS statuses; returns the remaining flags. */
    final int serviceStatus(MemorySegment flags, int mask) {
        DdsParticipant.check("dds_take_status(" + ddsTopic + ")", Ddsc.takeStatus(entity, flags, mask));
        int raised = flags.get(JAVA_INT, 0);
        int matchedBit = isWriter() ? DdsParticipant.PUBLICATION_MATCHED_STATUS : DdsParticipant.SUBSCRIPTION_MATCHED_STATUS;
        int qosBit = isWriter() ? DdsParticipant.OFFERED_INCOMPATIBLE_QOS_STATUS : DdsParticipant.REQUESTED_INCOMPATIBLE_QOS_STATUS;
        if ((raised & matchedBit) != 0) {
            int rc = isWriter() ? Ddsc.getPublicationMatchedStatus(entity, status) : Ddsc.getSubscriptionMatchedStatus(entity, status);
            if (rc >= 0) {
                int now = (int) DdsParticipant.unsignedInt(status, DdsParticipant.MATCHED_STATUS_CURRENT_COUNT);
                if (now != matched) {
                    LOG.log(System.Logger.Level.INFO, "{0} {1}: matched {2} -> {3}",
                            isWriter() ? "publisher" : "subscription", rosTopic, matched, now);
                    matched = now;
                }
            }
        }
        if ((raised & qosBit) != 0) {
            int rc = isWriter() ? Ddsc.getOfferedIncompatibleQosStatus(entity, status)
                    : Ddsc.getRequestedIncompatibleQosStatus(entity, status);
            if (rc >= 0) {
                long total = DdsParticipant.unsignedInt(status, 0);
                int policy = status.get(JAVA_INT, 8);
                incompatibleQos = total;
                LOG.log(System.Logger.Level.WARNING, "{0} {1} ({2}): a peer has incompatible QoS, policy {3} (total {4})",
                        isWriter() ? "publisher" : "subscription", rosTopic, qos, policyName(policy), total);
            }
        }
        return raised;
    }

    /** Names of {@code dds_qos_policy_id_t} values (dds_public_qosdefs.h). */
    static String policyName(int id) {
        return switch (id) {
            case 1 -> "USERDATA";
            case 2 -> "DURABILITY";
            case 3 -> "PRESENTATION";
            case 4 -> "DEADLINE";
            case 5 -> "LATENCY_BUDGET";
            case 6 -> "OWNERSHIP";
            case 7 -> "OWNERSHIP_STRENGTH";
            case 8 -> "LIVELINESS";
            case 9 -> "TIME_BASED_FILTER";
            case 10 -> "PARTITION";
            case 11 -> "RELIABILITY";
            case 12 -> "DESTINATION_ORDER";
            case 13 -> "HISTORY";
            case 14 -> "RESOURCE_LIMITS";
            case 15 -> "ENTITY_FACTORY";
            case 16 -> "WRITER_DATA_LIFECYCLE";
            case 17 -> "READER_DATA_LIFECYCLE";
            case 18 -> "TOPICDATA";
            case 19 -> "GROUPDATA";
            case 20 -> "TRANSPORT_PRIORITY";
            case 21 -> "LIFESPAN";
            case 22 -> "DURABILITY_SERVICE";
            default -> "policy " + id;
        };
    }
}
