package org.cponode.ros;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code tcpdump} on the loopback interface for the UDP ports of one DDS domain (7400 + 250 · domain, 250 ports:
 * Cyclone's default port mapping), whole packets into a pcap file. Needs tcpdump and the right to capture (root,
 * as in CI); skips the test otherwise. Other processes on this machine use other domains, so their traffic is
 * not in the file.
 */
public final class PacketCapture implements AutoCloseable {

    private final Process process;
    private final Path file;
    private final int probePort;
    private final StringBuilder stderr = new StringBuilder();

    private PacketCapture(Process process, Path file, int probePort) {
        this.process = process;
        this.file = file;
        this.probePort = probePort;
    }

    /**
     * Starts capturing domain {@code domainId}'s traffic into {@code file}; returns once a probe packet (sent to
     * the range's last port, which Cyclone does not use with fewer than 120 participants) is in it.
     */
    public static PacketCapture start(Path file, int domainId) throws IOException, InterruptedException {
        assumeTrue(NativePeer.onPath("tcpdump"), "tcpdump not installed (Debian: tcpdump); CI installs it");
        int base = 7400 + 250 * domainId;
        // immediate mode: packets reach the file as they come, not when a buffer block times out
        Process p = new ProcessBuilder("tcpdump", "-i", "lo", "--immediate-mode", "-U", "-s", "0", "-w",
                file.toString(), "udp portrange " + base + "-" + (base + 249)).start();
        PacketCapture capture = new PacketCapture(p, file, base + 249);
        CountDownLatch listening = new CountDownLatch(1);
        Thread.ofPlatform().daemon().name("tcpdump-stderr").start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (capture.stderr) {
                        capture.stderr.append(line).append('\n');
                    }
                    if (line.contains("listening on")) {
                        listening.countDown();
                    }
                }
            } catch (IOException e) {
                // tcpdump ended
            }
        });
        boolean ready = listening.await(10, TimeUnit.SECONDS);
        if (!ready) {
            p.destroyForcibly();
        }
        assumeTrue(ready, () -> "tcpdump cannot capture on lo here (needs root): " + capture.stderr);
        // "listening" comes before packets are caught: a probe into the range must reach the file first
        capture.probe("capture start");
        return capture;
    }

    /**
     * Sends {@code marker} to the probe port until it is in the file (so every packet before it is too),
     * failing after 10 s.
     */
    private void probe(String marker) throws IOException, InterruptedException {
        byte[] b = (marker + " " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + 10_000_000_000L;
        try (DatagramSocket socket = new DatagramSocket()) {
            do {
                socket.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), probePort));
                Thread.sleep(20);
                if (contains(Files.readAllBytes(file), new String(b, StandardCharsets.UTF_8))) {
                    return;
                }
            } while (System.nanoTime() < deadline);
        }
        close();
        fail("tcpdump did not capture the probe '" + marker + "' within 10 s: " + messages());
    }

    /**
     * Stops tcpdump and returns the captured file's bytes. A last probe goes first: tcpdump drops what the kernel
     * holds for it when it exits, so it must have written everything sent before the probe.
     */
    public byte[] stop() throws IOException, InterruptedException {
        probe("capture end");
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
        return Files.readAllBytes(file);
    }

    /** What tcpdump printed, e.g. its packet counts. */
    public String messages() {
        synchronized (stderr) {
            return stderr.toString();
        }
    }

    /** True if {@code bytes} contain {@code text} in UTF-8. */
    public static boolean contains(byte[] bytes, String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + needle.length <= bytes.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
