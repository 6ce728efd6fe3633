package org.cponode.simrobot;

import org.cponode.control.NodeStatus;
import org.cponode.control.RobotTransport;
import org.cponode.control.SensorSink;

/**
 * Connects a robot node (its {@link RobotTransport}) and a {@link SimRobot} in memory, converting yaw to a quaternion like a driver:
 * the control benchmark and the in-process node tests run the whole loop without DDS.
 */
public class InMemoryLink {
    public volatile SensorSink node;
    public volatile SimRobotTransport.CommandSink robot;
    public volatile long commands;
    public volatile double lastLinear = Double.NaN;
    public final java.util.List<NodeStatus> diagnostics = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Called on the control thread for every published command, before it reaches the robot. */
    protected void onVelocity() {}

    public final RobotTransport nodeSide = new RobotTransport() {
        @Override
        public void start(SensorSink sink) {
            node = sink;
        }

        @Override
        public void publishVelocity(double stamp, double linear, double angular) {
            onVelocity();
            commands++;
            lastLinear = linear;
            SimRobotTransport.CommandSink r = robot;
            if (r != null) {
                r.command(linear, angular);
            }
        }

        @Override
        public void publishDiagnostics(NodeStatus status) {
            diagnostics.add(status);
        }

        @Override
        public void close() {
            node = null;
        }
    };

    public final SimRobotTransport robotSide = new SimRobotTransport() {
        @Override
        public void start(CommandSink sink) {
            robot = sink;
        }

        @Override
        public void publishOdometry(double stamp, double x, double y, double yaw, double linear, double angular) {
            SensorSink n = node;
            if (n != null) {
                n.odometry(stamp, x, y, 0, 0, Math.sin(yaw / 2), Math.cos(yaw / 2), linear, angular);
            }
        }

        @Override
        public void publishClock(double time) {
            SensorSink n = node;
            if (n != null) {
                n.clock(time);
            }
        }

        @Override
        public void close() {
            robot = null;
        }
    };
}
