package org.cponode.learn;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cponode.io.AtomicFiles;

/**
 * A self-describing, checksummed snapshot: string metadata (task, observation layout, settings, iteration)
 * and named {@code double[]} arrays (policy, normaliser, baselines, optimiser states).
 *
 * <p>File format, big-endian: the magic {@code CPONODE1}, the format version, the metadata as
 * (count, then key/value UTF strings), the arrays as (count, then name, length, doubles), and a SHA-256 of
 * everything before it. {@link #read} rejects a wrong magic, an unknown version, a truncated file, a checksum
 * mismatch or values out of range ({@link CheckpointContents}) with a one-line message. {@link #write} is
 * atomic: a temporary file in the same directory is written, forced to disk, renamed over the target and the
 * directory is forced, so a crash leaves either the old or the new checkpoint, never a torn one.
 */
public record Checkpoint(Map<String, String> metadata, Map<String, double[]> arrays) {

    /** Version of the file layout written by this code. */
    public static final int FORMAT_VERSION = 1;

    private static final byte[] MAGIC = {'C', 'P', 'O', 'N', 'O', 'D', 'E', '1'};
    private static final int DIGEST_BYTES = 32;

    public Checkpoint {
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        arrays = Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
    }

    /** The metadata value for {@code key}, or an error naming the key and the file's purpose. */
    public String require(String key) {
        String v = metadata.get(key);
        if (v == null) {
            throw new IllegalArgumentException("checkpoint has no '" + key + "' entry");
        }
        return v;
    }

    /** The array named {@code name} with the expected length, or a clear error. */
    public double[] array(String name, int expectedLength) {
        double[] a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException("checkpoint has no '" + name + "' array");
        }
        if (expectedLength >= 0 && a.length != expectedLength) {
            throw new IllegalArgumentException("checkpoint array '" + name + "' has " + a.length
                    + " values, expected " + expectedLength + " (different network shape?)");
        }
        return a.clone();
    }

    /** Serialises to bytes with the trailing checksum. */
    public byte[] toBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeInt(metadata.size());
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
            out.writeInt(arrays.size());
            for (Map.Entry<String, double[]> e : arrays.entrySet()) {
                out.writeUTF(e.getKey());
                double[] a = e.getValue();
                out.writeInt(a.length);
                ByteBuffer buf = ByteBuffer.allocate(a.length * Double.BYTES);
                buf.asDoubleBuffer().put(a);
                out.write(buf.array());
            }
            out.flush();
            out.write(sha256(bytes.toByteArray(), bytes.size()));
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("in-memory serialisation failed", e);
        }
    }

    /** Parses bytes written by {@link #toBytes()}, verifying magic, version, checksum and values. */
    public static Checkpoint fromBytes(byte[] data, String source) {
        if (data.length < MAGIC.length + 4 + DIGEST_BYTES || !Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IllegalArgumentException(source + " is not a cpo-node checkpoint (bad header)");
        }
        int body = data.length - DIGEST_BYTES;
        if (!Arrays.equals(sha256(data, body), 0, DIGEST_BYTES, data, body, data.length)) {
            throw new IllegalArgumentException(source + " is corrupt (checksum mismatch)");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data, 0, body))) {
            in.skipNBytes(MAGIC.length);
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw new IllegalArgumentException(source + " has checkpoint format " + version
                        + ", this cpo-node reads format " + FORMAT_VERSION);
            }
            int entries = in.readInt();
            checkCount(entries, source);
            Map<String, String> meta = new LinkedHashMap<>();
            for (int i = 0; i < entries; i++) {
                meta.put(in.readUTF(), in.readUTF());
            }
            int count = in.readInt();
            checkCount(count, source);
            Map<String, double[]> arrays = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int n = in.readInt();
                if (n < 0 || (long) n * Double.BYTES > body) {
                    throw new IllegalArgumentException(source + " is corrupt (array '" + name + "' length " + n + ")");
                }
                byte[] raw = in.readNBytes(n * Double.BYTES);
                if (raw.length != n * Double.BYTES) {
                    throw new EOFException();
                }
                double[] a = new double[n];
                ByteBuffer.wrap(raw).asDoubleBuffer().get(a);
                arrays.put(name, a);
            }
            if (in.available() != 0) {
                throw new IllegalArgumentException(source + " is corrupt (trailing bytes)");
            }
            Checkpoint ck = new Checkpoint(meta, arrays);
            CheckpointContents.check(ck, source);
            return ck;
        } catch (IOException e) {
            throw new IllegalArgumentException(source + " is corrupt (truncated)");
        }
    }

    private static void checkCount(int n, String source) {
        if (n < 0 || n > 1_000_000) {
            throw new IllegalArgumentException(source + " is corrupt (entry count " + n + ")");
        }
    }

    /** Writes this checkpoint atomically to {@code file}. */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, toBytes());
    }

    /** Reads and verifies a checkpoint; every failure is an {@link IllegalArgumentException} with one line. */
    public static Checkpoint read(Path file) {
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no checkpoint at " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read checkpoint " + file + ": " + e.getMessage());
        }
        return fromBytes(data, file.toString());
    }

    private static byte[] sha256(byte[] data, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(data, 0, length);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
