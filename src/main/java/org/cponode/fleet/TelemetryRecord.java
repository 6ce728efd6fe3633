package org.cponode.fleet;

/**
 * One telemetry sample. The link writes the common header ({@code schema}, {@code version},
 * {@code robot_id}, {@code seq}, {@code ts}) and then calls {@link #writeFields}, on the caller's thread,
 * into a preallocated buffer slot; the record is not kept.
 */
public sealed interface TelemetryRecord permits LearningStats, CostRate, LoopHealth {

    /** @return the stream this record belongs to. */
    TelemetryStream stream();

    /**
     * Writes this record's fields as members of the already open JSON object. Must not allocate.
     *
     * @param out the writer positioned inside the message object. Modified.
     */
    void writeFields(JsonWriter out);
}
