package org.cponode.ros.msg;

import java.util.Arrays;

/**
 * The graph announcement ({@code ros_discovery_info}) in Humble's layout. Humble's
 * {@code rmw_dds_common/msg/Gid} is {@code char[24]} (the 16-byte DDS GUID, then 8 zero bytes) under the same
 * DDS type name as Iron's 16-byte one, so the two cannot decode each other's announcements. This type uses
 * the same records as {@link ParticipantEntitiesInfo#TYPE}, padding GIDs on the way out and dropping the
 * padding on the way in; its layout and ops program come from the Humble definitions below.
 */
public final class HumbleGraph {

    /** Humble's GID size ({@code RMW_GID_STORAGE_SIZE} in humble's rmw/types.h). */
    public static final int GID_SIZE = 24;

    /** Humble's rmw_dds_common messages, as they are in its .msg files. */
    static final MessageSchema SCHEMA = MessageSchema.parse("""
            rmw_dds_common/msg/Gid
              char[24] data
            rmw_dds_common/msg/NodeEntitiesInfo
              string<=256 node_namespace
              string<=256 node_name
              rmw_dds_common/msg/Gid[] reader_gid_seq
              rmw_dds_common/msg/Gid[] writer_gid_seq
            rmw_dds_common/msg/ParticipantEntitiesInfo
              rmw_dds_common/msg/Gid gid
              rmw_dds_common/msg/NodeEntitiesInfo[] node_entities_info_seq
            """);

    private static final MessageLayout NODE = MessageLayout.of(SCHEMA, "rmw_dds_common/msg/NodeEntitiesInfo");
    private static final MessageLayout PARTICIPANT = MessageLayout.of(SCHEMA, "rmw_dds_common/msg/ParticipantEntitiesInfo");

    /** {@code ros_discovery_info} as Humble reads and writes it. */
    public static final MessageType<ParticipantEntitiesInfo> PARTICIPANT_ENTITIES_INFO = new MessageType<>(SCHEMA,
            "rmw_dds_common/msg/ParticipantEntitiesInfo", ParticipantEntitiesInfo.class,
            HumbleGraph::decodeParticipant, HumbleGraph::encodeParticipant);

    private HumbleGraph() {}

    private static ParticipantEntitiesInfo decodeParticipant(SampleReader in, long at) {
        return new ParticipantEntitiesInfo(decodeGid(in, at + PARTICIPANT.offsetOf("gid")),
                in.messages(at + PARTICIPANT.offsetOf("node_entities_info_seq"), 0, NODE.size(), HumbleGraph::decodeNode));
    }

    private static void encodeParticipant(ParticipantEntitiesInfo m, SampleWriter out, long at) {
        encodeGid(m.gid(), out, at + PARTICIPANT.offsetOf("gid"));
        out.messages(at + PARTICIPANT.offsetOf("node_entities_info_seq"), m.nodeEntitiesInfoSeq(), 0, NODE.size(),
                HumbleGraph::encodeNode);
    }

    private static NodeEntitiesInfo decodeNode(SampleReader in, long at) {
        return new NodeEntitiesInfo(in.boundedString(at + NODE.offsetOf("node_namespace"), 256),
                in.boundedString(at + NODE.offsetOf("node_name"), 256),
                in.messages(at + NODE.offsetOf("reader_gid_seq"), 0, GID_SIZE, HumbleGraph::decodeGid),
                in.messages(at + NODE.offsetOf("writer_gid_seq"), 0, GID_SIZE, HumbleGraph::decodeGid));
    }

    private static void encodeNode(NodeEntitiesInfo m, SampleWriter out, long at) {
        out.boundedString(at + NODE.offsetOf("node_namespace"), m.nodeNamespace(), 256);
        out.boundedString(at + NODE.offsetOf("node_name"), m.nodeName(), 256);
        out.messages(at + NODE.offsetOf("reader_gid_seq"), m.readerGidSeq(), 0, GID_SIZE, HumbleGraph::encodeGid);
        out.messages(at + NODE.offsetOf("writer_gid_seq"), m.writerGidSeq(), 0, GID_SIZE, HumbleGraph::encodeGid);
    }

    /** The GUID part; Humble's trailing 8 bytes are always zero. */
    private static Gid decodeGid(SampleReader in, long at) {
        return new Gid(in.i8Array(at, 16));
    }

    private static void encodeGid(Gid gid, SampleWriter out, long at) {
        out.i8Array(at, Arrays.copyOf(gid.data(), GID_SIZE), GID_SIZE);
    }

    /** True when {@code ROS_DISTRO} names Humble, whose graph needs this layout. */
    public static boolean isHumble(java.util.Map<String, String> environment) {
        return "humble".equalsIgnoreCase(String.valueOf(environment.get("ROS_DISTRO")).strip());
    }
}
