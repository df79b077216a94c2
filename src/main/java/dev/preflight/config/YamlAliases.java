package dev.preflight.config;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.DocumentEndEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Refuses the two alias shapes every walker of a node tree would choke on, from the parser's events
 * (so at the line of the alias, and before any tree is built): an alias inside the value it refers to
 * (a tree without end: a stack overflow in whatever walks it), and aliases that expand to more than
 * {@value #MAX_EXPANDED} nodes (an "alias bomb": a few lines that walk for minutes or fill the heap).
 */
final class YamlAliases {

    /** The most nodes a document may reach through aliases; ordinary reuse of a mapping stays far below. */
    static final long MAX_EXPANDED = 100_000;

    private final Map<String, Long> sizes = new HashMap<>();
    private final Set<String> open = new HashSet<>();
    private final Deque<long[]> counts = new ArrayDeque<>();
    private final Deque<String> anchors = new ArrayDeque<>();
    private long expanded;

    private YamlAliases() {
    }

    /** Checks a stream of events (one or more documents); throws at the first bad alias. */
    static void check(Iterable<Event> events) {
        YamlAliases aliases = new YamlAliases();
        for (Event e : events) {
            aliases.accept(e);
        }
    }

    private void accept(Event e) {
        if (e instanceof ScalarEvent s) {
            add(1);
            if (s.getAnchor() != null) {
                sizes.put(s.getAnchor(), 1L);
            }
        } else if (e instanceof CollectionStartEvent c) {
            counts.push(new long[] {1});
            anchors.push(c.getAnchor() == null ? "" : c.getAnchor());
            if (c.getAnchor() != null) {
                open.add(c.getAnchor());
            }
        } else if (e instanceof CollectionEndEvent) {
            long size = counts.pop()[0];
            String anchor = anchors.pop();
            if (!anchor.isEmpty()) {
                open.remove(anchor);
                sizes.put(anchor, size);
            }
            add(size);
        } else if (e instanceof AliasEvent a) {
            alias(a);
        } else if (e instanceof DocumentEndEvent) {
            sizes.clear();
            expanded = 0;
        }
    }

    private void alias(AliasEvent a) {
        String anchor = a.getAnchor();
        if (open.contains(anchor)) {
            throw new Problem("alias *" + anchor + " is inside the value &" + anchor + " it refers to (a recursive alias has no end)",
                    a.getStartMark());
        }
        Long size = sizes.get(anchor);
        if (size == null) {
            return; // an undefined alias: the composer reports it
        }
        expanded += size;
        if (expanded > MAX_EXPANDED) {
            throw new Problem("aliases expand to more than " + MAX_EXPANDED + " values by alias *" + anchor
                    + " (nested aliases multiply: an alias bomb)", a.getStartMark());
        }
        add(size);
    }

    private void add(long n) {
        if (!counts.isEmpty()) {
            long[] top = counts.peek();
            top[0] = Math.min(top[0] + n, MAX_EXPANDED + 1);
        }
    }

    /** A refused alias, reported like any YAML error with its line ({@link YamlSyntax#describe}). */
    static final class Problem extends MarkedYAMLException {
        private static final long serialVersionUID = 1L;

        Problem(String problem, Mark mark) {
            super(null, null, problem, mark);
        }
    }
}
