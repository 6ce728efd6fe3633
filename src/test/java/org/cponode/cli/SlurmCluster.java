package org.cponode.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.cponode.rosws.Command;

/**
 * A one-node Slurm cluster on this machine for the length of a test class: munged with a key generated now,
 * slurmctld and slurmd on free ports of 127.0.0.1, configuration, state, spool and logs all in one temporary
 * directory, deleted when the cluster stops.
 * The node has 2 CPUs whatever the machine has ({@code config_overrides}), and needs no cgroups
 * ({@code proctrack/linuxproc}, {@code task/none}). slurmd and every job run in a private PID namespace where
 * {@code unshare} allows one, so stopping the cluster ends every process it started; elsewhere the jobs are
 * cancelled and waited for first. Needs root (slurmd runs jobs as their users) and Debian's {@code slurm-wlm}
 * and {@code munge}.
 */
final class SlurmCluster implements AutoCloseable {

    /** The binaries, as Debian installs them. */
    private static final List<String> BINARIES = List.of("/usr/sbin/munged", "/usr/sbin/slurmctld",
            "/usr/sbin/slurmd", "/usr/bin/sbatch", "/usr/bin/squeue", "/usr/bin/scancel", "/usr/bin/sinfo");

    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(1);

    private final Path dir;
    private final Path conf;
    private final List<Process> daemons = new ArrayList<>();
    /** Stops the daemons should the test JVM be ended before {@link #close} (a fork timeout). */
    private final Thread onExit = new Thread(() -> daemons.forEach(Process::destroyForcibly));

    /** Whether Slurm and munge are installed; the binaries that are not, else the empty string. */
    static String missingBinaries() {
        return String.join(" ", BINARIES.stream().filter(b -> !Files.isExecutable(Path.of(b))).toList());
    }

