package dev.preflight.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The folders of a project, walked once (a few levels deep, dependency and build folders left
 * out) so that every layout's detection looks at the same list.
 */
public final class ProjectTree {

    /** Deep enough for monorepos and Spring Boot: {@code apps/api/prisma/migrations}, {@code src/main/resources/db/migration}. */
    static final int MAX_DEPTH = 5;
    private static final Set<String> SKIPPED = Set.of("node_modules", ".git", "target", "build", "dist", "reports", ".preflight",
            ".next", ".turbo", "vendor", ".venv");

    private final Path root;
    private List<Path> directories;

    public ProjectTree(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** Every folder under the root (the root included), shallowest first, in name order within a depth. */
    public List<Path> directories() {
        if (directories == null) {
            List<Path> out = new ArrayList<>();
            if (Files.isDirectory(root)) {
                try {
                    Files.walkFileTree(root, Set.of(), MAX_DEPTH + 1, new SimpleFileVisitor<>() { // folders at MAX_DEPTH are visited as folders
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                            if (!dir.equals(root) && SKIPPED.contains(dir.getFileName().toString())) {
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            out.add(dir);
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            return FileVisitResult.CONTINUE; // an unreadable folder holds no migrations we could use
                        }
                    });
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            out.sort((a, b) -> a.getNameCount() != b.getNameCount() ? Integer.compare(a.getNameCount(), b.getNameCount())
                    : a.toString().compareTo(b.toString()));
            directories = List.copyOf(out);
        }
        return directories;
    }

    /** The first folder whose path ends with {@code relative} ({@code prisma/migrations}) and that {@code layout} accepts. */
    public java.util.Optional<Path> find(String relative, MigrationLayout layout) {
        return directories().stream().filter(d -> d.endsWith(relative)).filter(layout::accepts).findFirst();
    }
}
