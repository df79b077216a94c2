package dev.preflight.job.migrate;

import dev.preflight.cli.PreflightException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The project's migration files as read from disk: names, line counts and the extensions they
 * create. A project with no migrations is an error, never an empty success.
 */
public record MigrationFiles(Path folder, List<MigrationFile> files, List<RequiredExtension> requiredExtensions) {

    /** One Flyway SQL file. */
    public record MigrationFile(Path path, String name, int lines) {
    }

    /** An extension a migration creates, with where it does so. */
    public record RequiredExtension(String name, String file, int line) {
    }

    private static final Pattern CREATE_EXTENSION = Pattern.compile(
            "(?i)create\\s+extension\\s+(?:if\\s+not\\s+exists\\s+)?(?:\"([^\"]+)\"|([a-z0-9_\\-]+))");

    public static MigrationFiles read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw PreflightException.config("no migrations folder at " + folder,
                    "create " + folder + " with Flyway SQL files (V1__init.sql, ...) or point --project at the project folder");
        }
        List<MigrationFile> files = new ArrayList<>();
        Map<String, RequiredExtension> extensions = new LinkedHashMap<>();
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path p : s.filter(Files::isRegularFile).filter(MigrationFiles::isMigration)
                    .sorted(Comparator.comparing(Path::toString)).toList()) {
                List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
                files.add(new MigrationFile(p, p.getFileName().toString(), lines.size()));
                for (int i = 0; i < lines.size(); i++) {
                    String line = stripComment(lines.get(i));
                    Matcher m = CREATE_EXTENSION.matcher(line);
                    while (m.find()) {
                        String name = m.group(1) != null ? m.group(1) : m.group(2).toLowerCase();
                        extensions.putIfAbsent(name, new RequiredExtension(name, p.getFileName().toString(), i + 1));
                    }
                }
            }
        } catch (IOException e) {
            throw PreflightException.config("cannot read migrations in " + folder + ": " + e.getMessage(), "check the folder's permissions");
        }
        if (files.isEmpty()) {
            throw PreflightException.config("the migrations folder " + folder + " holds no migration files (V<version>__<description>.sql)",
                    "add the project's Flyway migrations, or point --project at the folder that has them");
        }
        return new MigrationFiles(folder, List.copyOf(files), List.copyOf(extensions.values()));
    }

    private static boolean isMigration(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".sql") && (n.startsWith("V") || n.startsWith("R__"));
    }

    private static String stripComment(String line) {
        int i = line.indexOf("--");
        return i >= 0 ? line.substring(0, i) : line;
    }

    public int totalLines() {
        return files.stream().mapToInt(MigrationFile::lines).sum();
    }

    public MigrationFile byName(String name) {
        return files.stream().filter(f -> f.name().equals(name) || f.path().endsWith(name)).findFirst().orElse(null);
    }
}
