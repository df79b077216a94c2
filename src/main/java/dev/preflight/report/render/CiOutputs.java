package dev.preflight.report.render;

import dev.preflight.kernel.Console;
import dev.preflight.kernel.Secrets;
import dev.preflight.report.Finding;
import dev.preflight.report.ReadinessReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What a CI system shows natively: on GitHub Actions the Markdown report is appended to
 * {@code GITHUB_STEP_SUMMARY} and findings become workflow annotations (with file and line when
 * the finding has them).
 */
public final class CiOutputs {

    private final Console console;

    public CiOutputs(Console console) {
        this.console = console;
    }

    public void publish(ReadinessReport report, String markdown) throws IOException {
        String summary = console.env("GITHUB_STEP_SUMMARY");
        if (summary != null) {
            Files.writeString(Path.of(summary), Secrets.scrub(markdown) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        if ("true".equals(console.env("GITHUB_ACTIONS"))) {
            for (Finding f : report.findings()) {
                String level = f.severity().blocksRelease() ? "error" : f.severity().isWarning() ? "warning" : "notice";
                console.out().println(Secrets.scrub(annotation(level, f)));
            }
        }
    }

    /** One workflow command, for example {@code ::error file=migrations/V6__x.sql,line=5,title=MIG002::message}. */
    static String annotation(String level, Finding f) {
        StringBuilder props = new StringBuilder();
        if (f.file() != null) {
            props.append("file=").append(property(f.file()));
            if (f.line() != null) {
                props.append(",line=").append(f.line());
            }
            props.append(',');
        }
        props.append("title=").append(property(f.id() + " " + f.subject()));
        String message = f.message() + (f.remedy() == null ? "" : " Remedy: " + f.remedy());
        return "::" + level + " " + props + "::" + data(message);
    }

    /** Escaping rules of GitHub workflow commands for the message part. */
    private static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Escaping rules for property values (also ':' and ','). */
    private static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
