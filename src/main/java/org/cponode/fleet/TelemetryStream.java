package org.cponode.fleet;

/**
 * The telemetry streams, each on topic {@code <prefix>/<robot_id>/telemetry/<topicLevel>} at QoS 0 and rate
 * limited separately to {@link FleetConfig#telemetryRateHz()}. Field lists: docs/FLEET.md.
 */
public enum TelemetryStream {
    /** Per-iteration learning statistics ({@link LearningStats}). */
    LEARNING("learning"),
    /** Each constraint's cost against its limit ({@link CostRate}). */
    COST("cost"),
    /** Control-loop timing and input freshness ({@link LoopHealth}). */
    LOOP("loop");

    private final String topicLevel;
    private final String schema;

    TelemetryStream(String topicLevel) {
        this.topicLevel = topicLevel;
        this.schema = "cponode.fleet.telemetry." + topicLevel;
    }

    /** @return the last topic level. */
    public String topicLevel() {
        return topicLevel;
    }

    /** @return the {@code schema} field of this stream's messages. */
    public String schema() {
        return schema;
    }
}
