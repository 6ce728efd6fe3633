package org.cponode.control;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The node's time: the wall clock, or {@code /clock} with {@code use_sim_time} (0 until the first message, as
 * in rclcpp). Every watchdog runs on it; {@link #wallNanos} is the monotonic guard that keeps working when
 * simulated time stops.
 */
public abstract class NodeClock {

    /** Node time, s (ROS time: seconds since the epoch, or simulated seconds). */
    public abstract double now();

    /** Monotonic wall time, ns. */
    public long wallNanos() {
        return System.nanoTime();
    }

    /** Wall ns since the time source last spoke: 0 for the wall clock, time since the last {@code /clock} message for sim time. */
    public long silentNanos(long wallNow) {
        return 0;
    }


    /** Wall time, ns resolution, monotonic: epoch seconds at start plus elapsed nanoTime. */
    public static final class Wall extends NodeClock {
        private final double epochAtStart = System.currentTimeMillis() / 1e3;
        private final long nanosAtStart = System.nanoTime();

        @Override
        public double now() {
            return epochAtStart + (System.nanoTime() - nanosAtStart) * 1e-9;
        }

    }

    /** Simulated time from {@code /clock}; {@link #set} wakes a waiting control thread. */
    public static final class Simulated extends NodeClock {
        private volatile double time;
        private volatile boolean started;
        private volatile long lastMessageNanos;
        private volatile Thread waiter;

        /** A {@code /clock} message. */
        public void set(double simulatedTime) {
            time = simulatedTime;
            lastMessageNanos = System.nanoTime();
            started = true;
            Thread w = waiter;
            if (w != null) {
                LockSupport.unpark(w);
            }
        }

        @Override
        public double now() {
            return time;
        }

        @Override
        public long silentNanos(long wallNow) {
            return started ? wallNow - lastMessageNanos : Long.MAX_VALUE;
        }

        /**
         * Waits until simulated time reaches {@code target}, the wall deadline passes or {@code cancelled} turns
         * true (checked whenever the thread is unparked), whichever is first.
         *
         * @return true if simulated time reached {@code target}
         */
        public boolean awaitTime(double target, long wallDeadlineNanos, BooleanSupplier cancelled) {
            waiter = Thread.currentThread();
            try {
                while (time < target && !cancelled.getAsBoolean()) {
                    long left = wallDeadlineNanos - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    LockSupport.parkNanos(left);
                }
                return time >= target;
            } finally {
                waiter = null;
            }
        }
    }
}
