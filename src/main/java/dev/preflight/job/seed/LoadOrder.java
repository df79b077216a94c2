package dev.preflight.job.seed;

import dev.preflight.seed.SeedInputException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Orders the seeded tables so that every parent comes before its children, from the foreign keys
 * read from the live catalog: level by level (tables without seeded parents first), by name within a
 * level, so the order is the same on every run.
 * Self-references do not order anything (a row's parent is then loaded in the same table).
 */
final class LoadOrder {

    private LoadOrder() {
    }

    /**
     * @param tables      the tables to load
     * @param foreignKeys child table to the parent tables it refers to (any tables; others are ignored)
     * @throws SeedInputException when the foreign keys among {@code tables} form a cycle, naming it
     */
    static List<String> of(Collection<String> tables, Map<String, Set<String>> foreignKeys) {
        Map<String, Set<String>> parents = new TreeMap<>();
        for (String t : tables) {
            Set<String> p = new TreeSet<>(foreignKeys.getOrDefault(t, Set.of()));
            p.retainAll(tables);
            p.remove(t);
            parents.put(t, p);
        }
        List<String> order = new ArrayList<>();
        Map<String, Set<String>> left = new LinkedHashMap<>(parents);
        while (!left.isEmpty()) {
            // Level by level: every table whose parents are all loaded, by name.
            List<String> ready = left.entrySet().stream().filter(e -> order.containsAll(e.getValue())).map(Map.Entry::getKey).toList();
            if (ready.isEmpty()) {
                throw new SeedInputException("the foreign keys among the seeded tables form a cycle: " + String.join(" -> ", cycle(left))
                        + "; no load order puts every parent first",
                        "make one of these foreign keys DEFERRABLE INITIALLY DEFERRED, or seed one side with the key NULL and set it in a later file");
            }
            order.addAll(ready);
            ready.forEach(left::remove);
        }
        return order;
    }

    /** Walks parent links among the tables left until one repeats: that loop is a cycle. */
    private static List<String> cycle(Map<String, Set<String>> left) {
        List<String> path = new ArrayList<>();
        String at = left.keySet().iterator().next();
        while (!path.contains(at)) {
            path.add(at);
            at = left.get(at).stream().filter(left::containsKey).findFirst().orElseThrow();
        }
        List<String> loop = new ArrayList<>(path.subList(path.indexOf(at), path.size()));
        loop.add(at);
        return loop;
    }
}
