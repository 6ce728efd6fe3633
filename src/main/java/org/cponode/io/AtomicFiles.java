package org.cponode.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes that survive a killed process or a power cut: a whole-file replacement that readers see either
 * before or after, never half-written, and an append that is on disk before the call returns.
 */
public final class AtomicFiles {

    /** Permissions of a file written here that did not exist before: rw-r--r--, as a plain write would give. */
    private static final Set<PosixFilePermission> NEW_FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-r--r--");

    private AtomicFiles() {}

    /**
     * Appends {@code content} to {@code file} (created if missing) and syncs it before returning: for a log that
     * must be on disk before the checkpoint that refers to it.
     */
    public static void append(Path file, byte[] content) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            writeDurably(ch, content);
        }
    }

    private static void writeDurably(FileChannel ch, byte[] content) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
        ch.force(true);
    }

    /**
     * Replaces {@code file} with {@code content} atomically and durably: temp file in the same directory,
     * fsync, rename, fsync of the directory. The file keeps the permissions it had, or gets rw-r--r-- when new
     * (a temp file is created owner-only, and a node running as another user must still read a checkpoint).
     */
    public static void write(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            if (Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(tmp, Files.exists(file) ? Files.getPosixFilePermissions(file)
                        : NEW_FILE_PERMISSIONS);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                writeDurably(ch, content);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + dir + " cannot rename atomically", e);
            }
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            } catch (IOException ignoredOnFileSystemsWithoutDirectorySync) {
                // Some file systems refuse to open directories for sync; the rename itself is still atomic.
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
