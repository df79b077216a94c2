package dev.preflight.check.ci;

import dev.preflight.config.YamlSyntax;
import dev.preflight.kernel.PreflightException;
import dev.preflight.report.VerifySection.Workflow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The project's GitHub Actions workflows ({@code .github/workflows/*.yml}): triggers and what their steps run. */
public record WorkflowFiles(List<Workflow> workflows, List<String> errors) {

    public static final String FOLDER = ".github/workflows";

    public static WorkflowFiles read(Path projectRoot) {
        Path folder = projectRoot.resolve(FOLDER);
        List<Workflow> workflows = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return new WorkflowFiles(workflows, errors);
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().toList()) {
                String name = FOLDER + "/" + f.getFileName();
                try {
                    workflows.add(workflow(name, YamlSyntax.load(Files.readString(f, StandardCharsets.UTF_8), name)));
                } catch (PreflightException e) {
                    errors.add(e.getMessage());
                }
            }
        } catch (IOException e) {
            errors.add("cannot read " + FOLDER + ": " + e.getMessage());
        }
        return new WorkflowFiles(List.copyOf(workflows), List.copyOf(errors));
    }

    private static Workflow workflow(String name, Object doc) {
        List<String> triggers = new ArrayList<>();
        List<String> runs = new ArrayList<>();
        if (doc instanceof Map<?, ?> root) {
            // YAML 1.1 reads the key "on" as the boolean true.
            Object on = root.containsKey("on") ? root.get("on") : root.get(true); // YAML 1.1 reads the key "on" as true
            if (on instanceof Map<?, ?> m) {
                m.keySet().forEach(k -> triggers.add(String.valueOf(k)));
            } else if (on instanceof List<?> l) {
                l.forEach(k -> triggers.add(String.valueOf(k)));
            } else if (on != null) {
                triggers.add(String.valueOf(on));
            }
            if (root.get("jobs") instanceof Map<?, ?> jobs) {
                for (Object job : jobs.values()) {
                    if (job instanceof Map<?, ?> j && j.get("steps") instanceof List<?> steps) {
                        for (Object step : steps) {
                            if (step instanceof Map<?, ?> s) {
                                if (s.get("run") != null) {
                                    runs.add(String.valueOf(s.get("run")).strip().lines().findFirst().orElse(""));
                                } else if (s.get("uses") != null) {
                                    runs.add("uses " + s.get("uses"));
                                }
                            }
                        }
                    }
                }
            }
        }
        return new Workflow(name, List.copyOf(triggers), List.copyOf(runs));
    }
}
