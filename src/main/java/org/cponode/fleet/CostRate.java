package org.cponode.fleet;

/**
 * Constraint cost of the running episode against the limit (stream {@code cost}). Non-finite values are
 * sent as JSON null.
 *
 * @param episodeCost cost accumulated so far in the current episode ({@code episode_cost}, cost units).
 * @param costLimit per-episode cost limit in force ({@code cost_limit}, cost units).
 * @param costRate recent cost accrual ({@code cost_rate}, cost units per second).
 * @param episodeTime time since the episode started ({@code episode_time_s}, seconds).
 */
public record CostRate(double episodeCost, double costLimit, double costRate, double episodeTime)
        implements TelemetryRecord {

    @Override
    public TelemetryStream stream() {
        return TelemetryStream.COST;
    }
}
