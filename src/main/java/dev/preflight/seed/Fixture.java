package dev.preflight.seed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A scale fixture: {@code generate: N} rows of one table from a {@code template:} whose values may
 * hold placeholders: {@code {n}} (the row number, 1..N), {@code {n%K}} (row number modulo K) and
 * {@code {text}} (deterministic English-like text for row n). The same file gives the same rows on
 * every machine, so a re-run finds them unchanged.
 */
record Fixture(String file, String table, int line, int count, List<String> columns, List<String> templates) {

    /** Upper bound on generated rows per fixture: the rows are held in memory for validation. */
    static final int MAX_ROWS = 5_000_000;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(n|n%(\\d+)|text)}");

    static Fixture parse(String file, String table, MappingNode node) {
        Integer count = null;
        Map<String, String> template = null;
        for (NodeTuple t : node.getValue()) {
            String key = YamlSeedReader.scalar(file, t.getKeyNode(), "'generate' or 'template'");
            Node value = t.getValueNode();
            switch (key) {
                case "generate" -> count = rowCount(file, table, value);
                case "template" -> {
                    if (!(value instanceof MappingNode m)) {
                        throw YamlSeedReader.error(file, value, table + ".template must map columns to values");
                    }
                    template = YamlSeedReader.mapping(file, table + " template", m, new java.util.HashMap<>());
                }
                default -> throw YamlSeedReader.error(file, t.getKeyNode(), "unknown fixture key '" + key
                        + "' for " + table + ": a fixture has 'generate: N' and 'template:'");
            }
        }
        if (count == null || template == null || template.isEmpty()) {
            throw YamlSeedReader.error(file, node, table + ": a fixture needs both 'generate: N' and a non-empty 'template:'");
        }
        return new Fixture(file, table, YamlSeedReader.line(node), count, List.copyOf(template.keySet()),
                new ArrayList<>(template.values()));
    }

    private static int rowCount(String file, String table, Node value) {
        try {
            int n = Integer.parseInt(((ScalarNode) value).getValue().replace("_", ""));
            if (n >= 1 && n <= MAX_ROWS) {
                return n;
            }
        } catch (RuntimeException ignored) {
            // reported below with the allowed range
        }
        throw YamlSeedReader.error(file, value, table + ".generate must be a whole number from 1 to " + MAX_ROWS);
    }

    /** Expands the template into rows; a NULL template value stays NULL in every row. */
    SeedBlock generate() {
        int width = columns.size();
        List<Object[]> parts = templates.stream().map(Fixture::compile).toList();
        boolean needsText = templates.stream().anyMatch(t -> t != null && t.contains("{text}"));
        FixtureText text = new FixtureText(table);
        // Each row depends on its number only, so rows can be made in parallel and stay deterministic.
        List<String[]> rows = IntStream.rangeClosed(1, count).parallel().mapToObj(n -> {
            String body = needsText ? text.forRow(n) : null;
            StringBuilder sb = new StringBuilder(64);
            String[] row = new String[width];
            for (int c = 0; c < width; c++) {
                row[c] = expand(parts.get(c), n, body, sb);
            }
            return row;
        }).toList();
        int[] lines = new int[count];
        Arrays.fill(lines, line);
        int[] numbers = new int[count];
        Arrays.setAll(numbers, i -> i + 1);
        boolean[] constants = new boolean[width];
        for (int c = 0; c < width; c++) {
            constants[c] = parts.get(c) == null || parts.get(c).length == 1;
        }
        return new SeedBlock(table, file, columns, rows, lines, numbers, true, null, constants);
    }

    /** Literal strings alternate with placeholder codes: Integer 0 for {n}, K for {n%K}, null... for {text}. */
    private static Object[] compile(String template) {
        if (template == null) {
            return null;
        }
        List<Object> out = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        int at = 0;
        while (m.find()) {
            out.add(template.substring(at, m.start()));
            out.add(m.group(1).equals("text") ? Placeholder.TEXT : m.group(2) == null ? Placeholder.N : Long.valueOf(m.group(2)));
            at = m.end();
        }
        out.add(template.substring(at));
        return out.toArray();
    }

    private enum Placeholder { N, TEXT }

    private static String expand(Object[] parts, int n, String text, StringBuilder sb) {
        if (parts == null) {
            return null;
        }
        if (parts.length == 1) {
            return (String) parts[0];
        }
        if (parts.length == 3 && ((String) parts[0]).isEmpty() && ((String) parts[2]).isEmpty()) {
            // a value that is just one placeholder: no copying (the text of 100,000 rows is tens of MB)
            return parts[1] == Placeholder.TEXT ? text : parts[1] == Placeholder.N ? Integer.toString(n) : Long.toString(n % (Long) parts[1]);
        }
        sb.setLength(0);
        for (Object p : parts) {
            if (p instanceof String s) {
                sb.append(s);
            } else if (p == Placeholder.N) {
                sb.append(n);
            } else if (p == Placeholder.TEXT) {
                sb.append(text);
            } else {
                sb.append(n % (Long) p);
            }
        }
        return sb.toString();
    }
}
