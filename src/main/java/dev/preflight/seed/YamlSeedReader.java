package dev.preflight.seed;

import dev.preflight.config.YamlSyntax;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a YAML seed file through SnakeYAML's node API (so every record keeps its line). Each
 * document maps table names to a list of records, or to a fixture ({@code generate: N} with a
 * {@code template:}). Scalars are passed to PostgreSQL as written; maps and lists become JSON.
 */
final class YamlSeedReader {

    private YamlSeedReader() {
    }

    static List<SeedBlock> read(Path path, String file) {
        List<SeedBlock> blocks = new ArrayList<>();
        try {
            for (Node doc : YamlSyntax.composeAll(SeedFiles.text(path, file), file)) {
                if (doc == null || isNull(doc)) {
                    continue;
                }
                if (!(doc instanceof MappingNode root)) {
                    throw error(file, doc, "a seed document maps table names to lists of records");
                }
                for (NodeTuple t : root.getValue()) {
                    String table = scalar(file, t.getKeyNode(), "a table name");
                    Node value = t.getValueNode();
                    if (value instanceof SequenceNode list) {
                        blocks.addAll(records(file, table, list));
                    } else if (value instanceof MappingNode fixture) {
                        blocks.add(Fixture.parse(file, table, fixture).generate());
                    } else if (!isNull(value)) {
                        throw error(file, value, "'" + table + "' must be a list of records or a fixture (generate: N, template: ...)");
                    }
                }
            }
        } catch (YAMLException e) {
            throw new SeedInputException(YamlSyntax.describe(file, e), YamlSyntax.remedy(e));
        }
        return blocks;
    }

    /** Groups consecutive records by the columns they mention: one block per column set. */
    private static List<SeedBlock> records(String file, String table, SequenceNode list) {
        Map<List<String>, List<Object[]>> groups = new LinkedHashMap<>();
        int n = 0;
        for (Node item : list.getValue()) {
            n++;
            if (!(item instanceof MappingNode record)) {
                throw error(file, item, table + " record " + n + " must be a mapping of column: value");
            }
            Map<String, Integer> lines = new LinkedHashMap<>();
            Map<String, String> values = mapping(file, table + " record " + n, record, lines);
            groups.computeIfAbsent(List.copyOf(values.keySet()), k -> new ArrayList<>())
                    .add(new Object[] {values.values().toArray(new String[0]), line(item), n,
                            lines.values().stream().mapToInt(Integer::intValue).toArray()});
        }
        List<SeedBlock> out = new ArrayList<>();
        groups.forEach((columns, rows) -> out.add(new SeedBlock(table, file, columns,
                rows.stream().map(r -> (String[]) r[0]).toList(),
                rows.stream().mapToInt(r -> (Integer) r[1]).toArray(),
                rows.stream().mapToInt(r -> (Integer) r[2]).toArray(), false,
                rows.stream().map(r -> (int[]) r[3]).toArray(int[][]::new), null)));
        return out;
    }

    /**
     * A record's column: value pairs as text, duplicate columns refused; {@code lines} receives each value's line. YAML's
     * merge key ({@code <<: *defaults}, or a list of them) adds the columns the record does not set itself, the first
     * merged mapping winning, as YAML 1.1 and jobs/preflight.yaml read it.
     */
    static Map<String, String> mapping(String file, String what, MappingNode record, Map<String, Integer> lines) {
        Map<String, String> values = new LinkedHashMap<>();
        List<MappingNode> merged = new ArrayList<>();
        for (NodeTuple t : record.getValue()) {
            if (Tag.MERGE.equals(t.getKeyNode().getTag())) {
                merged.addAll(mergedMappings(file, t.getValueNode()));
                continue;
            }
            String column = scalar(file, t.getKeyNode(), "a column name");
            if (values.containsKey(column)) {
                throw error(file, t.getKeyNode(), what + " mentions column '" + column + "' twice");
            }
            values.put(column, YamlValues.text(t.getValueNode()));
            lines.put(column, line(t.getKeyNode()));
        }
        for (MappingNode defaults : merged) {
            Map<String, Integer> mergedLines = new LinkedHashMap<>();
            mapping(file, what, defaults, mergedLines).forEach((column, value) -> {
                if (!values.containsKey(column)) {
                    values.put(column, value);
                    lines.put(column, mergedLines.get(column));
                }
            });
        }
        return values;
    }

    private static List<MappingNode> mergedMappings(String file, Node value) {
        if (value instanceof MappingNode m) {
            return List.of(m);
        }
        if (value instanceof SequenceNode list && list.getValue().stream().allMatch(MappingNode.class::isInstance)) {
            return list.getValue().stream().map(MappingNode.class::cast).toList();
        }
        throw error(file, value, "a merge key (<<) takes a mapping or a list of mappings, such as <<: *defaults");
    }

    static String scalar(String file, Node node, String what) {
        if (node instanceof ScalarNode s && !isNull(s)) {
            return s.getValue();
        }
        throw error(file, node, "expected " + what + " here");
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    static SeedInputException error(String file, Node node, String message) {
        return new SeedInputException(file + " line " + line(node) + ": " + message,
                "see the seed file format in README.md (Seed data)");
    }
}
