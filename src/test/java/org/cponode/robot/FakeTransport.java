package org.cponode.robot;

import java.util.ArrayList;
import java.util.List;

/** In-memory transport: keeps the last command and counts, allocation-free per publish. */
final class FakeTransport implements RobotTransport {
    volatile SensorSink sink;
    volatile double linear = Double.NaN;
    volatile double angular = Double.NaN;
    volatile double stamp = Double.NaN;
    volatile long published;
    volatile long publishedNanos;
    final List<NodeStatus> diagnostics = new ArrayList<>();
    volatile boolean closed;

    @Override
    public void start(SensorSink s) {
        sink = s;
    }

    @Override
    public void publishVelocity(double t, double v, double w) {
        stamp = t;
        linear = v;
        angular = w;
        publishedNanos = System.nanoTime();
        published++;
    }

    @Override
    public synchronized void publishDiagnostics(NodeStatus status) {
        diagnostics.add(status);
    }

    synchronized List<NodeStatus> diagnostics() {
        return List.copyOf(diagnostics);
    }

    @Override
    public void close() {
        closed = true;
    }
}
