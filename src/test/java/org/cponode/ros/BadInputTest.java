package org.cponode.ros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.cponode.ros.msg.Bool;
import org.cponode.ros.msg.LaserScan;
import org.cponode.ros.msg.Odometry;
import org.cponode.ros.msg.StringMessage;
import org.cponode.ros.msg.Twist;
import org.junit.jupiter.api.Test;

/** Bad data and misuse: each gives a clear error or a dropped sample with a counter, never a crash. */
class BadInputTest {

    private static final QosProfile KEEP_TEN_LATCHED = new QosProfile(true, true, 10);

    @Test
    void invalidUtf8OversizedSequencesAndAnotherTypeFromAnIndependentPeer() throws Exception {
        Path peer = NativePeer.build("peer", "cmake", "cc", "idlc").resolve("peer");
        try (RosNode node = RosNode.create(DdsTestSupport.options("victim"))) {
            Subscription<StringMessage> text = node.subscribe("/bad/utf8", StringMessage.TYPE, KEEP_TEN_LATCHED, null);
            Subscription<LaserScan> scans = node.subscribe("/bad/scan", LaserScan.TYPE, KEEP_TEN_LATCHED,
                    new Subscription.Limits(1024, 1000), null);
            Subscription<Odometry> wrongType = node.subscribe("/bad/type", Odometry.TYPE, KEEP_TEN_LATCHED, null);
            try (NativePeer p = NativePeer.start(peer, "bad", "20")) {
                p.awaitLine("PUBLISHED", Duration.ofSeconds(10));
                assertTrue(DdsTestSupport.await(Duration.ofSeconds(10),
                        () -> text.receivedCount() + text.droppedCount() == 2 && scans.receivedCount() + scans.droppedCount() == 2),
                        () -> "text " + text.receivedCount() + "/" + text.droppedCount() + ", scans " + scans.receivedCount()
                                + "/" + scans.droppedCount());
                assertEquals("good", text.latest().data());
                assertEquals(1, text.droppedCount());
                assertTrue(text.lastDropReason().contains("invalid UTF-8 at byte 4 of a 6-byte string"), text.lastDropReason());
                assertEquals(10, scans.latest().ranges().length);
                assertEquals(1, scans.droppedCount());
                assertTrue(scans.lastDropReason().contains("5000 elements exceeds the limit of 1000"), scans.lastDropReason());
                // Cyclone never matches endpoints whose type names differ: nothing arrives, nothing breaks
                Thread.sleep(500);
                assertEquals(0, wrongType.matchedCount());
                assertEquals(0, wrongType.receivedCount() + wrongType.droppedCount());
                p.assertExit(0);
            }
        }
    }

    @Test
    void sameTopicWithAnotherTypeInOneNodeIsRefused() {
        DdsTestSupport.assumeCyclone();
        try (RosNode node = RosNode.create(DdsTestSupport.options("confused"))) {
            node.publisher("cmd_vel", Twist.TYPE, QosProfile.DEFAULT);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> node.subscribe("/cmd_vel", Odometry.TYPE, QosProfile.DEFAULT, null));
            assertTrue(e.getMessage().contains("rt/cmd_vel already has type geometry_msgs::msg::dds_::Twist_"), e.getMessage());
        }
    }

    @Test
    void incompatibleQosIsCountedOnBothSidesAndNeverMatches() throws Exception {
        DdsTestSupport.assumeCyclone();
        try (RosNode a = RosNode.create(DdsTestSupport.options("strict"));
                RosNode b = RosNode.create(DdsTestSupport.options("lax"))) {
            Subscription<Bool> reliableReader = a.subscribe("/qos_mismatch", Bool.TYPE, QosProfile.DEFAULT, null);
            Publisher<Bool> bestEffortWriter = b.publisher("/qos_mismatch", Bool.TYPE, QosProfile.SENSOR_DATA);
            assertTrue(DdsTestSupport.await(Duration.ofSeconds(10),
                    () -> reliableReader.incompatibleQosCount() > 0 && bestEffortWriter.incompatibleQosCount() > 0));
            assertEquals(0, reliableReader.matchedCount());
            assertEquals(0, bestEffortWriter.matchedCount());
        }
    }

    @Test
    void rejectedPublishesWriteNothingAndThrowingCallbacksAreCounted() throws Exception {
        DdsTestSupport.assumeCyclone();
        try (RosNode a = RosNode.create(DdsTestSupport.options("writer"));
                RosNode b = RosNode.create(DdsTestSupport.options("reader"))) {
            AtomicInteger calls = new AtomicInteger();
            Subscription<StringMessage> sub = b.subscribe("/chatter", StringMessage.TYPE, QosProfile.DEFAULT, m -> {
                if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("callback bug");
                }
            });
            Publisher<StringMessage> pub = a.publisher("/chatter", StringMessage.TYPE, QosProfile.DEFAULT);
            assertTrue(DdsTestSupport.await(Duration.ofSeconds(10), () -> pub.matchedCount() == 1 && sub.matchedCount() == 1));
            Thread.sleep(300);
            IllegalArgumentException nul = assertThrows(IllegalArgumentException.class, () -> pub.publish(new StringMessage("a\0b")));
            assertTrue(nul.getMessage().contains("NUL"));
            assertEquals(0, pub.publishedCount());
            pub.publish(new StringMessage("first"));
            pub.publish(new StringMessage("second"));
            assertTrue(DdsTestSupport.await(Duration.ofSeconds(5), () -> sub.receivedCount() == 2));
            assertEquals("second", sub.latest().data());
            assertEquals(1, sub.callbackFailureCount());
            assertEquals(2, calls.get());
            assertThrows(IllegalArgumentException.class, () -> pub.set(StringMessage.TYPE.field("data"), 1.0));
            assertThrows(IllegalArgumentException.class, () -> StringMessage.TYPE.field("nope"));
            // forged or foreign field references never reach the native sample
            IllegalArgumentException forged = assertThrows(IllegalArgumentException.class, () -> pub.set(
                    new org.cponode.ros.msg.MessageType.FieldRef(StringMessage.TYPE.rosName(), "data", 4, null), 1L));
            assertTrue(forged.getMessage().contains("does not describe"), forged.getMessage());
            IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class,
                    () -> pub.set(Twist.TYPE.field("linear.x"), 1.0));
            assertTrue(foreign.getMessage().contains("is a field of geometry_msgs/msg/Twist"), foreign.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> RosNode.create(DdsTestSupport.options("x").withDomainId(233)));
    }
}
