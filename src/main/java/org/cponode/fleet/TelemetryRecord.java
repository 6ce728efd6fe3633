package org.cponode.fleet;

/**
 * One telemetry sample. The link writes it as JSON on the caller's thread, the common header ({@code schema},
 * {@code version}, {@code robot_id}, {@code seq}, {@code ts}, {@code dropped}) and then the fields each record
 * type documents; the record is not kept.
 */
public sealed interface TelemetryRecord permits LearningStats, CostRate, LoopHealth {

    /** @return the stream this record belongs to. */
    TelemetryStream stream();
}
