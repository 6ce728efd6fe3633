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
 * @param overruns ticks that exceeded the target period, cumulative ({@code overruns}).
 * @param inferenceTime mean policy inference time per tick ({@code inference_time_s}).
 * @param maxInputAge age of the stalest sensor input at the last tick ({@code input_age_max_s}).
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

    @Override
    public void writeFields(JsonWriter out) {
        out.name("period_target_s").value(targetPeriod);
        out.name("period_mean_s").value(meanPeriod);
        out.name("period_max_s").value(maxPeriod);
        out.name("overruns").value(overruns);
        out.name("inference_time_s").value(inferenceTime);
        out.name("input_age_max_s").value(maxInputAge);
        out.name("dropped_samples").beginObject();
        if (!droppedSamples.isEmpty()) { // iterating allocates; the usual empty case stays allocation-free
            for (Map.Entry<String, Map<String, Long>> topic : droppedSamples.entrySet()) {
                out.name(topic.getKey()).beginObject();
                for (Map.Entry<String, Long> reason : topic.getValue().entrySet()) {
                    out.name(reason.getKey()).value((long) reason.getValue());
                }
                out.endObject();
            }
        }
        out.endObject();
    }
}
