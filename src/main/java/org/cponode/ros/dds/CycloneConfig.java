package org.cponode.ros.dds;

/** Cyclone DDS configurations (XML text) the node generates instead of asking users for files. */
public final class CycloneConfig {

    private CycloneConfig() {}

    /**
     * Discovery and data confined to the loopback interface: no multicast, unicast discovery to
     * 127.0.0.1 for up to 20 participants per host and domain. This is
     * what ROS 2's {@code ROS_LOCALHOST_ONLY=1} means, which libddsc alone does not implement.
     *
     * @param domainId {@code "any"} (for {@link DdsParticipant#create}) or a domain number (for
     *                 {@code CYCLONEDDS_URI} of a process that creates its participant on the default domain)
     */
    public static String loopbackOnly(String domainId) {
        if (!domainId.equals("any") && !domainId.matches("\\d{1,3}")) {
            throw new IllegalArgumentException("domain id must be \"any\" or a number, got " + domainId);
        }
        return """
                <CycloneDDS xmlns="https://cdds.io/config"><Domain Id="%s"><General>\
                <Interfaces><NetworkInterface name="lo"/></Interfaces><AllowMulticast>false</AllowMulticast>\
                </General><Discovery><ParticipantIndex>auto</ParticipantIndex>\
                <MaxAutoParticipantIndex>20</MaxAutoParticipantIndex><Peers><Peer address="127.0.0.1"/></Peers>\
                </Discovery></Domain></CycloneDDS>""".formatted(domainId);
    }
}
