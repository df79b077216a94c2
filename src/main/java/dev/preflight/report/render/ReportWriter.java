package dev.preflight.report.render;

import dev.preflight.config.ProjectLayout;
import dev.preflight.kernel.PreflightException;
import dev.preflight.kernel.Secrets;
import dev.preflight.report.ReadinessReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Writes a report as {@code readiness.json}, {@code .md}, {@code .html} and {@code junit.xml} into
 * {@code reports/<run-id>/} and points {@code reports/latest} at it. Publication is atomic at each
 * step: the run's files are written into a hidden staging folder that is renamed into place whole,
 * then {@code latest} (a symbolic link to the run's folder) is switched by renaming a new link over
 * it, so a reader, or a run killed at any point, only ever sees a whole report. Where symbolic links
 * are not supported, {@code latest} is a file holding the run folder's name, replaced the same way.
 * Leftovers of killed runs ({@code .staging-*}, {@code .latest-*}) are removed by the next run.
 */
public final class ReportWriter {

    /** The name of the pointer to the newest report. */
    public static final String LATEST = "latest";
    private static final String STAGING = ".staging-";
    private static final String LATEST_TEMP = ".latest-";

    /** Points of publication where a test may inject a crash; production code never sets a hook. */
    interface Faults {
        void at(String point) throws IOException;
    }

    private final ProjectLayout project;
    private final Supplier<ReportRenderers> renderers;
    private final Supplier<List<TrendChart.Point>> history;
    private Faults faults = point -> { };

    public ReportWriter(ProjectLayout project) {
        this.project = project;
        this.renderers = () -> new ReportRenderers(project.templatesOrNull());
        this.history = () -> TrendChart.history(project.reportsDir());
    }

    /** A writer with renderers made ahead ({@link ReportRenderers#prepare}, for this project's reports folder). */
    public ReportWriter(ProjectLayout project, ReportRenderers.Prepared prepared) {
        this.project = project;
        this.renderers = prepared::get;
        this.history = prepared::history;
    }

    /** For tests: a hook called at each publication point (it may throw to simulate a kill). */
    ReportWriter withFaults(Faults faults) {
        this.faults = faults;
        return this;
    }

    /**
     * Checks, before any job runs, that the reports folder can be created and written with a run
     * folder of this id; otherwise a usage error (exit 2) naming the folder and the reason.
     */
    public static void checkFolder(ProjectLayout project, String runId) {
        Path reports = project.reportsDir();
        String where = project.relative(reports);
        try {
            if (Files.exists(reports) && !Files.isDirectory(reports)) {
                throw PreflightException.config("reports folder " + where + " is a file, not a folder",
                        "remove or rename it, or choose another folder with --reports DIR");
            }
            Files.createDirectories(reports);
            Path probe = Files.createDirectory(reports.resolve(STAGING + "check-" + runId));
            try {
                Files.writeString(probe.resolve("readiness.html"), "", StandardCharsets.UTF_8);
            } finally {
                deleteTree(probe);
            }
        } catch (IOException | java.nio.file.InvalidPathException | SecurityException e) {
            String reason = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof java.nio.file.NoSuchFileException ? "a folder on its path does not exist and cannot be created"
                    : e instanceof java.nio.file.FileAlreadyExistsException ? "a file is in the way"
                    : e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null ? fs.getReason().toLowerCase(java.util.Locale.ROOT)
                    : e instanceof java.nio.file.InvalidPathException ? "not a valid path"
                    : "not writable";
            throw PreflightException.config("reports folder " + where + " cannot be written (" + reason + ")",
                    "choose a writable folder with --reports DIR (nothing was run)");
        }
    }

    /** The HTML-only parts: recall charts of the retune job, and the trend chart over earlier runs of this reports folder. */
    private Map<String, String> fragments(ReadinessReport report) {
        Map<String, String> out = new java.util.LinkedHashMap<>(RecallChartSvg.extraHtml(report.vectorIndexTuning()));
        String trend = TrendChart.chart(history.get(), report);
        if (trend != null) {
            out.put("trends", trend);
        }
        return out;
    }

    /** Writes the three files and returns the run's report folder. */
    public Path write(ReadinessReport report) throws IOException {
        return write(report, Map.of());
    }

    /** Writes the three files plus files the jobs produced (such as drift.sql) and returns the run's report folder. */
    public Path write(ReadinessReport report, Map<String, String> extraFiles) throws IOException {
        Path reports = project.reportsDir();
        Files.createDirectories(reports);
        removeLeftovers(reports);
        ReportRenderers r = renderers.get();
        String markdown = r.markdown.render(report);
        Map<String, String> files = new LinkedHashMap<>();
        files.put("readiness.json", r.json.render(report));
        files.put("readiness.md", markdown);
        files.put("readiness.html", r.html.render(report, markdown, fragments(report)));
        files.put("junit.xml", r.junit.render(report));
        extraFiles.forEach(files::putIfAbsent);
        Path staging = Files.createTempDirectory(reports, STAGING + ProcessHandle.current().pid() + "-");
        for (Map.Entry<String, String> f : files.entrySet()) {
            // the last gate before disk: whatever a template or a job put in, no known secret is written
            Files.writeString(staging.resolve(f.getKey()), Secrets.scrub(f.getValue()), StandardCharsets.UTF_8);
            faults.at("staged " + f.getKey());
        }
        Path target = uniqueRunDir(reports, report.runId());
        move(staging, target);
        faults.at("run folder in place");
        switchLatest(reports, target.getFileName().toString());
        return target;
    }

    /** Points {@code latest} at the run folder in one rename (a symbolic link, else a pointer file). */
    private void switchLatest(Path reports, String runDir) throws IOException {
        Path latest = reports.resolve(LATEST);
        Path temp = reports.resolve(LATEST_TEMP + ProcessHandle.current().pid() + "-" + runDir);
        Files.deleteIfExists(temp);
        try {
            Files.createSymbolicLink(temp, Path.of(runDir));
        } catch (UnsupportedOperationException | IOException e) {
            Files.writeString(temp, runDir + "\n", StandardCharsets.UTF_8);
        }
        faults.at("latest link made");
        if (Files.isDirectory(latest, LinkOption.NOFOLLOW_LINKS)) {
            // a real folder, from Preflight versions that copied the files: moved aside (a rename cannot replace a folder)
            Path old = reports.resolve(LATEST_TEMP + ProcessHandle.current().pid() + "-old");
            deleteTree(old);
            Files.move(latest, old, StandardCopyOption.ATOMIC_MOVE);
            faults.at("old latest folder moved aside");
        }
        Files.move(temp, latest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        faults.at("latest switched");
        removeLeftovers(reports);
    }

    /**
     * Removes staging folders and temporary links of runs that are no longer running (killed
     * mid-publication); those of a live process are left to it, as another run may be publishing.
     */
    static void removeLeftovers(Path reports) throws IOException {
        try (Stream<Path> list = Files.list(reports)) {
            for (Path p : list.toList()) {
                String name = p.getFileName().toString();
                String rest = name.startsWith(STAGING) ? name.substring(STAGING.length())
                        : name.startsWith(LATEST_TEMP) ? name.substring(LATEST_TEMP.length()) : null;
                if (rest != null && !publishedByAnotherLiveProcess(rest)) {
                    deleteTree(p);
                }
            }
        }
    }

    private static boolean publishedByAnotherLiveProcess(String nameAfterPrefix) {
        int dash = nameAfterPrefix.indexOf('-');
        try {
            long pid = Long.parseLong(dash < 0 ? nameAfterPrefix : nameAfterPrefix.substring(0, dash));
            return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false; // an older Preflight's leftover, named without a process id
        }
    }

    /** The folder {@code latest} points at, or null when there is none yet. */
    public static Path latest(Path reports) throws IOException {
        Path latest = reports.resolve(LATEST);
        if (Files.isSymbolicLink(latest)) {
            return reports.resolve(Files.readSymbolicLink(latest));
        }
        if (Files.isRegularFile(latest)) {
            return reports.resolve(Files.readString(latest, StandardCharsets.UTF_8).strip());
        }
        return Files.isDirectory(latest) ? latest : null;
    }

    private static Path uniqueRunDir(Path reports, String runId) {
        Path p = reports.resolve(runId);
        for (int i = 2; Files.exists(p, LinkOption.NOFOLLOW_LINKS); i++) {
            p = reports.resolve(runId + "-" + i);
        }
        return p;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir)) {
            Files.delete(dir);
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
