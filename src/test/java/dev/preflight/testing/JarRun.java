package dev.preflight.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged jar as a separate process, exactly as the launcher does: the only way to see
 * everything a user sees (log lines included) and the real process exit code.
 */
public record JarRun(int exitCode, String output) {

    public static Path jar() {
        Path jar = Projects.repositoryRoot().resolve("target/preflight.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("target/preflight.jar is missing: integration tests run after 'mvn package' (use mvn verify)");
        }
        return jar;
    }

    public static JarRun run(Path workDir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().remove("DATABASE_URL");
        pb.environment().remove("DIRECT_DATABASE_URL");
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("preflight " + String.join(" ", args) + " did not finish in 5 minutes");
        }
        return new JarRun(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
