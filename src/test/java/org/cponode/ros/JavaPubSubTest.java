package org.cponode.ros;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cponode.ros.msg.Clock;
import org.cponode.ros.msg.DiagnosticArray;
import org.cponode.ros.msg.DiagnosticStatus;
import org.cponode.ros.msg.Header;
import org.cponode.ros.msg.KeyValue;
import org.cponode.ros.msg.LaserScan;
import org.cponode.ros.msg.MessageType;
import org.cponode.ros.msg.Odometry;
import org.cponode.ros.msg.Time;
import org.cponode.ros.msg.Twist;
import org.cponode.ros.msg.Vector3;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Java to Java over Cyclone on loopback: two nodes (two participants) in one JVM. */
class JavaPubSubTest {

    @BeforeAll
    static void cyclone() {
        DdsTestSupport.assumeCyclone();
    }

    @Test
    void odometryAndDiagnosticsCrossBetweenTwoNodesWithEveryFieldIntact() throws Exception {
        try (RosNode a = RosNode.create(DdsTestSupport.options("talker"));
                RosNode b = RosNode.create(DdsTestSupport.options("listener"))) {
            List<Odometry> odoms = new CopyOnWriteArrayList<>();
            List<DiagnosticArray> diags = new CopyOnWriteArrayList<>();
            Subscription<Odometry> odomSub = b.subscribe("odom", Odometry.TYPE, QosProfile.SENSOR_DATA, odoms::add);
            Subscription<DiagnosticArray> diagSub = b.subscribe("/diagnostics", DiagnosticArray.TYPE, QosProfile.DEFAULT, diags::add);
            Publisher<Odometry> odomPub = a.publisher("odom", Odometry.TYPE, QosProfile.DEFAULT);
            Publisher<DiagnosticArray> diagPub = a.publisher("/diagnostics", DiagnosticArray.TYPE, QosProfile.DEFAULT);
            assertTrue(DdsTestSupport.await(Duration.ofSeconds(10),
                    () -> odomPub.matchedCount() == 1 && odomSub.matchedCount() == 1 && diagPub.matchedCount() == 1));
            Thread.sleep(300);
            Odometry sent = Fixtures.odometry(7);
            DiagnosticArray diag = new DiagnosticArray(new Header(new Time(5, 6), "base"), List.of(
                    new DiagnosticStatus((byte) 2, "cpo: watchdog", "stale odom ✓", "hw-1",
                            List.of(new KeyValue("age_ms", "512"), new KeyValue("rate", "20.0"))),
                    new DiagnosticStatus((byte) 0, "cpo: policy", "", "", List.of())));
            for (int i = 0; i < 20 && odoms.isEmpty(); i++) {
                odomPub.publish(sent);
                Thread.sleep(50);
            }
            diagPub.publish(diag);
            assertTrue(DdsTestSupport.await(Duration.ofSeconds(5), () -> !odoms.isEmpty() && !diags.isEmpty()));
            Fixtures.assertDeepEquals(sent, odoms.get(0));
            assertEquals(diag, diags.get(0));
            assertEquals(0, odomSub.droppedCount());
        }
    }

    @Test
    void laserScanSequencesAndInPlaceTwistEditsArrive() throws Exception {
        try (RosNode a = RosNode.create(DdsTestSupport.options("scanner"));
                RosNode b = RosNode.create(DdsTestSupport.options("driver"))) {
            Subscription<LaserScan> scans = b.subscribe("scan", LaserScan.TYPE, QosProfile.DEFAULT, null);
            Subscription<Twist> twists = b.subscribe("cmd_vel", Twist.TYPE, QosProfile.DEFAULT, null);
            Publisher<LaserScan> scanPub = a.publisher("scan", LaserScan.TYPE, QosProfile.DEFAULT);
            Publisher<Twist> cmd = a.publisher("cmd_vel", Twist.TYPE, QosProfile.DEFAULT);
            assertTrue(DdsTestSupport.await(Duration.ofSeconds(10), () -> scanPub.matchedCount() == 1 && cmd.matchedCount() == 1));
            Thread.sleep(300);
            float[] ranges = new float[360];
            for (int i = 0; i < ranges.length; i++) {
                ranges[i] = 0.5f + i / 100f;
            }
            LaserScan scan = new LaserScan(new Header(new Time(1, 2), "base_scan"), -3.1f, 3.1f, 0.0174f, 0f, 0.2f,
                    0.12f, 3.5f, ranges, new float[0]);
            scanPub.publish(scan);
            cmd.set(Twist.TYPE.field("linear.x"), 0.22).set(Twist.TYPE.field("angular.z"), -1.5).publishSample();
            assertTrue(DdsTestSupport.await(Duration.ofSeconds(5), () -> scans.latest() != null && twists.latest() != null));
            assertArrayEquals(ranges, scans.latest().ranges());
            assertEquals("base_scan", scans.latest().header().frameId());
            assertEquals(0, scans.latest().intensities().length);
            assertEquals(new Twist(new Vector3(0.22, 0, 0), new Vector3(0, 0, -1.5)), twists.latest());
        }
    }

