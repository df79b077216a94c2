package dev.preflight.seed;

import dev.preflight.config.ProjectLayout;
import dev.preflight.config.TextFile;
import dev.preflight.kernel.PreflightException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The project's seed data: every {@code .yaml}, {@code .yml} and {@code .csv} file in
 * {@code jobs/seed/}, read in file-name order (the order only matters for messages: load order
 * comes from the foreign keys).
 */
public record SeedFiles(List<String> files, List<SeedBlock> blocks) {

    public static final String FOLDER = "seed";

    public static Path folder(ProjectLayout project) {
        return project.jobs().resolve(FOLDER);
    }

    public static SeedFiles read(ProjectLayout project) {
        Path folder = folder(project);
        if (!Files.isDirectory(folder)) {
            return new SeedFiles(List.of(), List.of());
        }
        List<Path> paths;
        try (Stream<Path> s = Files.list(folder)) {
            paths = s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().matches(".*\\.(ya?ml|csv)"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new SeedInputException("cannot list " + project.relative(folder) + ": " + e.getMessage(), "check the folder's permissions");
        }
        List<String> files = new ArrayList<>();
        List<SeedBlock> blocks = new ArrayList<>();
        for (Path p : paths) {
            String file = project.relative(p);
            files.add(file);
            if (file.endsWith(".csv")) {
                SeedBlock b = CsvSeedReader.read(p, file);
                if (b.size() > 0) {
                    blocks.add(b);
                }
            } else {
                blocks.addAll(YamlSeedReader.read(p, file));
            }
        }
        return new SeedFiles(List.copyOf(files), List.copyOf(blocks));
    }

    /** A seed file's text; unreadable or not UTF-8, an input error naming the file (and the line). */
    static String text(Path path, String file) {
        try {
            return TextFile.read(path, file);
        } catch (PreflightException e) {
            throw new SeedInputException(e.getMessage(), e.remedy());
        }
    }

    public long rows() {
        return blocks.stream().mapToLong(SeedBlock::size).sum();
    }
}
