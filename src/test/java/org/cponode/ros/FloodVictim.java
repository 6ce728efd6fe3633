package org.cponode.ros;

import java.time.Duration;
import java.util.List;
import org.cponode.ros.dds.CycloneConfig;
import org.cponode.ros.dds.CycloneLog;
import org.cponode.ros.msg.StringMessage;

/**
 * The receiving node of {@link DropFloodTest}, alone in a JVM so that the test sees everything the node writes
 * to stderr, Cyclone's own C logging included. Arguments: domain id, samples expected per topic. Prints
 * {@code READY} once subscribed, then {@code DROPS utf8=<n> cdr=<n>} when both topics' drops reach the count
 * (or after 60 s), then closes the node and exits.
 */
public final class FloodVictim {

    private FloodVictim() {}

    public static void main(String[] args) throws Exception {
        int domain = Integer.parseInt(args[0]);
        int expected = Integer.parseInt(args[1]);
        // Deep enough to hold the whole flood: every sample reaches the decoder, none is overwritten unread.
        QosProfile qos = new QosProfile(true, false, expected);
        try (RosNode node = RosNode.create(new RosNode.Options("victim", "/", List.of(), domain,
                CycloneConfig.loopbackOnly("any")))) {
            Subscription<StringMessage> utf8 = node.subscribe("/flood/utf8", StringMessage.TYPE, qos, null);
            Subscription<StringMessage> cdr = node.subscribe("/flood/cdr", StringMessage.TYPE, qos, null);
            System.out.println("READY");
            DdsTestSupport.await(Duration.ofSeconds(60), () -> utf8.droppedCount(DropReason.INVALID_UTF8) >= expected
                    && cdr.droppedCount(DropReason.UNDESERIALISABLE) >= expected);
            System.out.println("DROPS utf8=" + utf8.droppedCount(DropReason.INVALID_UTF8) + " cdr="
                    + cdr.droppedCount(DropReason.UNDESERIALISABLE) + " node=" + node.sampleDrops());
        }
        System.out.println("CLOSED sink failures=" + CycloneLog.sinkFailures());
    }
}
