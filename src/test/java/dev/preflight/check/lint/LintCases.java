package dev.preflight.check.lint;

import dev.preflight.check.SeverityPolicy;
import dev.preflight.migration.Migration;
import dev.preflight.migration.SqlSplitter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** The lint fixture set: {@code src/test/resources/lint/cases/*.sql}, each analysed after {@code setup.sql}. */
final class LintCases {

    static final Path ROOT = Path.of("src/test/resources/lint");

    private LintCases() {
    }

    static List<Path> all() {
        try (Stream<Path> s = Files.list(ROOT.resolve("cases"))) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path named(String prefix) {
        return all().stream().filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
    }

    /** The rule ids the case's first line promises ({@code -- expect: LINT001 LINT013} or {@code none}). */
    static Set<String> expected(Path file) {
        String first = read(file).lines().findFirst().orElse("");
        Set<String> ids = new TreeSet<>();
        for (String word : first.replace("-- expect:", "").trim().split("\\s+")) {
            if (word.startsWith("LINT")) {
                ids.add(word);
            }
        }
        return ids;
    }

    /** Unsuppressed issues of the case, analysed as the migration after the setup. */
    static List<LintIssue> lint(Path file) {
        Migration setup = new Migration("1", "setup", ROOT.resolve("setup.sql"), null, SqlSplitter.split(read(ROOT.resolve("setup.sql"))));
        Migration change = new Migration("2", file.getFileName().toString(), file, null, SqlSplitter.split(read(file)));
        return StaticAnalysis.run(List.of(setup, change), change::equals,
                new StaticAnalysis.Settings(true, 150000, SeverityPolicy.defaults())).stream().filter(i -> !i.suppressed()).toList();
    }

    static List<LintIssue> lintAll(Path file) {
        Migration setup = new Migration("1", "setup", ROOT.resolve("setup.sql"), null, SqlSplitter.split(read(ROOT.resolve("setup.sql"))));
        Migration change = new Migration("2", file.getFileName().toString(), file, null, SqlSplitter.split(read(file)));
        return StaticAnalysis.run(List.of(setup, change), change::equals, new StaticAnalysis.Settings(true, 150000, SeverityPolicy.defaults()));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
