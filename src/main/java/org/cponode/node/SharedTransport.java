package org.cponode.node;

import org.cponode.control.NodeStatus;
import org.cponode.control.RobotTransport;
import org.cponode.control.SensorSink;

/**
 * One robot transport for the whole life of a managed node, lent to one configuration at a time: configure takes a
 * {@link #lease}, and the {@link RobotNode} of that configuration closes it at cleanup or shutdown, which ends the
 * lease and leaves the transport open for the next configure. The transport's inputs start with the first lease
 * and go to the sink of the lease that started last. A lease that has ended publishes nothing, so a configuration
 * that was cleaned up can never move the robot.
 *
 * <p>An e-stop that is latched (its last message true) when a lease ends is handed to the next lease's sink as soon
 * as it starts: the node's transient-local e-stop reader receives a latched publisher's value once, when it joins,
 * so a new configuration would otherwise drive through an e-stop that is still in force.
 */
final class SharedTransport implements AutoCloseable {

    private final RobotTransport transport;
    private final Inputs inputs = new Inputs();
    private boolean started;
    private Lease current;

    SharedTransport(RobotTransport transport) {
        this.transport = transport;
    }

    /**
     * The transport for the next configuration.
     *
     * @throws IllegalStateException while the previous lease has not ended
     */
    synchronized Lease lease() {
        if (current != null && current.open) {
            throw new IllegalStateException("the transport is still lent to the previous configuration");
        }
        current = new Lease();
        return current;
    }

    /** The transport itself. */
    RobotTransport transport() {
        return transport;
    }

    /** Closes the transport (and with it any lease). */
    @Override
    public void close() {
        transport.close();
    }

    /** The transport as one configuration sees it. */
    final class Lease implements RobotTransport {
        private volatile boolean open = true;
        private SensorSink sink;

        private Lease() {}

        /** The transport this lease lends. */
        SharedTransport shared() {
            return SharedTransport.this;
        }

        @Override
        public void start(SensorSink s) {
            synchronized (SharedTransport.this) {
                if (!open) {
                    throw new IllegalStateException("this configuration's transport was released");
                }
                sink = s;
                inputs.attach(s);
                if (!started) {
                    transport.start(inputs);
                    started = true;
                }
            }
        }

        @Override
        public void publishVelocity(double stamp, double linear, double angular) {
            if (open) {
                transport.publishVelocity(stamp, linear, angular);
            }
        }

        @Override
        public void publishDiagnostics(NodeStatus status) {
            if (open) {
                transport.publishDiagnostics(status);
            }
        }

        /** Ends the lease: its sink gets no more inputs and it publishes nothing more. Idempotent. */
        @Override
        public void close() {
            synchronized (SharedTransport.this) {
                open = false;
                inputs.detach(sink);
            }
        }
    }

    /** Forwards the transport's inputs to the current lease's sink; drops them between configurations. */
    private static final class Inputs implements SensorSink {
        private volatile SensorSink target;
        private boolean estopLatched;

        synchronized void attach(SensorSink s) {
            target = s;
            if (estopLatched) {
                s.estop(true);
            }
        }

        synchronized void detach(SensorSink s) {
            if (target == s) {
                target = null;
            }
        }

        @Override
        public void odometry(double stamp, double x, double y, double qx, double qy, double qz, double qw,
                double linear, double angular) {
            SensorSink t = target;
            if (t != null) {
                t.odometry(stamp, x, y, qx, qy, qz, qw, linear, angular);
            }
        }

        @Override
        public void scan(double stamp, boolean valid, double angleMin, double angleIncrement, double rangeMin,
                double rangeMax, float[] ranges) {
            SensorSink t = target;
            if (t != null) {
                t.scan(stamp, valid, angleMin, angleIncrement, rangeMin, rangeMax, ranges);
            }
        }

        @Override
        public void imu(double stamp, boolean valid) {
            SensorSink t = target;
            if (t != null) {
                t.imu(stamp, valid);
            }
        }

        @Override
        public void clock(double simulatedTime) {
            SensorSink t = target;
            if (t != null) {
                t.clock(simulatedTime);
            }
        }

        @Override
        public void stepCosts(double[] costs) {
            SensorSink t = target;
            if (t != null) {
                t.stepCosts(costs);
            }
        }

        @Override
        public synchronized void estop(boolean stop) {
            estopLatched = stop;
            SensorSink t = target;
            if (t != null) {
                t.estop(stop);
            }
        }
    }
}
