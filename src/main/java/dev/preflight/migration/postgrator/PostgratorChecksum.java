package dev.preflight.migration.postgrator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The checksum Postgrator records for a migration file. */
public final class PostgratorChecksum {

    private PostgratorChecksum() {
    }

    /**
     * The MD5 Postgrator records: over the file decoded as UTF-8 and encoded again (so a byte-order
     * mark counts and nothing is trimmed), line endings as they are (Postgrator's {@code newline}
     * option, off by default, is not supported).
     */
    public static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }
}
