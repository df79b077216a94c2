package dev.preflight.migration;

import dev.preflight.kernel.PreflightException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

    public static String text(Path file) {
        return new String(bytes(file), StandardCharsets.UTF_8);
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
