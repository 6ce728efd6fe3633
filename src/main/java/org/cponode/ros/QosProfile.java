package org.cponode.ros;

/**
 * The DDS QoS of a ROS endpoint (the parts ROS 2 profiles set). Readers should ask for the weakest QoS they
 * can use: a reliable reader does not match a best-effort writer, a transient-local reader does not match a
 * volatile writer.
 *
 * @param reliable       RELIABLE (true) or BEST_EFFORT
 * @param transientLocal TRANSIENT_LOCAL (late joiners get the last samples) or VOLATILE
 * @param depth          KEEP_LAST depth, at least 1
 */
public record QosProfile(boolean reliable, boolean transientLocal, int depth) {

    /** rmw's default: reliable, volatile, keep last 10. */
    public static final QosProfile DEFAULT = new QosProfile(true, false, 10);
    /** rmw's sensor data: best effort, volatile, keep last 5. */
    public static final QosProfile SENSOR_DATA = new QosProfile(false, false, 5);
    /** rclcpp's ClockQoS: best effort, volatile, keep last 1. */
    public static final QosProfile CLOCK = new QosProfile(false, false, 1);
    /** Latched state (e.g. an e-stop flag): reliable, transient local, keep last 1. */
    public static final QosProfile LATCHED = new QosProfile(true, true, 1);
    /**
     * rmw's parameter services and {@code /parameter_events} ({@code rmw_qos_profile_parameters},
     * {@code rmw_qos_profile_parameter_events}): reliable, volatile, keep last 1000.
     */
    public static final QosProfile PARAMETERS = new QosProfile(true, false, 1000);

    /** Checks the depth. */
    public QosProfile {
        if (depth < 1) {
            throw new IllegalArgumentException("history depth must be >= 1, got " + depth);
        }
    }

    @Override
    public String toString() {
        return (reliable ? "reliable" : "best-effort") + "/" + (transientLocal ? "transient-local" : "volatile")
                + "/keep-last-" + depth;
    }
}