    @Test
    void setTimeSplitsSecondsAndNeverRoundsTheNanosecondsToAFullSecond() throws Exception {
        try (RosNode a = RosNode.create(DdsTestSupport.options("clock_talker"));
                RosNode b = RosNode.create(DdsTestSupport.options("clock_listener"))) {
            Subscription<Clock> clocks = b.subscribe("/clock", Clock.TYPE, QosProfile.DEFAULT, null);
            Publisher<Clock> clock = a.publisher("/clock", Clock.TYPE, QosProfile.DEFAULT);
            assertTrue(DdsTestSupport.await(Duration.ofSeconds(10), () -> clock.matchedCount() == 1 && clocks.matchedCount() == 1));
            Thread.sleep(300);
            MessageType.FieldRef sec = Clock.TYPE.field("clock.sec");
            MessageType.FieldRef nanosec = Clock.TYPE.field("clock.nanosec");
            clock.setTime(sec, nanosec, 12.25).publishSample();
            assertTrue(DdsTestSupport.await(Duration.ofSeconds(5), () -> clocks.latest() != null));
            assertEquals(new Time(12, 250_000_000), clocks.latest().clock());
            clock.setTime(sec, nanosec, 1.9999999999).publishSample();
            assertTrue(DdsTestSupport.await(Duration.ofSeconds(5), () -> clocks.latest().clock().sec() == 1),
                    () -> "got " + clocks.latest());
            assertEquals(new Time(1, 999_999_999), clocks.latest().clock());
        }
    }

    @Test
    void receivePathAllocatesOnlyTheDecodedRecordAndInPlacePublishingNothing() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        try (RosNode a = RosNode.create(DdsTestSupport.options("fast_talker"));
                RosNode b = RosNode.create(DdsTestSupport.options("fast_listener"))) {
            int warmup = 2000;
            long[] allocatedAtWarmup = {-1};
            long[] receiveThread = {-1};
            java.util.concurrent.atomic.AtomicLong count = new java.util.concurrent.atomic.AtomicLong();
            QosProfile keepAll = new QosProfile(true, false, 1000);
            Subscription<Twist> sub = b.subscribe("/alloc_twist", Twist.TYPE, keepAll, t -> {
                if (count.incrementAndGet() == warmup) {
                    receiveThread[0] = Thread.currentThread().threadId();
                    allocatedAtWarmup[0] = threads.getCurrentThreadAllocatedBytes();
                }
            });
            Publisher<Twist> pub = a.publisher("/alloc_twist", Twist.TYPE, keepAll);
            assertTrue(DdsTestSupport.await(Duration.ofSeconds(10), () -> pub.matchedCount() == 1 && sub.matchedCount() == 1));
            Thread.sleep(300);
            var x = Twist.TYPE.field("linear.x");
            for (int i = 0; i < warmup; i++) {
                pub.set(x, i).publishSample();
                if (i % 100 == 99) {
                    long want = i + 1;
                    DdsTestSupport.await(Duration.ofSeconds(5), () -> count.get() >= want);
                }
            }
            assertTrue(DdsTestSupport.await(Duration.ofSeconds(10), () -> count.get() >= warmup), () -> "received " + count.get());
            long senderBefore = threads.getCurrentThreadAllocatedBytes();
            int timed = 3000;
            for (int i = 0; i < timed; i++) {
                pub.set(x, i).publishSample();
                if (i % 100 == 99) {
                    long want = warmup + i + 1;
                    DdsTestSupport.await(Duration.ofSeconds(5), () -> count.get() >= want);
                }
            }
            long senderPerMessage = (threads.getCurrentThreadAllocatedBytes() - senderBefore) / timed;
            assertTrue(DdsTestSupport.await(Duration.ofSeconds(10), () -> count.get() >= warmup + timed));
            long receivedPerMessage = (threads.getThreadAllocatedBytes(receiveThread[0]) - allocatedAtWarmup[0]) / timed;
            // a Twist record and its two Vector3s take 24 + 2 * 40 bytes with compressed oops
            assertTrue(receivedPerMessage <= 160, "receive path allocated " + receivedPerMessage + " bytes per Twist");
            assertTrue(senderPerMessage <= 16, "in-place publishing allocated " + senderPerMessage + " bytes per message");
            assertEquals(new Vector3(timed - 1, 0, 0), sub.latest().linear());
        }
    }
}
