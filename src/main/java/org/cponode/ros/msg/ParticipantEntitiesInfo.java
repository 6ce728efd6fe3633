package org.cponode.ros.msg;

import java.util.List;
import java.util.Objects;

/**
 * ROS {@code rmw_dds_common/msg/ParticipantEntitiesInfo} (DDS {@code rmw_dds_common::msg::dds_::ParticipantEntitiesInfo_}), 40 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param gid ROS field {@code gid}
 * @param nodeEntitiesInfoSeq ROS field {@code node_entities_info_seq}
 */
public record ParticipantEntitiesInfo(Gid gid, List<NodeEntitiesInfo> nodeEntitiesInfoSeq) {

    /** Transport description of this type. */
    public static final MessageType<ParticipantEntitiesInfo> TYPE =
            new MessageType<>("rmw_dds_common/msg/ParticipantEntitiesInfo", ParticipantEntitiesInfo.class, 40L, ParticipantEntitiesInfo::decode, ParticipantEntitiesInfo::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public ParticipantEntitiesInfo {
        Objects.requireNonNull(gid, "gid");
        Objects.requireNonNull(nodeEntitiesInfoSeq, "node_entities_info_seq");
    }

    static ParticipantEntitiesInfo decode(SampleReader in, long at) {
        return new ParticipantEntitiesInfo(
                Gid.decode(in, at + 0L),
                in.messages(at + 16L, 0, 568L, NodeEntitiesInfo::decode));
    }

    static void encode(ParticipantEntitiesInfo m, SampleWriter out, long at) {
        Gid.encode(m.gid, out, at + 0L);
        out.messages(at + 16L, m.nodeEntitiesInfoSeq, 0, 568L, NodeEntitiesInfo::encode);
    }
}
