package org.cponode.fleet;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Debian mosquitto for the fleet tests, in a temporary directory, on free loopback ports: a plain
 * listener, a TLS listener (server certificate for localhost and 127.0.0.1 from a CA made here with
 * openssl), a mutual-TLS listener (client certificate required) and a TLS listener whose certificate names
 * only localhost. Password file and ACL follow docs/FLEET.md: robots {@code robot-001} and
 * {@code robot-002} may publish only under {@code fleet/<own id>/} and read their own {@code cmd/#};
 * {@code fleet-manager} reads everything and writes {@code fleet/+/cmd/#}.
 */
public final class MosquittoBroker implements AutoCloseable {

    static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");
    static final Path MOSQUITTO_PASSWD = Path.of("/usr/bin/mosquitto_passwd");
    public static final String ROBOT = "robot-001";
    static final String OTHER_ROBOT = "robot-002";
    public static final String MANAGER = "fleet-manager";
    private static final long START_TIMEOUT_MS = 10_000;
    private static final long STOP_TIMEOUT_MS = 5_000;

    final Path dir;
    final int plainPort;
    final int tlsPort;
    final int mutualTlsPort;
    /** TLS listener whose certificate names only DNS:localhost, for the hostname-verification test. */
    final int localhostOnlyTlsPort;
    private Process process;

    /** @return true if mosquitto, mosquitto_passwd and openssl are available. */
    static boolean installed() {
        return Files.isExecutable(MOSQUITTO) && Files.isExecutable(MOSQUITTO_PASSWD) && onPath("openssl");
    }

    /** Skips the calling test (JUnit assumption, reported per test) when mosquitto or openssl is missing. */
    public static void assumeInstalled() {
        assumeTrue(installed(), "mosquitto, mosquitto_passwd or openssl not installed"
                + " (apt-get install mosquitto openssl): broker test skipped");
    }

    private MosquittoBroker(Path dir) throws IOException {
        this.dir = dir;
        int[] ports = freePorts(4);
        this.plainPort = ports[0];
        this.tlsPort = ports[1];
        this.mutualTlsPort = ports[2];
        this.localhostOnlyTlsPort = ports[3];
    }

    /** Writes credentials, ACL, TLS material and configuration into {@code dir}, then starts the broker. */
    public static MosquittoBroker start(Path dir) throws IOException, InterruptedException {
        MosquittoBroker broker = new MosquittoBroker(dir);
        broker.writePasswords();
        broker.writeAcl();
        broker.makeCertificates();
        broker.writeConfig();
        broker.launch();
        return broker;
    }

    /** Password of an account (the file {@code <user>.password} holds it too, for fleet.password_file). */
    public static String password(String user) {
        return "pw-" + user + "-s3cret";
    }

    public Path passwordFile(String user) {
        return dir.resolve(user + ".password");
    }

    Path caFile() {
        return dir.resolve("ca.crt");
    }

    Path clientCertFile() {
        return dir.resolve("client.crt");
    }

    Path clientKeyFile() {
        return dir.resolve("client.key");
    }

    public String plainUri() {
        return "tcp://127.0.0.1:" + plainPort;
    }

    /** Stops the broker (bounded) and starts it again on the same ports; retained messages are lost. */
    void restart() throws IOException, InterruptedException {
        stop();
        launch();
    }

    /** Stops the broker: SIGTERM, then SIGKILL if it does not exit within a few seconds. */
    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
        process = null;
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (process != null) {
                process.destroyForcibly();
            }
        }
    }

    /** @return the broker's log so far (for failure messages). */
    String log() {
        try {
            return Files.readString(dir.resolve("mosquitto.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private void launch() throws IOException, InterruptedException {
        process = new ProcessBuilder(MOSQUITTO.toString(), "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile()))
                .start();
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        for (int port : new int[] {plainPort, tlsPort, mutualTlsPort, localhostOnlyTlsPort}) {
            while (!accepts(port)) {
                if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                    stop();
                    throw new IllegalStateException("mosquitto did not start listening on " + port + ":\n" + log());
                }
                Thread.sleep(20);
            }
        }
    }

    private void writePasswords() throws IOException, InterruptedException {
        Path file = dir.resolve("passwd");
        boolean first = true;
        for (String user : List.of(ROBOT, OTHER_ROBOT, MANAGER)) {
            List<String> command = new ArrayList<>(List.of(MOSQUITTO_PASSWD.toString(), "-b"));
            if (first) {
                command.add("-c");
            }
            command.addAll(List.of(file.toString(), user, password(user)));
            run(command);
            Files.writeString(passwordFile(user), password(user) + "\n");
            first = false;
        }
    }

    private void writeAcl() throws IOException {
        Files.writeString(dir.resolve("acl"), """
                pattern write fleet/%u/status
                pattern write fleet/%u/telemetry/#
                pattern write fleet/%u/events/#
                pattern read fleet/%u/cmd/#

                user fleet-manager
                topic read fleet/#
                topic write fleet/+/cmd/#
                """);
    }

    private void makeCertificates() throws IOException, InterruptedException {
        String ec = "ec_paramgen_curve:prime256v1";
        run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", ec, "-nodes", "-keyout", "ca.key",
                "-out", "ca.crt", "-days", "2", "-subj", "/CN=cponode-test-ca"));
        Files.writeString(dir.resolve("server.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        Files.writeString(dir.resolve("server-dns.ext"), "subjectAltName=DNS:localhost\n");
        for (String name : List.of("server", "server-dns", "client")) {
            run(List.of("openssl", "req", "-newkey", "ec", "-pkeyopt", ec, "-nodes", "-keyout", name + ".key",
                    "-out", name + ".csr", "-subj", "/CN=" + (name.equals("client") ? ROBOT : "localhost")));
            List<String> sign = new ArrayList<>(List.of("openssl", "x509", "-req", "-in", name + ".csr", "-CA",
                    "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", name + ".crt", "-days", "2"));
            if (!name.equals("client")) {
                sign.addAll(List.of("-extfile", name + ".ext"));
            }
            run(sign);
        }
    }

    private void writeConfig() throws IOException {
        String tls = tlsSettings("server");
        // "user" = the current account: as root mosquitto would otherwise switch to user mosquitto, which
        // cannot read the temporary directory; as another user the option is ignored.
        Files.writeString(dir.resolve("mosquitto.conf"), "per_listener_settings false\n"
                + "allow_anonymous false\n"
                + "password_file " + dir.resolve("passwd") + "\n"
                + "acl_file " + dir.resolve("acl") + "\n"
                + "persistence false\n"
                + "log_dest stdout\n"
                + "log_type error\nlog_type warning\nlog_type notice\nlog_type information\n"
                + "user " + System.getProperty("user.name") + "\n"
                + "listener " + plainPort + " 127.0.0.1\n"
                + "listener " + tlsPort + " 127.0.0.1\n" + tls
                + "listener " + mutualTlsPort + " 127.0.0.1\n" + tls + "require_certificate true\n"
                + "listener " + localhostOnlyTlsPort + " 127.0.0.1\n" + tlsSettings("server-dns"));
    }

    private String tlsSettings(String serverCert) {
        return "cafile " + caFile() + "\ncertfile " + dir.resolve(serverCert + ".crt") + "\nkeyfile "
                + dir.resolve(serverCert + ".key") + "\ntls_version tlsv1.2\n";
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        Path log = dir.resolve("tools.log");
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(command + " failed (" + p.exitValue() + "): " + Files.readString(log));
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * {@code n} distinct free loopback ports: the sockets stay open until all are chosen, so the system cannot
     * hand out one port twice (one at a time it can, and the broker then fails with "Address already in use").
     */
    private static int[] freePorts(int n) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }
}
