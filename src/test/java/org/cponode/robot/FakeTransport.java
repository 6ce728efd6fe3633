package org.cponode.robot;

/** In-memory transport: hands out the node's sensor sink and keeps the last command, allocation-free. */
final class FakeTransport implements RobotTransport {
    volatile SensorSink sink;
    volatile double linear = Double.NaN;
    volatile double angular = Double.NaN;

    @Override
    public void start(SensorSink s) {
        sink = s;
    }

    @Override
    public void publishVelocity(double t, double v, double w) {
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
