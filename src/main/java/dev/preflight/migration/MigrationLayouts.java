package dev.preflight.migration;

import dev.preflight.kernel.PreflightException;
import dev.preflight.migration.dbmate.DbmateLayout;
import dev.preflight.migration.drizzle.DrizzleLayout;
import dev.preflight.migration.flyway.FlywayLayout;
import dev.preflight.migration.golangmigrate.GolangMigrateLayout;
import dev.preflight.migration.postgrator.PostgratorLayout;
import dev.preflight.migration.prisma.PrismaLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The registry of migration layouts and the detection that picks one for a project: the
 * {@code migrations.layout} setting forces a layout, {@code migrations.path} a folder; otherwise
 * each layout looks for its own folder and the first found in the order of {@link #ALL} wins.
 */
public final class MigrationLayouts {

    /** Every layout Preflight reads, in detection order. Adding a layout is one line here. */
    public static final List<MigrationLayout> ALL = List.of(
            new FlywayLayout(),
            new PrismaLayout(),
            new DrizzleLayout(),
            new PostgratorLayout(),
            new GolangMigrateLayout(),
            new DbmateLayout());

    private MigrationLayouts() {
    }

    /**
     * What detection found: the source (null when the project has no migrations), why there is
     * none, and warnings (another layout's folder that was not chosen).
     */
    public record Detected(MigrationSource source, String absentReason, List<String> warnings) {
    }

    public static Optional<MigrationLayout> byName(String name) {
        return ALL.stream().filter(l -> l.name().equalsIgnoreCase(name)).findFirst();
    }

    /**
     * Detects the layout of the project at {@code root}. A forced layout or path that does not
     * hold migrations is a configuration error; a project with no migrations at all is not.
     */
    public static Detected detect(Path root, String layoutName, String path, String schema, String historyTable,
                                  Map<String, String> placeholders) {
        ProjectTree tree = new ProjectTree(root);
        MigrationLayout forced = null;
        if (layoutName != null) {
            forced = byName(layoutName).orElseThrow(() -> PreflightException.config("unknown migrations.layout '" + layoutName + "'",
                    "use one of " + names() + " (or leave it out: Preflight detects the layout)"));
        }
        if (path != null) {
            Path folder = tree.root().resolve(path).normalize();
            if (!Files.isDirectory(folder)) {
                throw PreflightException.config("migrations.path '" + path + "' is not a folder (resolved to " + folder + ")",
                        "set migrations.path to the folder holding the migrations, relative to the project folder");
            }
            MigrationLayout layout = forced;
            if (layout == null) {
                layout = ALL.stream().filter(l -> l.accepts(folder)).findFirst().orElseThrow(() -> PreflightException.config(
                        "migrations.path '" + path + "' holds no migrations of a layout Preflight knows",
                        "set migrations.layout to one of " + names() + "; the layouts' folders: " + describeAll()));
            } else if (!layout.accepts(folder)) {
                throw PreflightException.config("migrations.path '" + path + "' holds no " + layout.name() + " migrations ("
                        + layout.describe() + ")", "point migrations.path at the " + layout.name() + " migrations folder");
            }
            return new Detected(open(layout, tree, folder, schema, historyTable, placeholders), null, List.of());
        }
        if (forced != null) {
            MigrationLayout layout = forced;
            Path folder = layout.detect(tree).orElseThrow(() -> PreflightException.config("migrations.layout is " + layout.name()
                    + " but no " + layout.describe() + " was found under " + tree.root(),
                    "set migrations.path to the folder holding the migrations"));
            return new Detected(open(layout, tree, folder, schema, historyTable, placeholders), null, List.of());
        }
        List<MigrationLayout> found = new ArrayList<>();
        List<Path> folders = new ArrayList<>();
        for (MigrationLayout l : ALL) {
            l.detect(tree).ifPresent(f -> {
                found.add(l);
                folders.add(f);
            });
        }
        if (found.isEmpty()) {
            return new Detected(null, "no migrations found under " + tree.root() + " (looked for " + describeAll() + ")", List.of());
        }
        List<String> warnings = new ArrayList<>();
        for (int i = 1; i < found.size(); i++) {
            warnings.add("migrations: using the " + found.get(0).name() + " migrations in " + relative(tree, folders.get(0))
                    + "; the " + found.get(i).name() + " migrations in " + relative(tree, folders.get(i))
                    + " are ignored (set migrations.layout and migrations.path in jobs/preflight.yaml to choose)");
        }
        return new Detected(open(found.get(0), tree, folders.get(0), schema, historyTable, placeholders), null, warnings);
    }

    private static MigrationSource open(MigrationLayout layout, ProjectTree tree, Path folder, String schema, String historyTable,
                                        Map<String, String> placeholders) {
        return layout.open(new LayoutSettings(tree.root(), folder, schema, historyTable, placeholders));
    }

    private static String relative(ProjectTree tree, Path p) {
        return tree.root().relativize(p).toString();
    }

    public static String names() {
        return ALL.stream().map(MigrationLayout::name).collect(Collectors.joining(", "));
    }

    private static String describeAll() {
        return ALL.stream().map(l -> l.name() + ": " + l.describe()).collect(Collectors.joining("; "));
    }
}
