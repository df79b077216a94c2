package dev.preflight.config;

import dev.preflight.kernel.PreflightException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The line of every key of a YAML file, by dotted path ({@code embeddings.openai.baseUrl}), so that
 * an error found after the file was loaded into maps can still name its line.
 */
final class YamlLines {

    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9_$-]+(?:\\.[A-Za-z0-9_$-]+)*");

    private final Map<String, Integer> lines = new HashMap<>();

    private YamlLines() {
    }

    /** The key lines of a document (none when it does not parse: its syntax error is reported with its own line). */
    static YamlLines of(String text) {
        YamlLines out = new YamlLines();
        try {
            out.walk(YamlSyntax.compose(text, "the file"), ""); // aliases checked: no endless walk
        } catch (RuntimeException e) {
            // syntax errors are the loader's to report
        }
        return out;
    }

    private void walk(Node node, String prefix) {
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k) {
                    String path = prefix.isEmpty() ? k.getValue() : prefix + "." + k.getValue();
                    lines.putIfAbsent(path, k.getStartMark().getLine() + 1);
                    walk(t.getValueNode(), path);
                }
            }
        }
    }

    Integer line(String path) {
        return lines.get(path);
    }

    /**
     * The error with the line of the deepest setting its message names ({@code where: x.y ...} becomes
     * {@code where line N: x.y ...}); unchanged when it names none or already has a line.
     */
    PreflightException locate(PreflightException e, String where) {
        String prefix = where + ": ";
        String message = e.getMessage();
        if (message == null || !message.startsWith(prefix)) {
            return e;
        }
        String rest = message.substring(prefix.length());
        Integer best = null;
        int bestDepth = -1;
        Matcher m = PATH.matcher(rest);
        while (m.find()) {
            String path = m.group();
            for (String p = path; !p.isEmpty(); p = p.contains(".") ? p.substring(0, p.lastIndexOf('.')) : "") {
                Integer line = lines.get(p);
                int depth = p.split("\\.").length;
                if (line != null && depth > bestDepth) {
                    best = line;
                    bestDepth = depth;
                }
                if (line != null) {
                    break;
                }
            }
        }
        if (best == null) {
            return e;
        }
        return new PreflightException(e.exitCode(), where + " line " + best + ": " + rest, e.remedy(), e.getCause());
    }
}
