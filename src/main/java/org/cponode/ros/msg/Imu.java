package org.cponode.ros.msg;

import java.util.Objects;

/**
 * ROS {@code sensor_msgs/msg/Imu} (DDS {@code sensor_msgs::msg::dds_::Imu_}), 312 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param header ROS field {@code header}
 * @param orientation ROS field {@code orientation}
 * @param orientationCovariance ROS field {@code orientation_covariance}
 * @param angularVelocity ROS field {@code angular_velocity}
 * @param angularVelocityCovariance ROS field {@code angular_velocity_covariance}
 * @param linearAcceleration ROS field {@code linear_acceleration}
 * @param linearAccelerationCovariance ROS field {@code linear_acceleration_covariance}
 */
public record Imu(Header header, Quaternion orientation, double[] orientationCovariance, Vector3 angularVelocity, double[] angularVelocityCovariance, Vector3 linearAcceleration, double[] linearAccelerationCovariance) {

    /** Transport description of this type. */
    public static final MessageType<Imu> TYPE =
            new MessageType<>("sensor_msgs/msg/Imu", Imu.class, 312L, Imu::decode, Imu::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public Imu {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(orientation, "orientation");
        Objects.requireNonNull(orientationCovariance, "orientation_covariance");
        Objects.requireNonNull(angularVelocity, "angular_velocity");
        Objects.requireNonNull(angularVelocityCovariance, "angular_velocity_covariance");
        Objects.requireNonNull(linearAcceleration, "linear_acceleration");
        Objects.requireNonNull(linearAccelerationCovariance, "linear_acceleration_covariance");
        if (orientationCovariance.length != 9) {
            throw new IllegalArgumentException("orientation_covariance needs 9 elements, got " + orientationCovariance.length);
        }
        if (angularVelocityCovariance.length != 9) {
            throw new IllegalArgumentException("angular_velocity_covariance needs 9 elements, got " + angularVelocityCovariance.length);
        }
        if (linearAccelerationCovariance.length != 9) {
            throw new IllegalArgumentException("linear_acceleration_covariance needs 9 elements, got " + linearAccelerationCovariance.length);
        }
    }

    static Imu decode(SampleReader in, long at) {
        return new Imu(
                Header.decode(in, at + 0L),
                Quaternion.decode(in, at + 16L),
                in.f64Array(at + 48L, 9),
                Vector3.decode(in, at + 120L),
                in.f64Array(at + 144L, 9),
                Vector3.decode(in, at + 216L),
                in.f64Array(at + 240L, 9));
    }

    static void encode(Imu m, SampleWriter out, long at) {
        Header.encode(m.header, out, at + 0L);
        Quaternion.encode(m.orientation, out, at + 16L);
        out.f64Array(at + 48L, m.orientationCovariance, 9);
        Vector3.encode(m.angularVelocity, out, at + 120L);
        out.f64Array(at + 144L, m.angularVelocityCovariance, 9);
        Vector3.encode(m.linearAcceleration, out, at + 216L);
        out.f64Array(at + 240L, m.linearAccelerationCovariance, 9);
    }
}
