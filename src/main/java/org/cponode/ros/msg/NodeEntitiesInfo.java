package org.cponode.ros.msg;

import java.util.List;
import java.util.Objects;

/**
 * ROS {@code rmw_dds_common/msg/NodeEntitiesInfo} (DDS {@code rmw_dds_common::msg::dds_::NodeEntitiesInfo_}), 568 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param nodeNamespace ROS field {@code node_namespace}
 * @param nodeName ROS field {@code node_name}
 * @param readerGidSeq ROS field {@code reader_gid_seq}
 * @param writerGidSeq ROS field {@code writer_gid_seq}
 */
public record NodeEntitiesInfo(String nodeNamespace, String nodeName, List<Gid> readerGidSeq, List<Gid> writerGidSeq) {

    /** Transport description of this type. */
    public static final MessageType<NodeEntitiesInfo> TYPE =
            new MessageType<>("rmw_dds_common/msg/NodeEntitiesInfo", NodeEntitiesInfo.class, 568L, NodeEntitiesInfo::decode, NodeEntitiesInfo::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public NodeEntitiesInfo {
        Objects.requireNonNull(nodeNamespace, "node_namespace");
        Objects.requireNonNull(nodeName, "node_name");
        Objects.requireNonNull(readerGidSeq, "reader_gid_seq");
        Objects.requireNonNull(writerGidSeq, "writer_gid_seq");
    }

    static NodeEntitiesInfo decode(SampleReader in, long at) {
        return new NodeEntitiesInfo(
                in.boundedString(at + 0L, 256),
                in.boundedString(at + 257L, 256),
                in.messages(at + 520L, 0, 16L, Gid::decode),
                in.messages(at + 544L, 0, 16L, Gid::decode));
    }

    static void encode(NodeEntitiesInfo m, SampleWriter out, long at) {
        out.boundedString(at + 0L, m.nodeNamespace, 256);
        out.boundedString(at + 257L, m.nodeName, 256);
        out.messages(at + 520L, m.readerGidSeq, 0, 16L, Gid::encode);
        out.messages(at + 544L, m.writerGidSeq, 0, 16L, Gid::encode);
    }
}
