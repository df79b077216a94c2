package dev.preflight.config;

import dev.preflight.kernel.PreflightException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which schema domain each table belongs to, for the report's per-domain view: {@code verify.domains}
 * in {@code jobs/preflight.yaml} (domain name to list of tables), by default the seed document's
 * NeonHub domains. Tables in no domain fall into {@value #OTHER}.
 */
public record DomainMapping(Map<String, List<String>> domains) {

    /** Settings allowed under {@code verify:}; {@code shadowRoles} is read by {@link ShadowSettings}. */
    private static final java.util.Set<String> VERIFY_KEYS = java.util.Set.of("domains", "shadowRoles");

    public static final String OTHER = "Other";

    public DomainMapping {
        domains = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(domains));
    }

    /** The seed document's domain table, with the tables of its migration inventory. */
    public static DomainMapping neonHub() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("Identity & Org", List.of("users", "accounts", "sessions", "verification_tokens", "organizations",
                "organization_memberships", "roles", "permissions", "role_permissions"));
        m.put("Brand System", List.of("brands", "brand_voices", "brand_assets", "embedding_spaces"));
        m.put("Agents", List.of("agents", "agent_configs", "agent_capabilities", "agent_runs", "agent_run_metrics", "tools",
                "tool_executions", "agent_jobs"));
        m.put("Conversations", List.of("conversations", "messages"));
        m.put("RAG/Datasets", List.of("datasets", "documents", "chunks"));
        m.put("Campaigns", List.of("campaigns", "campaign_metrics", "email_sequences", "social_posts"));
        m.put("Content", List.of("contents", "ab_tests"));
        m.put("Training", List.of("model_versions", "training_jobs", "inference_endpoints"));
        m.put("Connectors", List.of("connectors", "connector_credentials"));
        m.put("Governance", List.of("audit_logs", "api_keys"));
        m.put("Legacy", List.of("drafts", "subscriptions", "invoices", "usage_records"));
        return new DomainMapping(m);
    }

    /** The domain of a table, or {@value #OTHER}. */
    public String domainOf(String table) {
        return domains.entrySet().stream().filter(e -> e.getValue().contains(table)).map(Map.Entry::getKey).findFirst().orElse(OTHER);
    }

    /** Reads {@code verify.domains}; the NeonHub default when the file or the setting is absent. */
    public static DomainMapping load(ProjectLayout project) {
        Path file = project.jobs().resolve(ProjectConfig.FILE);
        if (!Files.isRegularFile(file)) {
            return neonHub();
        }
        String where = project.relative(file);
        Object doc;
        try {
            doc = YamlSyntax.load(Files.readString(file, StandardCharsets.UTF_8), project.relative(file));
        } catch (IOException | RuntimeException e) {
            return neonHub(); // ProjectConfig.load has already reported syntax and read errors with file and line
        }
        if (!(doc instanceof Map<?, ?> root) || !(root.get("verify") instanceof Map<?, ?> verify)) {
            return neonHub();
        }
        for (Object key : verify.keySet()) {
            if (!VERIFY_KEYS.contains(String.valueOf(key))) {
                throw PreflightException.config(where + ": unknown setting 'verify." + key + "'", "allowed: " + VERIFY_KEYS);
            }
        }
        if (verify.get("domains") == null) {
            return neonHub();
        }
        if (!(verify.get("domains") instanceof Map<?, ?> domains)) {
            throw PreflightException.config(where + ": verify.domains must map each domain name to a list of tables",
                    "for example: verify: { domains: { Identity: [users, accounts] } }");
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        domains.forEach((name, tables) -> {
            if (!(tables instanceof List<?> list)) {
                throw PreflightException.config(where + ": verify.domains." + name + " must be a list of table names",
                        "write it as " + name + ": [table_a, table_b]");
            }
            List<String> names = new ArrayList<>();
            list.forEach(t -> names.add(String.valueOf(t)));
            out.put(String.valueOf(name), List.copyOf(names));
        });
        return new DomainMapping(out);
    }
}
