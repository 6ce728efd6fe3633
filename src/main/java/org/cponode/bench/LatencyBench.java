package org.cponode.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cponode.ros.Publisher;
import org.cponode.ros.QosProfile;
import org.cponode.ros.RosNode;
import org.cponode.ros.Subscription;
import org.cponode.ros.dds.CycloneConfig;
import org.cponode.ros.msg.MessageType.FieldRef;
import org.cponode.ros.msg.Odometry;
import org.cponode.ros.msg.Twist;

/**
 * Round-trip latency odom → controller → cmd_vel on loopback: a pinger publishes Odometry on
 * {@code rt/odom} with {@code pose.position.x = i}, an echo replies on {@code rt/cmd_vel} with a Twist whose
 * {@code linear.x = i}; the pinger times each round trip (one message in flight, reliable, keep last 10).
 * Cases: C↔C (the baseline; two Cyclone C processes, in a private network namespace when
 * {@code unshare -n} works, and on the host's loopback like the others), C pinger → Java echo (the node's receive-and-reply path), Java pinger → C echo,
 * Java↔Java (two participants in this JVM). For Java echoes it also reports the bytes the JVM allocated per
 * message on the receive thread (decode + callback + reply).
 *
 * <p>The C cases need the test peer built from {@code src/test/native/peer} (the ros tests build it into
 * {@code target/native/peer/peer}); without it they are reported as skipped.
 */
public final class LatencyBench {

    /** Where the ros tests build the C peer, relative to the project directory. */
    public static final Path DEFAULT_PEER = Path.of("target/native/peer/peer");

    private static final Pattern RTT = Pattern.compile("RTT n=(\\d+) lost=(\\d+) p50_us=([\\d.-]+) p99_us=([\\d.-]+)");
    private static final long REPLY_TIMEOUT_NS = 1_000_000_000L;
    private static final long SPIN_NS = 500_000L;

    private LatencyBench() {}

    /**
     * One measured case.
     *
     * @param name           e.g. {@code "C <-> C"}
     * @param answered       round trips completed
     * @param lost           requests without a reply within 1 s
     * @param p50Micros      median round trip, µs
     * @param p99Micros      99th percentile, µs
     * @param bytesPerMessage JVM heap allocated per message on the Java echo's receive thread, or NaN
     * @param note           how it ran (namespace, skipped reason)
     */
    public record Case(String name, int answered, int lost, double p50Micros, double p99Micros, double bytesPerMessage,
            String note) {}

    /** {@code java -cp target/classes org.cponode.bench.LatencyBench [messages [peer]]}: prints the table. */
    public static void main(String[] args) throws IOException, InterruptedException {
        run(System.out, args.length > 0 ? Integer.parseInt(args[0]) : 2000, args.length > 1 ? Path.of(args[1]) : DEFAULT_PEER);
    }

    /** Runs every case with the C peer at {@link #DEFAULT_PEER}; see {@link #run(PrintStream, int, Path)}. */
    public static List<Case> run(PrintStream out, int messages) throws IOException, InterruptedException {
        return run(out, messages, DEFAULT_PEER);
    }

    /**
     * Runs every case with {@code messages} round trips each, printing a table to {@code out}.
     *
     * @param peer the C peer executable (cases needing it are skipped if it does not exist)
     * @return the cases in printed order
     * @throws IllegalArgumentException if {@code messages} is not in 10..1,000,000
     */
    public static List<Case> run(PrintStream out, int messages, Path peer) throws IOException, InterruptedException {
        if (messages < 10 || messages > 1_000_000) {
            throw new IllegalArgumentException("messages must be in 10..1000000, got " + messages);
        }
        int domain = 1 + ThreadLocalRandom.current().nextInt(101);
        String config = CycloneConfig.loopbackOnly(Integer.toString(domain));
        boolean havePeer = Files.isExecutable(peer);
        int seconds = 30 + messages / 100;
        out.printf(Locale.ROOT, "round trip odom -> cmd_vel, %d timed messages per case after %d untimed, loopback, domain %d%n",
                messages, Math.min(1000, messages), domain);
        int warmup = Math.min(1000, messages);
        List<Case> cases = new ArrayList<>();
        String missing = "skipped: no C peer at " + peer + " (run the org.cponode.ros tests to build it)";
        cases.add(havePeer ? cToC(peer, messages, warmup, seconds, config, false) : skipped("C <-> C", missing));
        cases.add(havePeer ? cToJava(peer, messages, warmup, seconds, domain, config) : skipped("C -> Java echo", missing));
        cases.add(havePeer ? javaToC(peer, messages, warmup, seconds, domain, config) : skipped("Java -> C echo", missing));
        cases.add(javaToJava(messages, warmup, domain, config));
        if (havePeer && canUnshare()) {
            cases.add(cToC(peer, messages, warmup, seconds, config, true));
        }
        for (Case c : cases) {
            out.printf(Locale.ROOT, "%-16s n=%-7d lost=%-4d p50=%9.1f us  p99=%9.1f us  alloc=%s  %s%n", c.name(), c.answered(),
                    c.lost(), c.p50Micros(), c.p99Micros(),
                    Double.isNaN(c.bytesPerMessage()) ? "-" : String.format(Locale.ROOT, "%.0f B/msg", c.bytesPerMessage()), c.note());
        }
        if (havePeer && cases.get(0).answered() > 0 && cases.get(1).answered() > 0) {
            out.printf(Locale.ROOT, "Java echo adds %+.1f %% to the C<->C p50%n",
                    100 * (cases.get(1).p50Micros() / cases.get(0).p50Micros() - 1));
        }
        return cases;
    }

