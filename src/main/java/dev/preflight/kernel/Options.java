package dev.preflight.kernel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parsed command line: the command, its positional arguments and {@code --flag value} options.
 * Unknown flags are usage errors that name the flag ({@link OptionSpec} lists them); whether a
 * flag applies to the command is checked by {@link OptionSpec#check}.
 */
public record Options(String command, List<String> arguments, Map<String, String> flags) {

    public static Options parse(String[] args) {
        String command = null;
        List<String> positional = new ArrayList<>();
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--")) {
                String name = a.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                OptionSpec spec = OptionSpec.ALL.get(name);
                if (spec != null && !spec.valued()) {
                    flags.put(name, value == null ? "true" : value);
                } else if (spec != null) {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw PreflightException.config("option --" + name + " needs a value", "see ./preflight help");
                        }
                        value = args[++i];
                    }
                    flags.put(name, value);
                } else {
                    throw PreflightException.config("unknown option --" + name, "see ./preflight help for the options");
                }
            } else if (a.equals("-h")) {
                flags.put("help", "true");
            } else if (command == null) {
                command = a;
            } else {
                positional.add(a);
            }
        }
        String failOn = flags.getOrDefault("fail-on", "not-ready");
        if (!failOn.equals("warning") && !failOn.equals("not-ready")) {
            throw PreflightException.config("--fail-on must be 'warning' or 'not-ready', not '" + failOn + "'",
                    "use --fail-on warning to fail CI on READY_WITH_WARNINGS");
        }
        return new Options(command == null ? "help" : command, List.copyOf(positional), Map.copyOf(flags));
    }

    /**
     * These options with a plan step's parameters added (a parameter given on the command line
     * wins, so a user can override a plan for one run). Switch parameters take "true" or "false".
     */
    public Options withParams(Map<String, String> params) {
        Map<String, String> merged = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            OptionSpec spec = OptionSpec.ALL.get(k);
            if (!(spec != null && !spec.valued() && v.equalsIgnoreCase("false"))) {
                merged.put(k, v);
            }
        });
        merged.putAll(flags);
        return new Options(command, arguments, Map.copyOf(merged));
    }

    /** These options with the run id set: used to restart a run under its own id. */
    public Options withRunId(String runId) {
        Map<String, String> merged = new LinkedHashMap<>(flags);
        merged.put("run-id", runId);
        return new Options(command, arguments, Map.copyOf(merged));
    }

    /** A positive whole-number option, or null when absent; anything else is a usage error naming the option. */
    public Integer positiveInt(String name) {
        String v = flags.get(name);
        if (v == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw PreflightException.config("--" + name + " must be a positive whole number, not '" + v + "'", "for example --" + name + " 4");
    }

    public String flag(String name) {
        return flags.get(name);
    }

    public boolean has(String name) {
        return flags.containsKey(name);
    }

    public Path project() {
        return Path.of(flags.getOrDefault("project", "."));
    }

    public Path reportsDir() {
        String r = flags.get("reports");
        return r == null ? null : Path.of(r);
    }

    public boolean failOnWarning() {
        return "warning".equals(flags.get("fail-on"));
    }
}
