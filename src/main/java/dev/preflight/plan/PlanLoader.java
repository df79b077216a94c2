package dev.preflight.plan;

import dev.preflight.config.ProjectLayout;
import dev.preflight.config.TextFile;
import dev.preflight.config.YamlSyntax;
import dev.preflight.kernel.PreflightException;
import dev.preflight.run.RunId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.scheduling.support.CronExpression;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads plans from {@code jobs/*.yaml} (a file with a {@code steps:} list), falling back to the
 * built-in plans in the jar. Every error names the file and line: an unknown step or parameter
 * is rejected before anything runs.
 */
public final class PlanLoader {

    private static final Set<String> PLAN_KEYS = Set.of("name", "description", "schedule", "steps");
    private static final Set<String> STEP_KEYS = Set.of("job", "params", "onFailure");
    private static final String BUILT_IN = "preflight/plans/";

    private final ProjectLayout project;
    private final Map<String, PlanStep> steps;

    public PlanLoader(ProjectLayout project, List<? extends PlanStep> steps) {
        this.project = project;
        this.steps = new LinkedHashMap<>();
        steps.forEach(s -> this.steps.put(s.name(), s));
    }

    /** The plan of that name: the project's file, else the built-in one. */
    public Plan load(String name) {
        Path file = project.jobs().resolve(name + ".yaml");
        if (Files.isRegularFile(file)) {
            return parse(TextFile.read(file, project.relative(file)), project.relative(file), name);
        }
        try (InputStream in = PlanLoader.class.getClassLoader().getResourceAsStream(BUILT_IN + name + ".yaml")) {
            if (in == null) {
                throw PreflightException.config("no plan named '" + name + "' (looked for " + project.relative(file) + ")",
                        "create " + project.relative(file) + ", or use one of: " + String.join(", ", available()));
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in plan " + name, name);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Names of the plans the project and the jar provide. */
    public List<String> available() {
        List<String> names = new ArrayList<>(List.of("gate", "nightly", "backfill"));
        if (Files.isDirectory(project.jobs())) {
            try (Stream<Path> s = Files.list(project.jobs())) {
                s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                        .map(n -> n.substring(0, n.length() - 5))
                        .filter(n -> !names.contains(n) && isPlanFile(project.jobs().resolve(n + ".yaml"))).forEach(names::add);
            } catch (IOException ignored) {
                // an unreadable jobs folder shows up when a plan is loaded
            }
        }
        return names;
    }

    private static boolean isPlanFile(Path p) {
        try {
            return Files.readString(p).lines().anyMatch(l -> l.startsWith("steps:"));
        } catch (IOException e) {
            return false;
        }
    }

    Plan parse(String yaml, String where, String defaultName) {
        Node root = YamlSyntax.compose(yaml, where);
        if (!(root instanceof MappingNode map)) {
            throw error(where, root, "a plan is a mapping with a 'steps:' list");
        }
        String name = defaultName;
        String description = "";
        String schedule = null;
        List<Plan.Step> out = new ArrayList<>();
        for (NodeTuple t : map.getValue()) {
            String key = scalar(where, t.getKeyNode());
            switch (key) {
                case "name" -> name = name(where, t.getValueNode());
                case "description" -> description = scalar(where, t.getValueNode());
                case "schedule" -> schedule = cron(where, t.getValueNode());
                case "steps" -> out = steps(where, t.getValueNode());
                default -> throw error(where, t.getKeyNode(), "unknown key '" + key + "' (allowed: " + PLAN_KEYS + ")");
            }
        }
        if (out.isEmpty()) {
            throw error(where, root, "the plan has no steps");
        }
        return new Plan(name, description, where, schedule, out);
    }

    private List<Plan.Step> steps(String where, Node node) {
        if (!(node instanceof SequenceNode seq)) {
            throw error(where, node, "'steps' must be a list");
        }
        List<Plan.Step> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            if (item instanceof ScalarNode s) {
                out.add(step(where, item, s.getValue(), Map.of(), Plan.OnFailure.STOP));
                continue;
            }
            if (!(item instanceof MappingNode m)) {
                throw error(where, item, "a step is a job name or a mapping with 'job:'");
            }
            String job = null;
            Map<String, String> params = new LinkedHashMap<>();
            Plan.OnFailure onFailure = Plan.OnFailure.STOP;
            for (NodeTuple t : m.getValue()) {
                String key = scalar(where, t.getKeyNode());
                switch (key) {
                    case "job" -> job = scalar(where, t.getValueNode());
                    case "params" -> params = params(where, t.getValueNode());
                    case "onFailure" -> {
                        try {
                            onFailure = Plan.OnFailure.parse(scalar(where, t.getValueNode()));
                        } catch (IllegalArgumentException e) {
                            throw error(where, t.getValueNode(), e.getMessage());
                        }
                    }
                    default -> throw error(where, t.getKeyNode(), "unknown step key '" + key + "' (allowed: " + STEP_KEYS + ")");
                }
            }
            if (job == null) {
                throw error(where, item, "the step names no 'job'");
            }
            out.add(step(where, item, job, params, onFailure));
        }
        return out;
    }

    private Plan.Step step(String where, Node node, String job, Map<String, String> params, Plan.OnFailure onFailure) {
        PlanStep command = steps.get(job);
        if (command == null) {
            throw error(where, node, "unknown step '" + job + "' (known steps: " + String.join(", ", steps.keySet()) + ")");
        }
        for (String p : params.keySet()) {
            if (!command.parameters().contains(p)) {
                throw error(where, node, "step '" + job + "' has no parameter '" + p + "'"
                        + (command.parameters().isEmpty() ? " (it takes none)" : " (it takes: " + String.join(", ", command.parameters()) + ")"));
            }
        }
        return new Plan.Step(job, Map.copyOf(params), onFailure, node.getStartMark().getLine() + 1);
    }

    private static Map<String, String> params(String where, Node node) {
        if (!(node instanceof MappingNode m)) {
            throw error(where, node, "'params' must be a mapping");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            out.put(scalar(where, t.getKeyNode()), scalar(where, t.getValueNode()));
        }
        return out;
    }

    /** The plan's name goes into every run id and report folder of its runs: only what a run id allows. */
    private static String name(String where, Node node) {
        String name = scalar(where, node);
        if (!RunId.allowsCommand(name)) {
            throw PreflightException.config(where + " line " + (node.getStartMark().getLine() + 1) + ": plan name '" + name
                    + "' cannot be part of a run id", "use 1 to 43 letters, digits, '.', '_' or '-', starting with a letter or digit "
                    + "and without '..', for example name: nightly-check");
        }
        return name;
    }

    private static String cron(String where, Node node) {
        String expr = scalar(where, node);
        try {
            Schedules.parse(expr);
        } catch (IllegalArgumentException e) {
            throw error(where, node, "bad cron schedule '" + expr + "': " + e.getMessage());
        }
        return expr;
    }

    private static String scalar(String where, Node node) {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        throw error(where, node, "expected a single value here");
    }

    private static PreflightException error(String where, Node node, String message) {
        return PreflightException.config(where + " line " + (node.getStartMark().getLine() + 1) + ": " + message,
                "fix the plan file (see README, section Job plans)");
    }

    /** Cron parsing shared with the scheduler: five fields (minute precision) or six (with seconds). */
    public static final class Schedules {
        private Schedules() {
        }

        public static CronExpression parse(String expr) {
            String[] fields = expr.trim().split("\\s+");
            return CronExpression.parse(fields.length == 5 ? "0 " + expr.trim() : expr.trim());
        }
    }
}
