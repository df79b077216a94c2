package dev.preflight.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The layers of Preflight's packages, top to bottom, and an import scan that reports every import
 * running up the layers and every cycle between packages. A package belongs to the layer of its
 * longest listed prefix; a package may import its own layer's packages and those below. A cycle
 * counts between unrelated packages; a package and its own sub-packages may import each other.
 */
final class Layers {

    /** Top to bottom. README's "Architecture" section draws the same list. */
    static final List<List<String>> PREFLIGHT = List.of(
            List.of("dev.preflight", "dev.preflight.cli"),
            List.of("dev.preflight.plan"),
            List.of("dev.preflight.job"),
            List.of("dev.preflight.run"),
            List.of("dev.preflight.check"),
            List.of("dev.preflight.migration", "dev.preflight.seed", "dev.preflight.embedded", "dev.preflight.broker"),
            List.of("dev.preflight.db"),
            List.of("dev.preflight.report.render"),
            List.of("dev.preflight.config"),
            List.of("dev.preflight.report"),
            List.of("dev.preflight.kernel"));

    private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import (?:static )?([\\w.]+)\\s*;");

    private final List<List<String>> layers;
    private final String root;

    Layers(List<List<String>> layers, String root) {
        this.layers = layers;
        this.root = root;
    }

    /** One import that breaks a rule: the file, what it imports and why that is not allowed. */
    record Violation(String file, String imported, String rule) {
        @Override
        public String toString() {
            return file + " imports " + imported + ": " + rule;
        }
    }

    /** Every upward import under {@code sources}, then every package cycle. */
    List<String> violations(Path sources) {
        Map<String, Set<String>> graph = new TreeMap<>();
        List<String> out = new ArrayList<>();
        for (Path file : javaFiles(sources)) {
            String text = read(file);
            Matcher p = PACKAGE.matcher(text);
            if (!p.find()) {
                continue;
            }
            String from = p.group(1);
            graph.computeIfAbsent(from, k -> new TreeSet<>());
            Matcher m = IMPORT.matcher(text);
            while (m.find()) {
                String to = packageOf(m.group(1));
                if (!to.startsWith(root) || to.equals(from)) {
                    continue;
                }
                // a package and its sub-packages are one unit (migration lists its layouts, cli its commands):
                // only imports between unrelated packages can close a cycle
                if (!from.startsWith(to + ".") && !to.startsWith(from + ".")) {
                    graph.get(from).add(to);
                }
                int a = layer(from);
                int b = layer(to);
                if (b < a) {
                    out.add(new Violation(sources.relativize(file).toString(), m.group(1), "layer " + layerName(b)
                            + " is above " + layerName(a)).toString());
                }
            }
        }
        for (List<String> cycle : cycles(graph)) {
            out.add("package cycle among " + String.join(", ", cycle));
        }
        return out;
    }

    /** The layer index of a package: its longest listed prefix; unlisted packages are an error of the table. */
    int layer(String pkg) {
        int best = -1;
        int bestLength = -1;
        for (int i = 0; i < layers.size(); i++) {
            for (String prefix : layers.get(i)) {
                // the root package holds only itself; every other prefix holds its sub-packages too
                boolean holds = pkg.equals(prefix) || (!prefix.equals(root) && pkg.startsWith(prefix + "."));
                if (holds && prefix.length() > bestLength) {
                    best = i;
                    bestLength = prefix.length();
                }
            }
        }
        if (best < 0) {
            throw new IllegalStateException("package " + pkg + " is in no layer: add it to Layers.PREFLIGHT and README's Architecture section");
        }
        return best;
    }

    private String layerName(int i) {
        return String.join("+", layers.get(i).stream().map(p -> p.equals(root) ? "(root)" : p.substring(root.length() + 1)).toList());
    }

    /** The package part of an imported name: everything before the first capitalised segment. */
    static String packageOf(String name) {
        StringBuilder pkg = new StringBuilder();
        for (String part : name.split("\\.")) {
            if (Character.isUpperCase(part.charAt(0))) {
                break;
            }
            pkg.append(pkg.isEmpty() ? "" : ".").append(part);
        }
        return pkg.toString();
    }

    /** Strongly connected components with more than one package (Tarjan): the packages that import each other in a ring. */
    static List<List<String>> cycles(Map<String, Set<String>> graph) {
        List<List<String>> out = new ArrayList<>();
        Map<String, Integer> index = new TreeMap<>();
        Map<String, Integer> low = new TreeMap<>();
        List<String> stack = new ArrayList<>();
        for (String v : graph.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, graph, index, low, stack, out);
            }
        }
        return out;
    }

    private static void connect(String v, Map<String, Set<String>> graph, Map<String, Integer> index, Map<String, Integer> low,
            List<String> stack, List<List<String>> out) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, graph, index, low, stack, out);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (stack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> component = new ArrayList<>();
            String w;
            do {
                w = stack.remove(stack.size() - 1);
                component.add(0, w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                component.sort(null); // named in a stable order, whatever the graph's iteration order
                out.add(component);
            }
        }
    }

    private static List<Path> javaFiles(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
