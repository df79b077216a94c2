package dev.preflight.check.smoke;

import dev.preflight.config.ProjectLayout;
import dev.preflight.config.YamlSyntax;
import dev.preflight.kernel.PreflightException;
import dev.preflight.migration.SqlSplitter;
import dev.preflight.report.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The smoke checks declared in {@code jobs/checks/*.yaml}. Every error, of syntax or of meaning,
 * names the file and the line and stops the run before anything is changed.
 */
public final class SmokeSuite {

    public static final String FOLDER = "checks";

    /** The built-in kinds and the check class each creates. */
    private static final Map<String, Function<SmokeSpec, SmokeCheck>> KINDS = Map.of(
            "extensions-present", ExtensionsPresentCheck::new,
            "tables-present", TablesPresentCheck::new,
            "seed-rows", SeedRowsCheck::new,
            "vector-indexes", VectorIndexCheck::new,
            "fk-orphans", ForeignKeyOrphansCheck::new,
            "null-embeddings", NullEmbeddingsCheck::new,
            "write-rollback", WriteRollbackCheck::new);
    private static final Set<String> COMMON_KEYS = Set.of("id", "title", "severity", "kind", "sql", "expect");
    private static final Set<String> EXPECT_KEYS = Set.of("rows", "scalar", "maxMillis");

    private SmokeSuite() {
    }

    /** Loads every suite file in file-name order; no folder means no smoke checks. */
    public static List<SmokeCheck> load(ProjectLayout project) {
        Path folder = project.jobs().resolve(FOLDER);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<SmokeCheck> out = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList()) {
                for (SmokeSpec spec : parse(f, project.relative(f))) {
                    String before = seen.putIfAbsent(spec.id(), spec.where());
                    if (before != null) {
                        throw PreflightException.config(spec.where() + ": id " + spec.id() + " is already used at " + before,
                                "give every smoke check its own id");
                    }
                    out.add(spec.kind() == null ? new SqlSmokeCheck(spec) : KINDS.get(spec.kind()).apply(spec));
                }
            }
        } catch (IOException e) {
            throw PreflightException.config("cannot read " + project.relative(folder) + ": " + e.getMessage(), "check the folder's permissions");
        }
        return out;
    }

    static List<SmokeSpec> parse(Path file, String where) throws IOException {
        Node root = YamlSyntax.compose(Files.readString(file, StandardCharsets.UTF_8), where);
        if (root == null) {
            return List.of();
        }
        if (!(root instanceof MappingNode m) || !(value(m, "checks") instanceof SequenceNode checks)) {
            throw error(where, root, "the file must have a list 'checks:' of smoke checks", "see jobs/checks/neonhub.yaml for the format");
        }
        List<SmokeSpec> out = new ArrayList<>();
        for (Node item : checks.getValue()) {
            out.add(spec(item, where));
        }
        return out;
    }

    private static SmokeSpec spec(Node item, String where) {
        if (!(item instanceof MappingNode m)) {
            throw error(where, item, "each smoke check must be a mapping with id, title, severity, and sql or kind", "see the README");
        }
        Map<String, Object> all = plain(m);
        String id = required(all, "id", where, m);
        if (!id.matches("[A-Z]+[0-9]+")) {
            throw error(where, m, "id '" + id + "' must be letters and digits such as SMOKE001", "ids are stable: pick one and keep it");
        }
        String title = required(all, "title", where, m);
        Severity severity;
        try {
            severity = Severity.parse(required(all, "severity", where, m));
        } catch (IllegalArgumentException e) {
            throw error(where, m, id + ": " + e.getMessage(), "use one of blocker, high, medium, low, info");
        }
        String kind = all.get("kind") == null ? null : String.valueOf(all.get("kind"));
        String sql = all.get("sql") == null ? null : String.valueOf(all.get("sql"));
        if ((kind == null) == (sql == null)) {
            throw error(where, m, id + ": give either 'sql' (with 'expect') or a built-in 'kind', not both or neither", "kinds: " + KINDS.keySet());
        }
        if (kind != null && !KINDS.containsKey(kind)) {
            throw error(where, m, id + ": unknown kind '" + kind + "'", "kinds: " + KINDS.keySet());
        }
        Expectation expect = null;
        if (sql != null) {
            // one query: a second statement could end the rolled-back, read-only transaction the check runs in (COMMIT; DELETE ...)
            if (SqlSplitter.split(sql).size() != 1) {
                throw error(where, m, id + ": 'sql' must be one query; it holds " + SqlSplitter.split(sql).size() + " statements",
                        "a smoke check runs one read-only query: split it into several checks, or join them into one SELECT");
            }
            if (!(all.get("expect") instanceof Map<?, ?> e) || e.isEmpty()) {
                throw error(where, m, id + ": an sql check needs 'expect' with rows, scalar and/or maxMillis", "for example expect: {rows: \">= 1\"}");
            }
            for (Object k : e.keySet()) {
                if (!EXPECT_KEYS.contains(String.valueOf(k))) {
                    throw error(where, m, id + ": unknown expectation '" + k + "'", "allowed: " + EXPECT_KEYS);
                }
            }
            try {
                Expectation.validate(str(e.get("rows")), "rows");
                Expectation.validate(str(e.get("scalar")), "scalar");
                expect = new Expectation(str(e.get("rows")), str(e.get("scalar")), e.get("maxMillis") == null ? null : Long.valueOf(str(e.get("maxMillis"))));
            } catch (IllegalArgumentException ex) {
                throw error(where, m, id + ": " + ex.getMessage(), "for example rows: \">= 1\", scalar: \"= 3\", maxMillis: 200");
            }
        }
        Map<String, Object> params = new LinkedHashMap<>(all);
        COMMON_KEYS.forEach(params::remove);
        return new SmokeSpec(id, title, severity, where, m.getStartMark().getLine() + 1, kind, sql, expect, params);
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static String required(Map<String, Object> all, String key, String where, Node at) {
        Object v = all.get(key);
        if (v == null || String.valueOf(v).isBlank()) {
            throw error(where, at, "smoke check without '" + key + "'", "every smoke check needs id, title and severity");
        }
        return String.valueOf(v);
    }

    private static PreflightException error(String where, Node at, String message, String remedy) {
        return PreflightException.config(where + " line " + (at.getStartMark().getLine() + 1) + ": " + message, remedy);
    }

    private static Node value(MappingNode m, String key) {
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return t.getValueNode();
            }
        }
        return null;
    }

    /** Node tree to plain maps, lists and strings (numbers stay text: each check parses what it needs). */
    private static Map<String, Object> plain(MappingNode m) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            out.put(((ScalarNode) t.getKeyNode()).getValue(), plain(t.getValueNode()));
        }
        return out;
    }

    private static Object plain(Node n) {
        if (n instanceof ScalarNode s) {
            return s.getValue();
        }
        if (n instanceof SequenceNode s) {
            return s.getValue().stream().map(SmokeSuite::plain).toList();
        }
        return plain((MappingNode) n);
    }
}
