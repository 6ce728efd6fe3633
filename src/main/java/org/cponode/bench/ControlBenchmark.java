package org.cponode.bench;

import org.cponode.control.ControlCore;
import org.cponode.control.ControlLoop;
import org.cponode.node.NodeConfiguration;
import org.cponode.node.RobotNode;
import org.cponode.node.RosArguments;
import org.cponode.simrobot.InMemoryLink;
import org.cponode.simrobot.SimRobot;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Control-loop benchmark, in-process (no DDS, so it measures the node, not the network): the node with online
 * CPO running (1 s windows, 2 per update, so updates run back to back in the background) on wall time against
 * the embedded {@link SimRobot} (odometry at 20 Hz; at 20 Hz control the control loop's phase lock aligns the loop to
 * it, at 50 Hz it cannot), with a cost limit high enough that no budget fallback occurs. Reports period jitter
 * |interval - period| p50/p99/max, the step's compute time (odometry read to cmd_vel publish), odometry arrival
 * to cmd_vel publish, bytes allocated by the control thread per step, CPO updates done and heap in use.
 * Run with {@code -Xmx256m} to check the memory target.
 */
public final class ControlBenchmark {

    private ControlBenchmark() {}

    /** One run's numbers (jitter in simulated time with sim time). */
    public record Result(double rate, int steps, ControlLoop.Timing timing, double arrivalP50Ms, double arrivalP99Ms,
            double bytesPerStep, long updates, long heapUsedMb, long heapMaxMb) {

        /** One report line. */
        public String describe() {
            return String.format(Locale.ROOT, "%4.0f Hz: %5d steps, measured %.2f Hz | jitter p50 %.3f ms, p99 %.3f ms,"
                    + " max %.3f ms | step compute p50 %.3f ms, p99 %.3f ms | odom arrival->cmd_vel p50 %.2f ms,"
                    + " p99 %.2f ms | %.1f B/step on the control thread | %d CPO updates | heap %d of %d MB",
                    rate, steps, timing.rate(), timing.jitterP50(), timing.jitterP99(), timing.jitterMax(),
                    timing.computeP50(), timing.computeP99(), arrivalP50Ms, arrivalP99Ms, bytesPerStep, updates,
                    heapUsedMb, heapMaxMb);
        }
    }

    /**
     * Runs the node at {@code rate} Hz for {@code seconds} after a warm-up of {@code seconds / 4}.
     *
     * @param learning run online CPO in the background (false gives the baseline of the machine)
     * @param simTime the robot publishes {@code /clock} (real-time factor 1) and the loop steps on it; the
     *     simulated robot advances in 50 ms steps, so only 20 Hz makes sense then
     * @param checkpointDir where the online learner writes its checkpoints
     */
    public static Result run(double rate, double seconds, boolean learning, boolean simTime, Path checkpointDir)
            throws InterruptedException {
        NodeConfiguration cfg = NodeConfiguration.resolve(RosArguments.parse(List.of("--ros-args",
                "-p", "control_rate:=" + rate, "-p", "learning:=" + learning, "-p", "episode_window:=1.0",
                "-p", "use_sim_time:=" + simTime,
                "-p", "batch_windows:=2", "-p", "checkpoint_dir:=" + checkpointDir,
                // No budget fallbacks: their once-per-window log lines are transitions, not steady state.
                "-p", "cost_limit:=1000.0")));
        Link link = new Link();
        RobotNode node = RobotNode.start(cfg, link.nodeSide);
        link.core = node.core();
        SimRobot robot = new SimRobot(new SimRobot.Settings(simTime, 1.0, 0.5, 1), link.robotSide);
        robot.start();
        try {
            Thread.sleep((long) (seconds * 250));
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long tid = node.loop().thread().threadId();
            node.loop().resetTiming();
            link.reset();
            long steps0 = node.core().steps();
            long bytes0 = threads.getThreadAllocatedBytes(tid);
            long updates0 = learning ? node.learner().updates() : 0;
            Thread.sleep((long) (seconds * 1000));
            long bytes = threads.getThreadAllocatedBytes(tid) - bytes0;
            long steps = node.core().steps() - steps0;
            ControlLoop.Timing timing = node.loop().timing();
            long[] arrival = link.latencies();
            Runtime rt = Runtime.getRuntime();
            return new Result(rate, (int) steps, timing, quantileMs(arrival, 0.5), quantileMs(arrival, 0.99),
                    (double) bytes / steps, learning ? node.learner().updates() - updates0 : 0,
                    (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
        } finally {
            robot.close();
            node.close();
        }
    }

    private static double quantileMs(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * (sorted.length - 1) + 0.5))] * 1e-6;
    }

    /** The in-memory loop, also recording odometry-arrival-to-publish latency without allocating. */
    private static final class Link extends InMemoryLink {
        final long[] latency = new long[1 << 16];
        volatile int count;
        volatile ControlCore core;

        void reset() {
            count = 0;
        }

        long[] latencies() {
            long[] l = Arrays.copyOf(latency, Math.min(count, latency.length));
            Arrays.sort(l);
            return l;
        }

        @Override
        protected void onVelocity() {
            ControlCore c = core;
            if (c != null && c.odomArrivalWall() != 0) {
                int n = count;
                latency[n & (latency.length - 1)] = System.nanoTime() - c.odomArrivalWall();
                count = n + 1;
            }
        }
    }

    /**
     * Runs 20 Hz and 50 Hz on wall time and 20 Hz on sim time for {@code args[0]} seconds each (default 20), with
     * online CPO unless {@code args[1]} is {@code baseline}, and prints the results.
     */
    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 20;
        boolean learning = !(args.length > 1 && args[1].equals("baseline"));
        Path dir = Files.createTempDirectory("cpo-control-bench");
        System.out.println("control benchmark, " + Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + (Runtime.getRuntime().maxMemory() >> 20) + " MB, online CPO " + (learning ? "running" : "off"));
        for (double rate : new double[] {20, 50}) {
            System.out.println(run(rate, seconds, learning, false, dir.resolve("r" + (int) rate)).describe());
        }
        System.out.println("sim time: " + run(20, seconds, learning, true, dir.resolve("sim")).describe());
    }
}
