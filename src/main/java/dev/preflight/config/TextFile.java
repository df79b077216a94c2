package dev.preflight.config;

import dev.preflight.kernel.PreflightException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reading the project's text files as UTF-8: bytes that are not UTF-8 are a configuration error
 * naming the file, the line and the byte, not a decoder's "Input length = 3".
 */
public final class TextFile {

    /** What to do about a file that is not UTF-8. */
    public static final String REMEDY = "save the file as UTF-8 (for example iconv -f LATIN1 -t UTF-8 FILE > FILE.utf8, then replace it)";

    private TextFile() {
    }

    /** The file as UTF-8; {@code where} names it in errors (an unreadable file, bytes that are not UTF-8). */
    public static String read(Path file, String where) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw PreflightException.config("cannot read " + where + ": " + e.getMessage(), "check the file's permissions");
        }
        return decode(bytes, where, REMEDY);
    }

    /** {@code bytes} as UTF-8; otherwise a configuration error {@code where line N is not UTF-8 (byte 0xXX at offset N)}. */
    public static String decode(byte[] bytes, String where, String remedy) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            int line = 1;
            for (int i = 0; i < at; i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw PreflightException.config(where + " line " + line + " is not UTF-8 (byte 0x" + String.format("%02X", bytes[at] & 0xff)
                    + " at offset " + at + ")", remedy);
        }
        return out.flip().toString();
    }
}
