package dev.preflight.migration.prisma;

import dev.preflight.migration.MigrationText;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Prisma's migration checksum and its comparison, as prisma-engines does it (schema-engine
 * {@code checksum.rs}): SHA-256 of the migration.sql text as 64 hex digits; a recorded checksum
 * matches when the file, the file with CRLF turned into LF, or the file with LF turned into CRLF
 * hashes to it, and a recorded value that is not 64 characters long is compared in the unpadded
 * hex that Prisma versions before the fix of prisma-engines#1887 wrote.
 */
public final class PrismaChecksum {

    private static final int LENGTH = 64;

    private PrismaChecksum() {
    }

    public static String of(String script) {
        return MigrationText.sha256Hex(script.getBytes(StandardCharsets.UTF_8));
    }

    public static boolean matches(String script, String recorded) {
        if (recorded == null) {
            return true;
        }
        for (String variant : List.of(script, script.replace("\r\n", "\n"), script.replace("\n", "\r\n"))) {
            byte[] hash = MigrationText.sha256(variant.getBytes(StandardCharsets.UTF_8));
            String rendered = !recorded.isEmpty() && recorded.length() != LENGTH ? unpadded(hash) : MigrationText.sha256Hex(variant.getBytes(StandardCharsets.UTF_8));
            if (rendered.equals(recorded)) {
                return true;
            }
        }
        return false;
    }

    /** The old format: each byte in hex without its leading zero ({@code 0a} written as {@code a}). */
    static String unpadded(byte[] hash) {
        StringBuilder out = new StringBuilder();
        for (byte b : hash) {
            out.append(Integer.toHexString(b & 0xff));
        }
        return out.toString();
    }
}
