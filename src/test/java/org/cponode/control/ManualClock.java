package org.cponode.control;

/** A node clock the test moves by hand (node time and wall time together unless told otherwise). */
final class ManualClock extends NodeClock {
    double now = 1000.0;
    long wall = 1_000_000_000_000L;
    long silent;

    void advance(double seconds) {
        now += seconds;
        wall += Math.round(seconds * 1e9);
    }

    @Override
    public double now() {
        return now;
    }

    @Override
    public long wallNanos() {
        return wall;
    }

    @Override
    public long silentNanos(long wallNow) {
        return silent;
    }
}
