package org.cponode.control;

/** In-memory transport: hands out the node's sensor sink and keeps the last command, allocation-free. */
public final class FakeTransport implements RobotTransport {
    public volatile SensorSink sink;
    public volatile double linear = Double.NaN;
    public volatile double angular = Double.NaN;

    @Override
    public void start(SensorSink s) {
        sink = s;
    }

    /** Publishes that fail before the next one succeeds, each with an Error, as a dying transport might. */
    public volatile int failures;

    @Override
    public void publishVelocity(double t, double v, double w) {
        if (failures > 0) {
            failures--;
            throw new Error("publish failed (test)");
        }
        linear = v;
        angular = w;
    }

    @Override
    public void publishDiagnostics(NodeStatus status) {
        // the tests read the node's status directly
    }

    @Override
    public void close() {
        sink = null;
    }
}
