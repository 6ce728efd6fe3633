package org.cponode.ros.msg;

import java.util.Objects;

/**
 * ROS {@code geometry_msgs/msg/TwistWithCovariance} (DDS {@code geometry_msgs::msg::dds_::TwistWithCovariance_}), 336 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param twist ROS field {@code twist}
 * @param covariance ROS field {@code covariance}
 */
public record TwistWithCovariance(Twist twist, double[] covariance) {

    /** Transport description of this type. */
    public static final MessageType<TwistWithCovariance> TYPE =
            new MessageType<>("geometry_msgs/msg/TwistWithCovariance", TwistWithCovariance.class, 336L, TwistWithCovariance::decode, TwistWithCovariance::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public TwistWithCovariance {
        Objects.requireNonNull(twist, "twist");
        Objects.requireNonNull(covariance, "covariance");
        if (covariance.length != 36) {
            throw new IllegalArgumentException("covariance needs 36 elements, got " + covariance.length);
        }
    }

    static TwistWithCovariance decode(SampleReader in, long at) {
        return new TwistWithCovariance(
                Twist.decode(in, at + 0L),
                in.f64Array(at + 48L, 36));
    }

    static void encode(TwistWithCovariance m, SampleWriter out, long at) {
        Twist.encode(m.twist, out, at + 0L);
        out.f64Array(at + 48L, m.covariance, 36);
    }
}
