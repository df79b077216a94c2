package dev.preflight.migration;

import dev.preflight.config.TextFile;
import dev.preflight.kernel.PreflightException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Reading migration files and the checksums the native tools compute over them. */
public final class MigrationText {

    private MigrationText() {
    }

    /** The file's bytes; an unreadable file is a configuration error naming it. */
    public static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw PreflightException.config("cannot read migration " + file + ": " + e.getMessage(), "check the file's permissions");
        }
    }

    /**
     * The file as UTF-8, which every supported migration tool reads; bytes that are not UTF-8 are a
     * configuration error naming the file, the line and the byte, not a replacement character in a
     * statement (or a checksum the native tool computes differently).
     */
    public static String text(Path file) {
        return text(file, bytes(file));
    }

    /** {@code bytes}, read from {@code file}, as UTF-8; see {@link #text(Path)}. */
    public static String text(Path file, byte[] bytes) {
        return TextFile.decode(bytes, "migration " + file, "save the file as UTF-8 (for example iconv -f LATIN1 -t UTF-8), as the migration tools read it; "
                + "an applied file's checksum changes with it, so baseline or repair the history afterwards");
    }

    /** SHA-256 as 64 lowercase hex digits (Prisma's and Drizzle's checksum format). */
    public static String sha256Hex(byte[] data) {
        return HexFormat.of().formatHex(sha256(data));
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** A double-quoted SQL identifier. */
    public static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