    private static Case skipped(String name, String why) {
        return new Case(name, 0, 0, Double.NaN, Double.NaN, Double.NaN, why);
    }

    private static Process startPeer(List<String> command, String config) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("CYCLONEDDS_URI", config);
        return pb.start();
    }

    private static boolean canUnshare() {
        try {
            Process p = new ProcessBuilder("unshare", "-n", "true").redirectErrorStream(true).start();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Reads the peer's output until its RTT line. */
    private static Case rttCase(String name, Process pinger, String note) throws IOException, InterruptedException {
        List<String> seen = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(pinger.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                seen.add(line);
                Matcher m = RTT.matcher(line);
                if (m.find()) {
                    return new Case(name, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                            Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)), Double.NaN, note);
                }
            }
        } finally {
            if (!pinger.waitFor(10, TimeUnit.SECONDS)) {
                pinger.destroyForcibly();
            }
        }
        return new Case(name, 0, 0, Double.NaN, Double.NaN, Double.NaN, "failed: " + seen);
    }

    private static Case cToC(Path peer, int messages, int warmup, int seconds, String config, boolean privateNetwork)
            throws IOException, InterruptedException {
        String p = peer.toAbsolutePath().toString();
        List<String> ping = List.of(p, "ping", Integer.toString(messages), Integer.toString(seconds), Integer.toString(warmup));
        if (privateNetwork) {
            // both processes in one private network namespace: nothing leaves the host, nothing else interferes
            String script = "ip link set lo up && { \"$0\" echo " + seconds + " <&3 & } 3<&0; \"$0\" " + String.join(" ", ping.subList(1, 5))
                    + "; kill $! 2>/dev/null; wait";
            Process sh = startPeer(List.of("unshare", "-n", "sh", "-c", script, p), config);
            return rttCase("C <-> C netns", sh, "two C processes in an unshare -n namespace");
        }
        Process echo = startPeer(List.of(p, "echo", Integer.toString(seconds)), config);
        try {
            return rttCase("C <-> C", startPeer(ping, config), "two C processes, the baseline for the Java cases");
        } finally {
            echo.getOutputStream().close();
            echo.waitFor(5, TimeUnit.SECONDS);
            echo.destroyForcibly();
        }
    }

    private static RosNode node(String name, int domain, String config) {
        return RosNode.create(RosNode.Options.of(name).withDomainId(domain).withCycloneConfig(config));
    }

    /**
     * A Java controller stand-in: replies to each odometry with a Twist, in place, from the receive thread,
     * and measures what that thread allocates per message after the warm-up.
     */
    private static final class JavaEcho implements AutoCloseable {
        private static final com.sun.management.ThreadMXBean THREADS =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final RosNode node;
        private final int warmup;
        private volatile long received;
        private volatile long allocatedAtWarmup;
        private volatile long receiveThread = -1;

        JavaEcho(int domain, String config, int warmup) {
            this.warmup = warmup;
            node = node("bench_echo", domain, config);
            Publisher<Twist> cmd = node.publisher("/cmd_vel", Twist.TYPE, QosProfile.DEFAULT);
            FieldRef linearX = Twist.TYPE.field("linear.x");
            FieldRef angularZ = Twist.TYPE.field("angular.z");
            node.subscribe("/odom", Odometry.TYPE, QosProfile.DEFAULT, odom -> {
                cmd.set(linearX, odom.pose().pose().position().x()).set(angularZ, 0.5).publishSample();
                if (++received == warmup) {
                    receiveThread = Thread.currentThread().threadId();
                    allocatedAtWarmup = THREADS.getCurrentThreadAllocatedBytes();
                }
            });
        }

        /** Bytes allocated on the receive thread per message since the warm-up ended (NaN before). */
        double bytesPerMessage() {
            long timed = received - warmup;
            return receiveThread < 0 || timed <= 0 ? Double.NaN
                    : (double) (THREADS.getThreadAllocatedBytes(receiveThread) - allocatedAtWarmup) / timed;
        }

        @Override
        public void close() {
            node.close();
        }
    }

    private static Case cToJava(Path peer, int messages, int warmup, int seconds, int domain, String config)
            throws IOException, InterruptedException {
        try (JavaEcho echo = new JavaEcho(domain, config, warmup)) {
            Process ping = startPeer(List.of(peer.toAbsolutePath().toString(), "ping", Integer.toString(messages),
                    Integer.toString(seconds), Integer.toString(warmup)), config);
            Case c = rttCase("C -> Java echo", ping, "C pinger, Java echo (decode, callback, in-place reply)");
            return new Case(c.name(), c.answered(), c.lost(), c.p50Micros(), c.p99Micros(), echo.bytesPerMessage(), c.note());
        }
    }

    private static Case javaToC(Path peer, int messages, int warmup, int seconds, int domain, String config)
            throws IOException, InterruptedException {
        Process echo = startPeer(List.of(peer.toAbsolutePath().toString(), "echo", Integer.toString(seconds)), config);
        try {
            return javaPing("Java -> C echo", messages, warmup, domain, config, "Java pinger (in-place odometry), C echo", null);
        } finally {
            echo.getOutputStream().close();
            echo.waitFor(5, TimeUnit.SECONDS);
            echo.destroyForcibly();
        }
    }

    private static Case javaToJava(int messages, int warmup, int domain, String config) throws InterruptedException {
        try (JavaEcho echo = new JavaEcho(domain, config, warmup)) {
            return javaPing("Java <-> Java", messages, warmup, domain, config,
                    "two participants in this JVM (Cyclone delivers in-process)", echo);
        }
    }

    private static Case javaPing(String name, int messages, int warmup, int domain, String config, String note, JavaEcho echo)
            throws InterruptedException {
        try (RosNode node = node("bench_ping", domain, config)) {
            Publisher<Odometry> odom = node.publisher("/odom", Odometry.TYPE, QosProfile.DEFAULT);
            AtomicLong lastReply = new AtomicLong(Double.doubleToLongBits(-1));
            Subscription<Twist> cmd = node.subscribe("/cmd_vel", Twist.TYPE, QosProfile.DEFAULT,
                    t -> lastReply.set(Double.doubleToLongBits(t.linear().x())));
            long matchDeadline = System.nanoTime() + 20_000_000_000L;
            while ((odom.matchedCount() == 0 || cmd.matchedCount() == 0) && System.nanoTime() < matchDeadline) {
                Thread.sleep(10);
            }
            if (odom.matchedCount() == 0 || cmd.matchedCount() == 0) {
                return new Case(name, 0, messages, Double.NaN, Double.NaN, Double.NaN, "failed: no match within 20 s");
            }
            Thread.sleep(300);
            FieldRef x = Odometry.TYPE.field("pose.pose.position.x");
            long[] rtt = new long[messages];
            int answered = 0;
            int lost = 0;
            for (int i = 1 - warmup; i <= messages; i++) {
                long t0 = System.nanoTime();
                odom.set(x, (double) i).publishSample();
                long want = Double.doubleToLongBits(i);
                while (lastReply.get() != want && System.nanoTime() - t0 < REPLY_TIMEOUT_NS) {
                    // spin briefly, then park: on a 2-core host a spinning pinger starves the receive thread
                    if (System.nanoTime() - t0 < SPIN_NS) {
                        Thread.onSpinWait();
                    } else {
                        java.util.concurrent.locks.LockSupport.parkNanos(10_000);
                    }
                }
                if (i <= 0) {
                    continue; // warm-up
                }
                if (lastReply.get() == want) {
                    rtt[answered++] = System.nanoTime() - t0;
                } else {
                    lost++;
                }
            }
            double perMessage = echo == null ? Double.NaN : echo.bytesPerMessage();
            long[] done = Arrays.copyOf(rtt, answered);
            Arrays.sort(done);
            return new Case(name, answered, lost, answered == 0 ? Double.NaN : done[answered / 2] / 1e3,
                    answered == 0 ? Double.NaN : done[(int) (answered * 0.99)] / 1e3, perMessage, note);
        }
    }
}
