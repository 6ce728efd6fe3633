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
}
