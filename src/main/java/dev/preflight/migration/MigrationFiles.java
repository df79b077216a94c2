package dev.preflight.migration;

import dev.preflight.config.ProjectConfig;
import dev.preflight.config.ProjectLayout;
import dev.preflight.kernel.PreflightException;
import dev.preflight.migration.flyway.FlywayLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The project's migration files as the detected layout ({@link MigrationLayouts}) reads them:
 * names, line counts and the extensions they create, with the {@link MigrationSource} behind
 * them. A project may have none ({@link #present()} false): the commands that need no migrations
 * still run, and the migration checks say why they did not.
 */
public record MigrationFiles(Path folder, List<MigrationFile> files, List<RequiredExtension> requiredExtensions,
                             MigrationSource source, String absentReason, List<String> warnings) {

    /** One migration file; {@code name} is its path inside the migrations folder. */
    public record MigrationFile(Path path, String name, int lines) {
    }

    /** An extension a migration creates, with where it does so. */
    public record RequiredExtension(String name, String file, int line) {
    }

    private static final Pattern CREATE_EXTENSION = Pattern.compile(
            "(?i)^\\s*create\\s+extension\\s+(?:if\\s+not\\s+exists\\s+)?(?:\"([^\"]+)\"|([a-z0-9_\\-]+))");

    /** The project's migrations, in the layout detected or configured ({@code migrations.layout}, {@code migrations.path}). */
    public static MigrationFiles resolve(ProjectLayout project, ProjectConfig config) {
        var detected = MigrationLayouts.detect(project.root(), config.layout(), config.migrationsPath(), config.schema(),
                config.historyTable(), config.placeholders());
        if (detected.source() == null) {
            return new MigrationFiles(null, List.of(), List.of(), null, detected.absentReason(), List.of());
        }
        return of(detected.source(), detected.warnings());
    }

    /**
     * Flyway files in {@code folder}, without detection; a missing or empty folder is an error. No run
     * reads migrations this way (they use {@link #resolve}, which knows every layout); it stays for
     * tests that hold a bare Flyway folder.
     */
    public static MigrationFiles read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw PreflightException.config("no migrations folder at " + folder,
                    "create " + folder + " with Flyway SQL files (V1__init.sql, ...) or point --project at the project folder");
        }
        MigrationFiles files = of(new FlywayLayout().open(new LayoutSettings(folder, folder, "public", null, Map.of())), List.of());
        if (files.files().isEmpty()) {
            throw PreflightException.config("the migrations folder " + folder + " holds no migration files (V<version>__<description>.sql)",
                    "add the project's Flyway migrations, or point --project at the folder that has them");
        }
        return files;
    }

    public static MigrationFiles of(MigrationSource source, List<String> warnings) {
        List<MigrationFile> files = new ArrayList<>();
        Map<String, RequiredExtension> extensions = new LinkedHashMap<>();
        for (Migration m : source.migrations()) {
            String name = source.folder().relativize(m.file()).toString();
            int lines = (int) dev.preflight.migration.MigrationText.text(m.file()).lines().count();
            files.add(new MigrationFile(m.file(), name, lines));
            for (SqlStatement s : m.statements()) {
                Matcher x = CREATE_EXTENSION.matcher(s.sql());
                if (x.find()) {
                    String ext = x.group(1) != null ? x.group(1) : x.group(2).toLowerCase(Locale.ROOT);
                    extensions.putIfAbsent(ext, new RequiredExtension(ext, name, s.line()));
                }
            }
        }
        return new MigrationFiles(source.folder(), List.copyOf(files), List.copyOf(extensions.values()), source, null, List.copyOf(warnings));
    }

    /** True when the project has migrations; false for a database-only project (report, status, retune still run). */
    public boolean present() {
        return source != null;
    }

    /** The source, or a configuration error for the commands that cannot run without migrations. */
    public MigrationSource require(String command) {
        if (source == null) {
            throw PreflightException.config(command + " needs the project's migrations: " + absentReason,
                    "point --project at the application's repository, or set migrations.layout and migrations.path in jobs/preflight.yaml "
                            + "(./preflight report and status run without migrations)");
        }
        return source;
    }

    /**
     * Whether {@code path}, relative to the project root as git names it, belongs to the migrations:
     * anything in the layout's folder (a Prisma lock file and a Drizzle journal too, which the native
     * tool reads); when that folder is the project root itself, only the migration files. Always
     * false for a project without migrations.
     */
    public boolean covers(ProjectLayout project, String path) {
        if (folder == null) {
            return false;
        }
        Path file = project.root().resolve(path).normalize();
        return folder.equals(project.root()) ? files.stream().anyMatch(f -> f.path().toAbsolutePath().normalize().equals(file))
                : file.startsWith(folder);
    }

    /** The layout's name, or "none". */
    public String layout() {
        return source == null ? "none" : source.layout();
    }

    public int totalLines() {
        return files.stream().mapToInt(MigrationFile::lines).sum();
    }

    public MigrationFile byName(String name) {
        return files.stream().filter(f -> f.name().equals(name) || f.path().endsWith(name)).findFirst().orElse(null);
    }
}
