package dev.preflight.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies of the bundled NeonHub example project into temporary folders, for tests that change it. */
public final class Projects {

    private Projects() {
    }

    /** The repository root (Maven runs tests from it). */
    public static Path repositoryRoot() {
        return Path.of("").toAbsolutePath();
    }

    /** Copies migrations/, jobs/ and templates/ of the example project into {@code dir}. */
    public static Path copyExample(Path dir) {
        for (String sub : new String[] {"migrations", "jobs", "templates"}) {
            Path from = repositoryRoot().resolve(sub);
            if (Files.isDirectory(from)) {
                copyTree(from, dir.resolve(sub));
            }
        }
        return dir;
    }

    public static void copyTree(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
