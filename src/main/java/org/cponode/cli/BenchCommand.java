package org.cponode.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.cponode.learn.UpdateBenchmark;
import org.cponode.parallel.WorkerPool;
import org.cponode.nn.GaussianPolicy;
import org.cponode.sim.PointCircle;
import org.cponode.learn.ConstraintBenchmark;
import org.cponode.bench.ScanBenchmark;
import org.cponode.bench.SimBenchmark;
import org.cponode.sim.Tasks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bench}: prints the performance numbers the project tracks (docs/BENCHMARKS.md). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure performance: update (CPO update, policy step and baseline fits), constraints",
            "(one CPO update against its number of constraints m = 1, 2, 4), fvp",
            "(Fisher-vector product GFLOP/s), inference (one observation, p50/p99), sim (simulator steps/s),",
            "scan (the LDS-like range sensor in a room with 10 obstacles: scans/s and rays/s on one core),",
            "latency (DDS odom -> cmd_vel round trips; C cases need the test peer built by the ros tests),",
            "control (the node's loop with online CPO: jitter at 20 and 50 Hz, odom -> cmd_vel latency, memory),",
            "or all of them; and solve (wall-clock to solve point-circle with train's defaults, seeds 1-3;",
            "minutes, so not part of all)."})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", description = "Sections: update, constraints, fvp, inference, sim, scan, latency, control,"
            + " all, solve (default: all).")
    String[] sections = {"all"};

    @Override
    public Integer call() throws java.io.IOException, InterruptedException {
        PrintWriter o = spec.commandLine().getOut();
        java.util.List<String> s = Arrays.asList(sections);
        boolean all = s.contains("all");
        for (String name : s) {
            if (!java.util.Set.of("all", "update", "constraints", "fvp", "inference", "sim", "scan", "latency", "control",
                    "solve").contains(name)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "unknown bench section '" + name
                        + "' (expected update, constraints, fvp, inference, sim, scan, latency, control, solve or all)");
            }
        }
        o.printf(Locale.ROOT, "cpo-node bench: %d cores, %s %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        if (all || s.contains("sim")) {
            sim(o);
        }
        if (all || s.contains("scan")) {
            scan(o);
        }
        if (all || s.contains("inference")) {
            inference(o);
        }
        if (all || s.contains("fvp")) {
            fvp(o);
        }
        if (all || s.contains("update")) {
            update(o);
        }
        if (all || s.contains("constraints")) {
            constraints(o);
        }
        if (all || s.contains("control")) {
            o.println("== control loop with online CPO (20 s per rate; run with -Xmx256m to check the memory target)");
            o.flush();
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("cpo-control-bench");
            for (double rate : new double[] {20, 50}) {
                o.println(org.cponode.bench.ControlBenchmark.run(rate, 20, true, false, dir.resolve("r" + (int) rate)).describe());
                o.flush();
            }
        }
        if (s.contains("solve")) {
            solve(o);
        }
        if (all || s.contains("latency")) {
            o.println("== DDS round trip odom -> cmd_vel on loopback (2,000 messages per case)");
            o.flush();
            org.cponode.bench.LatencyBench.run(System.out, 2000);
        }
        return 0;
    }

    private static void sim(PrintWriter o) {
        o.println("== simulator throughput (one core, random actions)");
        for (String task : Tasks.names()) {
            SimBenchmark.stepsPerSecond(task, 2_000_000);
            double sps = SimBenchmark.stepsPerSecond(task, 20_000_000);
            o.printf(Locale.ROOT, "%-18s %8.2f M steps/s%n", task, sps / 1e6);
            o.flush();
        }
    }

    private static void scan(PrintWriter o) {
        o.println("== range sensor (one core): LDS, 360 rays, noise 0.01 m, 6 x 5 m room with 5 circles and 5 boxes");
        for (boolean reduce : new boolean[] {false, true}) {
            ScanBenchmark.run(100_000, reduce);
            o.println(ScanBenchmark.describe(reduce ? "scan + " + ScanBenchmark.BINS + " bins" : "scan",
                    ScanBenchmark.run(1_000_000, reduce)));
            o.flush();
        }
    }

    private static void inference(PrintWriter o) {
        int obsSize = PointCircle.OBSERVATION_SIZE;
        o.println("== policy inference, one observation (mean action; point-circle policy: obs " + obsSize
                + ", hidden 64,32, 2 actions)");
        GaussianPolicy p = new GaussianPolicy(obsSize, new int[] {64, 32}, 2);
        double[] params = new double[p.parameterCount()];
        p.initialize(params, new SplittableRandom(1), 1.0);
        double[] obs = new double[obsSize];
        double[] act = new double[2];
        double[] scratch = new double[p.scratchSize()];
        int n = 1_000_000;
        long[] t = new long[n];
        for (int i = 0; i < 200_000; i++) {
            obs[i % obsSize] = (i % 13) * 0.1;
            p.mean(params, obs, act, scratch);
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long bytes = mx.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < n; i++) {
            obs[i % obsSize] = (i % 13) * 0.1;
            long t0 = System.nanoTime();
            p.mean(params, obs, act, scratch);
            t[i] = System.nanoTime() - t0;
        }
        bytes = mx.getCurrentThreadAllocatedBytes() - bytes;
        Arrays.sort(t);
        o.printf(Locale.ROOT, "p50 %.2f us   p99 %.2f us   p99.9 %.2f us   allocated %d bytes in %,d calls%n",
                t[n / 2] / 1e3, t[(int) (n * 0.99)] / 1e3, t[(int) (n * 0.999)] / 1e3, bytes, n);
        o.flush();
    }

    private static void fvp(PrintWriter o) {
        o.println("== Fisher-vector product (obs 28, hidden 64,64, 2 actions, full batch)");
        for (int threads : new int[] {1, 2}) {
            try (WorkerPool pool = new WorkerPool(threads)) {
                for (int n : new int[] {20_000, 50_000}) {
                    UpdateBenchmark.Timing t = UpdateBenchmark.run(new UpdateBenchmark.Shape(n, 28, new int[] {64, 64}, 15, 1.0, 0, 128), pool, 1);
                    o.printf(Locale.ROOT, "threads %d  N %6d   one FVP %7.2f ms   %6.1f GFLOP/s%n", threads, n,
                            t.fvpSeconds() * 1e3, t.fvpGflops());
                    o.flush();
                }
            }
        }
    }

    /** Return that counts as solved: CPO passes it after 27-43 iterations with train's defaults (docs/BENCHMARKS.md). */
    static final double SOLVED_RETURN = 80.0;

    /**
     * Trains point-circle with {@code train}'s defaults (the paper's constants but cost lambda 0.92, baselines
     * that see the time, CPO's learned margin) until the 5-iteration moving averages reach {@link #SOLVED_RETURN} with cost at or
     * below the limit, for seeds 1-3.
     */
    private static void solve(PrintWriter o) {
        o.printf(Locale.ROOT, "== wall-clock to solve point-circle (train's defaults: the paper's constants but cost"
                + " lambda 0.92, baselines with time, learned margin; solved = 5-iteration mean return >= %.0f"
                + " with mean cost <= limit; cap 200 iterations)%n", SOLVED_RETURN);
        org.cponode.sim.TaskSpec t = Tasks.spec("point-circle");
        try (WorkerPool pool = new WorkerPool(Runtime.getRuntime().availableProcessors())) {
            for (long seed = 1; seed <= 3; seed++) {
                org.cponode.learn.TrainConfig cfg = org.cponode.learn.TrainConfig.defaults(t).withSeed(seed)
                        .withIterations(200);
                org.cponode.learn.Trainer trainer = new org.cponode.learn.Trainer(cfg, () -> Tasks.create(t.name()),
                        t.observationLayout(), pool);
                double[] ret = new double[200];
                double[] cost = new double[200];
                long start = System.nanoTime();
                int solvedAt = -1;
                for (int i = 0; i < 200 && solvedAt < 0; i++) {
                    org.cponode.learn.Trainer.Iteration it = trainer.runIteration();
                    ret[i] = it.averageReturn();
                    cost[i] = it.averageCost();
                    if (i >= 4 && mean(ret, i - 4, i + 1) >= SOLVED_RETURN && mean(cost, i - 4, i + 1) <= t.costLimit()) {
                        solvedAt = i + 1;
                    }
                }
                double seconds = (System.nanoTime() - start) * 1e-9;
                o.printf(Locale.ROOT, "seed %d: %s after %d iterations, %.1f s (%.2f s per iteration)%n", seed,
                        solvedAt > 0 ? "solved" : "NOT solved", solvedAt > 0 ? solvedAt : 200, seconds,
                        seconds / (solvedAt > 0 ? solvedAt : 200));
                o.flush();
            }
        }
    }

    private static double mean(double[] a, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += a[i];
        }
        return s / (to - from);
    }

    /** Batch of the constraints section: the 16,000 samples of the multi-constraint experiments. */
    private static final int CONSTRAINTS_BATCH = 16_000;
    /** Updates per m in the constraints section; the first is JIT warm-up and untimed. */
    private static final int CONSTRAINTS_ITERATIONS = 11;

    private static void constraints(PrintWriter o) {
        o.println("== one CPO update against its constraints m: point-circle plus m - 1 action constraints, "
                + CONSTRAINTS_BATCH + " samples, 1 thread, median of " + (CONSTRAINTS_ITERATIONS - 1) + " updates");
        try (WorkerPool pool = new WorkerPool(1)) {
            double one = Double.NaN;
            for (int m : new int[] {1, 2, 4}) {
                ConstraintBenchmark.Timing t = ConstraintBenchmark.run(m, CONSTRAINTS_BATCH, CONSTRAINTS_ITERATIONS,
                        pool);
                one = m == 1 ? t.updateSeconds() : one;
                o.printf(Locale.ROOT, "m %d  update %6.3f s (x%.2f of m = 1)  sampling %6.3f s%n", m,
                        t.updateSeconds(), t.updateSeconds() / one, t.sampleSeconds());
                o.flush();
            }
        }
    }

    private static void update(PrintWriter o) {
        o.println("== one CPO update: policy step (CG, dual, line search) + reward and cost baseline fits");
        record Case(String label, UpdateBenchmark.Shape shape) {}
        Case[] cases = {
            new Case("PyTorch-comparable N=50000 obs 28 (64,64) 15 CG full FVP, VF 10 ep mb 128",
                    new UpdateBenchmark.Shape(50_000, 28, new int[] {64, 64}, 15, 1.0, 10, 128)),
            new Case("same, N=20000", new UpdateBenchmark.Shape(20_000, 28, new int[] {64, 64}, 15, 1.0, 10, 128)),
            new Case("same, N=2000", new UpdateBenchmark.Shape(2_000, 28, new int[] {64, 64}, 15, 1.0, 10, 128)),
            new Case("paper defaults N=50000 (64,32) 10 CG 20% FVP, VF 10 ep",
                    new UpdateBenchmark.Shape(50_000, 28, new int[] {64, 32}, 10, 0.2, 10, 128)),
        };
        for (int threads : new int[] {2, 1}) {
            try (WorkerPool pool = new WorkerPool(threads)) {
                for (Case c : cases) {
                    UpdateBenchmark.Timing t = UpdateBenchmark.run(c.shape(), pool, 3);
                    o.printf(Locale.ROOT, "threads %d  %-72s total %6.3f s  policy %6.3f s  baselines %6.3f s  FVP %6.2f ms (%5.1f GFLOP/s)%n",
                            threads, c.label(), t.totalSeconds(), t.policySeconds(), t.valueSeconds(), t.fvpSeconds() * 1e3,
                            t.fvpGflops());
                    o.flush();
                }
            }
        }
    }
}
