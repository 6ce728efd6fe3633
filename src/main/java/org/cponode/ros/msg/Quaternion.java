package org.cponode.ros.msg;

/**
 * ROS {@code geometry_msgs/msg/Quaternion} (DDS {@code geometry_msgs::msg::dds_::Quaternion_}), 32 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param x ROS field {@code x}
 * @param y ROS field {@code y}
 * @param z ROS field {@code z}
 * @param w ROS field {@code w}
 */
public record Quaternion(double x, double y, double z, double w) {

    /** Transport description of this type. */
    public static final MessageType<Quaternion> TYPE =
            new MessageType<>("geometry_msgs/msg/Quaternion", Quaternion.class, 32L, Quaternion::decode, Quaternion::encode);

    static Quaternion decode(SampleReader in, long at) {
        return new Quaternion(
                in.f64(at + 0L),
                in.f64(at + 8L),
                in.f64(at + 16L),
                in.f64(at + 24L));
    }

    static void encode(Quaternion m, SampleWriter out, long at) {
        out.f64(at + 0L, m.x);
        out.f64(at + 8L, m.y);
        out.f64(at + 16L, m.z);
        out.f64(at + 24L, m.w);
    }
}
