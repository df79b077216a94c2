package dev.preflight.run;

import dev.preflight.kernel.PreflightException;
import dev.preflight.report.render.ReportWriter;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Run ids: the name of a run's report folder, its run-history row and its job instances. A given id
 * must match {@value #PATTERN} (at most 64 characters, no path separator, no {@code ..}), so it is
 * always one safe folder name; a generated one is {@code yyyyMMdd-HHmmss-<command>-<random>}.
 */
public final class RunId {

    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    private static final Pattern VALID = Pattern.compile(PATTERN);

    private RunId() {
    }

    /** The id if it is valid; otherwise a usage error (exit 2) that says what is allowed. */
    public static String check(String id) {
        if (!valid(id)) {
            String shown = id == null ? "" : id.length() > 40 ? id.substring(0, 40) + "..." : id;
            throw PreflightException.config("run id '" + shown + "' is not allowed (" + (id == null ? 0 : id.length()) + " characters)",
                    "use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit and without '..', not 'latest', for example --run-id release-42");
        }
        return id;
    }

    /** Whether {@link #generate} makes a valid id of {@code command} (a plan's name): restartable, one safe folder name. */
    public static boolean allowsCommand(String command) {
        return command != null && !command.startsWith(".") && !command.startsWith("-") && valid("20260101-000000-" + command + "-0000");
    }

    private static boolean valid(String id) {
        return id != null && VALID.matcher(id).matches() && !id.contains("..") && !id.equals(ReportWriter.LATEST);
    }

    /**
     * A new id; the random suffix keeps two runs started in the same second apart, or the second
     * would be taken for a restart of the first and its completed jobs skipped. It only has to differ, not to be
     * unguessable: a secure generator's set-up cost every run 5-10 ms of its start.
     */
    public static String generate(String command) {
        return LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + command + "-"
                + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
    }
}