    /** Starts the cluster and waits, up to a minute, for its node to be idle. */
    static SlurmCluster start() throws IOException, InterruptedException {
        // Not below JUnit's private temporary directory: munged refuses a socket in a directory others cannot search.
        Path dir = Files.createTempDirectory("cpo-node-slurm-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        SlurmCluster c = new SlurmCluster(dir);
        try {
            c.boot();
            return c;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            c.close();
            throw e;
        }
    }

    private SlurmCluster(Path dir) {
        this.dir = dir;
        this.conf = dir.resolve("slurm.conf");
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /** The environment that points the Slurm commands at this cluster. */
    Map<String, String> env() {
        return Map.of("SLURM_CONF", conf.toString());
    }

    private void boot() throws IOException, InterruptedException {
        Path key = dir.resolve("munge.key");
        byte[] bytes = new byte[1024];
        new SecureRandom().nextBytes(bytes);
        Files.write(key, bytes);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("r--------")); // munged wants it private
        Path socket = dir.resolve("munge.socket");
        daemons.add(daemon("munged", List.of("/usr/sbin/munged", "--foreground", "--key-file=" + key,
                "--socket=" + socket, "--pid-file=" + dir.resolve("munged.pid"),
                "--log-file=" + dir.resolve("munged.log"), "--seed-file=" + dir.resolve("munged.seed"))));
        await(Duration.ofSeconds(20), () -> Files.exists(socket), "munged did not create " + socket);

        String host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip().split("\\.")[0];
        int ctldPort = freePort();
        int slurmdPort = freePort();
        Files.createDirectories(dir.resolve("state"));
        Files.createDirectories(dir.resolve("spool"));
        Files.writeString(conf, String.join("\n",
                "ClusterName=cpotest",
                "SlurmctldHost=" + host + "(127.0.0.1)",
                "SlurmctldPort=" + ctldPort,
                "SlurmdPort=" + slurmdPort,
                "SlurmUser=root",
                "SlurmdUser=root",
                "AuthType=auth/munge",
                "CredType=cred/munge",
                "AuthInfo=socket=" + socket,
                "CommunicationParameters=NoInAddrAny",
                "StateSaveLocation=" + dir.resolve("state"),
                "SlurmdSpoolDir=" + dir.resolve("spool"),
                "SlurmctldPidFile=" + dir.resolve("slurmctld.pid"),
                "SlurmdPidFile=" + dir.resolve("slurmd.pid"),
                "SlurmctldLogFile=" + dir.resolve("slurmctld.log"),
                "SlurmdLogFile=" + dir.resolve("slurmd.log"),
                "ProctrackType=proctrack/linuxproc",
                "TaskPlugin=task/none",
                "JobAcctGatherType=jobacct_gather/none",
                "AccountingStorageType=accounting_storage/none",
                "SelectType=select/cons_tres",
                "SelectTypeParameters=CR_CPU",
                "SchedulerType=sched/builtin",
                "MpiDefault=none",
                "MailProg=/bin/true",
                "ReturnToService=2",
                "KillWait=5",
                "SlurmdParameters=config_overrides",
                "NodeName=" + host + " NodeAddr=127.0.0.1 CPUs=2 RealMemory=2048 State=UNKNOWN",
                "PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP",
                ""), StandardCharsets.UTF_8);
        daemons.add(daemon("slurmctld", List.of("/usr/sbin/slurmctld", "-D", "-f", conf.toString())));
        List<String> slurmd = new ArrayList<>();
        if (canUnsharePids()) {
            // slurmd is the namespace's first process: when it dies, so does every job it started.
            slurmd.addAll(List.of("unshare", "--pid", "--fork", "--kill-child", "--mount-proc"));
        }
        slurmd.addAll(List.of("/usr/sbin/slurmd", "-D", "-f", conf.toString(), "-N", host));
        daemons.add(daemon("slurmd", slurmd));
        await(Duration.ofMinutes(1), () -> run("sinfo", "--noheader", "--format=%T").stdout().strip().equals("idle"),
                "the node did not become idle");
    }

    /** Runs a Slurm command against this cluster. */
    Command.Result run(String... command) {
        return Command.run(dir, env(), COMMAND_TIMEOUT, List.of(command));
    }

    /** The tasks of {@code job} still pending or running. */
    List<String> queued(String job) {
        Command.Result r = run("squeue", "--noheader", "--array", "--jobs=" + job, "--format=%i");
        return r.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /** Waits until no task of {@code job} is pending or running. */
    void awaitDone(String job, Duration timeout) throws InterruptedException {
        await(timeout, () -> queued(job).isEmpty(), "job " + job + " still has tasks " + queued(job));
    }

    /** Polls {@code condition} every 200 ms, failing with {@code what} and the daemons' logs after {@code timeout}. */
    void await(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(what + " within " + timeout + "\n" + logs());
            }
            Thread.sleep(200);
        }
    }

    /** The ends of the daemons' logs, for failure messages. */
    String logs() {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path log : files.filter(p -> p.toString().endsWith(".log") || p.toString().endsWith(".out")).sorted()
                    .toList()) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
                sb.append("--- ").append(log).append('\n');
                lines.subList(Math.max(0, lines.size() - 30), lines.size()).forEach(l -> sb.append(l).append('\n'));
            }
        } catch (IOException e) {
            sb.append("(logs unreadable: ").append(e.getMessage()).append(")\n");
        }
        return sb.toString();
    }

    /** Cancels every job, waits for them to end (bounded), then stops the daemons, newest first. */
    @Override
    public void close() {
        try {
            if (daemons.size() == 3 && daemons.stream().allMatch(Process::isAlive)) {
                run("scancel", "--user=" + System.getProperty("user.name"));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (System.nanoTime() < deadline && !run("squeue", "--noheader").stdout().isBlank()) {
                    Thread.sleep(200);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | AssertionError e) {
            // the daemons are stopped below all the same
        } finally {
            for (Process p : daemons.reversed()) {
                p.destroy();
                try {
                    if (!p.waitFor(10, TimeUnit.SECONDS)) {
                        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    p.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
            delete(dir);
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook runs too, harmlessly
            }
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary directory: what is left, the system's cleaner removes
        }
    }

    private Process daemon(String name, List<String> command) throws IOException {
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".out").toFile()).start();
    }

    private static boolean canUnsharePids() {
        try {
            Process p = new ProcessBuilder("unshare", "--pid", "--fork", "--kill-child", "--mount-proc", "true")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
