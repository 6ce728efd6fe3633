package org.cponode.ros.msg;

/**
 * ROS {@code geometry_msgs/msg/Point} (DDS {@code geometry_msgs::msg::dds_::Point_}), 24 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param x ROS field {@code x}
 * @param y ROS field {@code y}
 * @param z ROS field {@code z}
 */
public record Point(double x, double y, double z) {

    /** Transport description of this type. */
    public static final MessageType<Point> TYPE =
            new MessageType<>("geometry_msgs/msg/Point", Point.class, 24L, Point::decode, Point::encode);

    static Point decode(SampleReader in, long at) {
        return new Point(
                in.f64(at + 0L),
                in.f64(at + 8L),
                in.f64(at + 16L));
    }

    static void encode(Point m, SampleWriter out, long at) {
        out.f64(at + 0L, m.x);
        out.f64(at + 8L, m.y);
        out.f64(at + 16L, m.z);
    }
}
