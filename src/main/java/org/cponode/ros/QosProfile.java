package org.cponode.ros;

/**
 * The DDS QoS of a ROS endpoint (the parts ROS 2 profiles set). Readers should ask for the weakest QoS they
 * can use: a reliable reader does not match a best-effort writer, a transient-local reader does not match a
 * volatile writer.
 *
 * @param reliable       RELIABLE (true) or BEST_EFFORT
 * @param transientLocal TRANSIENT_LOCAL (late joiners get the last samples) or VOLATILE
 * @param depth          KEEP_LAST depth, at least 1
 * @param lifespanNanos  how long a written sample stays deliverable (DDS LIFESPAN, writers only), in ns, &gt; 0;
 *                       {@link #INFINITE_LIFESPAN} (DDS_INFINITY) keeps it as long as the history holds it
 */
public record QosProfile(boolean reliable, boolean transientLocal, int depth, long lifespanNanos) {

    /** DDS_INFINITY: samples do not expire (rmw's default lifespan). */
    public static final long INFINITE_LIFESPAN = Long.MAX_VALUE;

    /** rmw's default: reliable, volatile, keep last 10. */
    public static final QosProfile DEFAULT = new QosProfile(true, false, 10);
    /** rmw's sensor data: best effort, volatile, keep last 5. */
    public static final QosProfile SENSOR_DATA = new QosProfile(false, false, 5);
    /** rclcpp's ClockQoS: best effort, volatile, keep last 1. */
    public static final QosProfile CLOCK = new QosProfile(false, false, 1);
    /** Latched state (e.g. an e-stop flag): reliable, transient local, keep last 1. */
    public static final QosProfile LATCHED = new QosProfile(true, true, 1);
    /**
     * rcl's {@code rcl_qos_profile_rosout_default}: reliable, transient local, keep last 1000, lifespan 10 s, so a
     * late-joining rqt_console gets the last 10 s of log.
     */
    public static final QosProfile ROSOUT = new QosProfile(true, true, 1000, 10_000_000_000L);
    /**
     * rmw's parameter services and {@code /parameter_events} ({@code rmw_qos_profile_parameters},
     * {@code rmw_qos_profile_parameter_events}): reliable, volatile, keep last 1000.
     */
    public static final QosProfile PARAMETERS = new QosProfile(true, false, 1000);

    /** Checks the depth and the lifespan. */
    public QosProfile {
        if (depth < 1) {
            throw new IllegalArgumentException("history depth must be >= 1, got " + depth);
        }
        if (lifespanNanos <= 0) {
            throw new IllegalArgumentException("lifespan must be > 0 ns, got " + lifespanNanos);
        }
    }

    /** A profile whose samples do not expire. */
    public QosProfile(boolean reliable, boolean transientLocal, int depth) {
        this(reliable, transientLocal, depth, INFINITE_LIFESPAN);
    }

    @Override
    public String toString() {
        return (reliable ? "reliable" : "best-effort") + "/" + (transientLocal ? "transient-local" : "volatile")
                + "/keep-last-" + depth
                + (lifespanNanos == INFINITE_LIFESPAN ? "" : "/lifespan-" + lifespanNanos / 1e9 + "s");
    }
}
