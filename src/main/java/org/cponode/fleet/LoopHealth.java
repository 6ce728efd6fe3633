package org.cponode.fleet;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Control-loop health since the previous sample (stream {@code loop}), all times in seconds. Non-finite
 * values are sent as JSON null.
 *
 * @param targetPeriod configured control period ({@code period_target_s}).
 * @param meanPeriod mean measured period ({@code period_mean_s}).
 * @param maxPeriod longest measured period ({@code period_max_s}).
 * @param overruns intervals longer than 1.5 target periods, since the node started ({@code overruns}).
 * @param inferenceTime mean control-step compute time ({@code inference_time_s}).
 * @param maxInputAge age of the stalest sensor input in use ({@code input_age_max_s}).
 * @param droppedSamples input samples dropped, cumulative: topic → reason → count, non-zero counts only
 *     ({@code dropped_samples}); copied, in its order. Serialising it allocates when it is not empty.
 */
public record LoopHealth(double targetPeriod, double meanPeriod, double maxPeriod, long overruns,
        double inferenceTime, double maxInputAge, Map<String, Map<String, Long>> droppedSamples)
        implements TelemetryRecord {

    /** Copies the drop counts. */
    public LoopHealth {
        Map<String, Map<String, Long>> copy = new LinkedHashMap<>();
        droppedSamples.forEach((topic, reasons) ->
                copy.put(topic, Collections.unmodifiableMap(new LinkedHashMap<>(reasons))));
        droppedSamples = Collections.unmodifiableMap(copy);
    }

    /** Health without dropped samples. */
    public LoopHealth(double targetPeriod, double meanPeriod, double maxPeriod, long overruns, double inferenceTime,
            double maxInputAge) {
        this(targetPeriod, meanPeriod, maxPeriod, overruns, inferenceTime, maxInputAge, Map.of());
    }

    @Override
    public TelemetryStream stream() {
        return TelemetryStream.LOOP;
    }
}
