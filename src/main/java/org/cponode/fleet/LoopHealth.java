package org.cponode.fleet;

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
 */
public record LoopHealth(double targetPeriod, double meanPeriod, double maxPeriod, long overruns,
        double inferenceTime, double maxInputAge) implements TelemetryRecord {

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
    }
}
