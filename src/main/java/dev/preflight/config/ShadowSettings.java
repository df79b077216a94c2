package dev.preflight.config;

import dev.preflight.kernel.PreflightException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where verify replays the migrations: by default an isolated throwaway cluster ({@code url} null);
 * {@code --shadow-url} / {@code SHADOW_DATABASE_URL} name another server; {@code sameCluster} allows
 * the target's own cluster. {@code roles} are the roles the migrations expect to exist
 * ({@code verify.shadowRoles} in {@code jobs/preflight.yaml}), created in the shadow cluster first.
 */
public record ShadowSettings(DatabaseUrl url, boolean sameCluster, List<String> roles) {

    /** Any name PostgreSQL accepts once quoted (ShadowRoles quotes it): {@code "solesonic-llm-api"} is a real project's. */
    private static final Pattern ROLE = Pattern.compile("[^\\x00-\\x1f\\x7f]+");

    public ShadowSettings {
        roles = List.copyOf(roles);
    }

    /** The default: an isolated embedded cluster, no declared roles. */
    public static ShadowSettings isolated() {
        return new ShadowSettings(null, false, List.of());
    }

    /** From the flag (wins), the environment variable, the same-cluster switch and the project's declared roles. */
    public static ShadowSettings of(String flagUrl, String envUrl, boolean sameCluster, ProjectLayout project) {
        String raw = flagUrl != null ? flagUrl : envUrl;
        DatabaseUrl url = raw == null || raw.isBlank() ? null : DatabaseUrl.parse(raw);
        return new ShadowSettings(url, sameCluster, roles(project));
    }

    /** {@code verify.shadowRoles} of {@code jobs/preflight.yaml}: a list of role names (empty when absent). */
    static List<String> roles(ProjectLayout project) {
        Path file = project.jobs().resolve(ProjectConfig.FILE);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        Object doc;
        try {
            doc = YamlSyntax.load(Files.readString(file, StandardCharsets.UTF_8), project.relative(file));
        } catch (IOException | RuntimeException e) {
            return List.of(); // ProjectConfig.load has already reported syntax and read errors with file and line
        }
        if (!(doc instanceof Map<?, ?> root) || !(root.get("verify") instanceof Map<?, ?> verify) || verify.get("shadowRoles") == null) {
            return List.of();
        }
        String where = project.relative(file);
        if (!(verify.get("shadowRoles") instanceof List<?> list)) {
            throw PreflightException.config(where + ": verify.shadowRoles must be a list of role names",
                    "for example: verify: { shadowRoles: [app_user, app_reader] }");
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            String name = String.valueOf(o);
            if (!ROLE.matcher(name).matches() || name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 63) {
                throw PreflightException.config(where + ": verify.shadowRoles: '" + name + "' is not a role name PostgreSQL accepts",
                        "use the role's name as the migrations write it, without quotes (1 to 63 bytes, no control characters)");
            }
            out.add(name);
        }
        return out;
    }
}
