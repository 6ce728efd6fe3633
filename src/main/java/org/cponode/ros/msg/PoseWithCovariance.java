package org.cponode.ros.msg;

import java.util.Objects;

/**
 * ROS {@code geometry_msgs/msg/PoseWithCovariance} (DDS {@code geometry_msgs::msg::dds_::PoseWithCovariance_}), 344 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param pose ROS field {@code pose}
 * @param covariance ROS field {@code covariance}
 */
public record PoseWithCovariance(Pose pose, double[] covariance) {

    /** Transport description of this type. */
    public static final MessageType<PoseWithCovariance> TYPE =
            new MessageType<>("geometry_msgs/msg/PoseWithCovariance", PoseWithCovariance.class, 344L, PoseWithCovariance::decode, PoseWithCovariance::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public PoseWithCovariance {
        Objects.requireNonNull(pose, "pose");
        Objects.requireNonNull(covariance, "covariance");
        if (covariance.length != 36) {
            throw new IllegalArgumentException("covariance needs 36 elements, got " + covariance.length);
        }
    }

    static PoseWithCovariance decode(SampleReader in, long at) {
        return new PoseWithCovariance(
                Pose.decode(in, at + 0L),
                in.f64Array(at + 56L, 36));
    }

    static void encode(PoseWithCovariance m, SampleWriter out, long at) {
        Pose.encode(m.pose, out, at + 0L);
        out.f64Array(at + 56L, m.covariance, 36);
    }
}
