package dev.preflight.kernel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * An output stream that passes text on line by line with every registered secret scrubbed: wraps
 * stdout, stderr and the streams of an in-process console, so that nothing printed (log lines and
 * stack traces included) can carry a password or an API key.
 */
public final class ScrubbingOutputStream extends OutputStream {

    private final OutputStream out;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    public ScrubbingOutputStream(OutputStream out) {
        this.out = out;
    }

    /** A UTF-8 print stream over {@code out} that scrubs secrets and passes each line on at its end. */
    public static PrintStream printStream(OutputStream out) {
        if (out instanceof PrintStream ps && ps.getClass() == ScrubbingPrintStream.class) {
            return ps;
        }
        return new ScrubbingPrintStream(new ScrubbingOutputStream(out));
    }

    @Override
    public synchronized void write(int b) throws IOException {
        line.write(b);
        if (b == '\n' || b == '\r') {
            emit();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        emit();
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        flush();
        out.close();
    }

    private void emit() throws IOException {
        if (line.size() == 0) {
            return;
        }
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        out.write(Secrets.scrub(text).getBytes(StandardCharsets.UTF_8));
    }

    /** Marker type, so a stream is never wrapped twice. */
    private static final class ScrubbingPrintStream extends PrintStream {
        ScrubbingPrintStream(OutputStream out) {
            super(out, false, StandardCharsets.UTF_8); // no autoflush: a print must not emit half a line (and half a secret); lines are emitted at their end
        }
    }
}
