package dev.preflight.migration;

import dev.preflight.testing.Projects;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The layout fixture projects (src/test/resources/projects/LAYOUT), their reports, and the native tools run on them. */
final class LayoutProjects {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LayoutProjects() {
    }

    /** A copy of the fixture project of {@code layout} in {@code dir}. */
    static Path copy(String layout, Path dir) {
        Projects.copyTree(Projects.repositoryRoot().resolve("src/test/resources/projects").resolve(layout), dir);
        return dir;
    }

    static JsonNode report(Path project) throws Exception {
        return JSON.readTree(Files.readString(project.resolve("reports/latest/readiness.json")));
    }

    /** SHA-256 hex of the file's bytes, computed here independently of the code under test. */
    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /** The finding with this id (fails when absent). */
    static JsonNode finding(JsonNode report, String id) {
        return report.get("findings").valueStream().filter(f -> f.get("id").asString().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + id + " finding in " + report.get("findings")));
    }

    /** Runs a Node script of .ci (whose packages .ci/run installs with npm install): exit code and output. */
    static Node node(String script, String... args) throws Exception {
        Path modules = Projects.repositoryRoot().resolve(".ci/node_modules/drizzle-orm");
        if (!Files.isDirectory(modules)) {
            throw new AssertionError("drizzle-orm is not installed: run (cd .ci && npm install) as .ci/run does");
        }
        List<String> cmd = new java.util.ArrayList<>(List.of("node", Projects.repositoryRoot().resolve(".ci").resolve(script).toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("node " + script + " did not finish in 120 s: " + out);
        }
        return new Node(p.exitValue(), out);
    }

    record Node(int exitCode, String out) {
    }
}
