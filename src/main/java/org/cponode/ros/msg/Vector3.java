package org.cponode.ros.msg;

/**
 * ROS {@code geometry_msgs/msg/Vector3} (DDS {@code geometry_msgs::msg::dds_::Vector3_}), 24 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param x ROS field {@code x}
 * @param y ROS field {@code y}
 * @param z ROS field {@code z}
 */
public record Vector3(double x, double y, double z) {

    /** Transport description of this type. */
    public static final MessageType<Vector3> TYPE =
            new MessageType<>("geometry_msgs/msg/Vector3", Vector3.class, 24L, Vector3::decode, Vector3::encode);

    static Vector3 decode(SampleReader in, long at) {
        return new Vector3(
                in.f64(at + 0L),
                in.f64(at + 8L),
                in.f64(at + 16L));
    }

    static void encode(Vector3 m, SampleWriter out, long at) {
        out.f64(at + 0L, m.x);
        out.f64(at + 8L, m.y);
        out.f64(at + 16L, m.z);
    }
}
