package org.cponode.ros;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cponode.ros.msg.Header;
import org.cponode.ros.msg.Odometry;
import org.cponode.ros.msg.Point;
import org.cponode.ros.msg.Pose;
import org.cponode.ros.msg.PoseWithCovariance;
import org.cponode.ros.msg.Quaternion;
import org.cponode.ros.msg.Time;
import org.cponode.ros.msg.Twist;
import org.cponode.ros.msg.TwistWithCovariance;
import org.cponode.ros.msg.Vector3;

/** Test messages with distinct, easily checked values (dds-transport.md §9.2). */
final class Fixtures {

    private Fixtures() {}

    static Odometry odometry(int seq) {
        double[] poseCov = new double[36];
        double[] twistCov = new double[36];
        for (int k = 0; k < 36; k++) {
            poseCov[k] = 0.01 * k;
            twistCov[k] = -0.01 * k;
        }
        return new Odometry(new Header(new Time(1_700_000_000 + seq, 123_456_789), "odom"), "base_link",
                new PoseWithCovariance(new Pose(new Point(seq, 2.5, -1.0), new Quaternion(0, 0, 0, 1)), poseCov),
                new TwistWithCovariance(new Twist(new Vector3(0.25, 0, 0), new Vector3(0, 0, 0.125)), twistCov));
    }

    static void assertOdometryEquals(Odometry expected, Odometry actual) {
        assertEquals(expected.header(), actual.header());
        assertEquals(expected.childFrameId(), actual.childFrameId());
        assertEquals(expected.pose().pose(), actual.pose().pose());
        assertArrayEquals(expected.pose().covariance(), actual.pose().covariance());
        assertEquals(expected.twist().twist(), actual.twist().twist());
        assertArrayEquals(expected.twist().covariance(), actual.twist().covariance());
    }
}
