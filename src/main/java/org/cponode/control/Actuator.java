package org.cponode.control;

import org.cponode.task.VelocityLimiter;

/**
 * The last stage before the robot: the node's velocity and acceleration limits, then the transport. A zero
 * command bypasses the acceleration limit (a stop is immediate) and resets the limiter, so motion resumes from
 * rest. Control thread only; allocation-free.
 */
final class Actuator {

    private final RobotTransport transport;
    private final VelocityLimiter limiter;
    private final double period;
    private volatile double lastLinear;
    private volatile double lastAngular;

    Actuator(RobotTransport transport, ControlSettings s) {
        this.transport = transport;
        this.limiter = new VelocityLimiter(s.maxLinearVelocity(), s.maxAngularVelocity(), s.maxLinearAcceleration(),
                s.maxAngularAcceleration());
        this.period = s.controlPeriod();
    }

    /** Publishes the limited version of a command at node time {@code now}. */
    void drive(double now, double linear, double angular) {
        limiter.update(linear, angular, period);
        publish(now, limiter.linear(), limiter.angular());
    }

    /** From the next command on, clamps to these speed limits. */
    void setSpeedLimits(double maxLinearVelocity, double maxAngularVelocity) {
        limiter.setSpeedLimits(maxLinearVelocity, maxAngularVelocity);
    }

    /** Publishes zero velocity now, bypassing the acceleration limit. */
    void stop(double now) {
        limiter.reset(0.0, 0.0);
        publish(now, 0.0, 0.0);
    }

    /** Forgets the commanded velocity without publishing (the robot was put down at rest). */
    void restFromHere() {
        limiter.reset(0.0, 0.0);
    }

    private void publish(double now, double linear, double angular) {
        transport.publishVelocity(now, linear, angular);
        lastLinear = linear;
        lastAngular = angular;
    }

    double lastLinear() {
        return lastLinear;
    }

    double lastAngular() {
        return lastAngular;
    }
}
