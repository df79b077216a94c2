package dev.preflight.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.report.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The registry holds every fixed check class of src/main (none forgotten in the service list),
 * each with a unique id of its package's family, a title and a severity, and runners get checks
 * from it by family or id.
 */
class CheckRegistryTests {

    /** A concrete check class in the sources: a check by what it implements or extends, not abstract. */
    private static final Pattern CONCRETE_CHECK = Pattern.compile(
            "public (final )?class (\\w+) (implements Check\\b|extends (DriftCheck|EmbeddingCheck)\\b)");

    @Test
    void everyConcreteCheckClassIsRegisteredOnce() throws IOException {
        Set<String> inSources;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/preflight/check"))) {
            inSources = files.filter(f -> f.toString().endsWith("Check.java")).filter(f -> CONCRETE_CHECK.matcher(read(f)).find())
                    .map(f -> Path.of("src/main/java").relativize(f).toString().replace('/', '.').replaceAll("\\.java$", ""))
                    .filter(name -> !name.endsWith("smoke.SmokeCheck")) // one per smoke-suite entry: a suite of its own
                    .collect(Collectors.toSet());
        }
        List<String> registered = CheckRegistry.get().all().stream().map(c -> c.getClass().getName()).toList();

        assertThat(registered).doesNotHaveDuplicates();
        assertThat(registered).containsExactlyInAnyOrderElementsOf(inSources);
        assertThat(registered).hasSizeGreaterThanOrEqualTo(38);
    }

    @Test
    void eachCheckHasAUniqueIdOfItsPackagesFamilyATitleAndASeverity() {
        for (Check c : CheckRegistry.get().all()) {
            String pkg = c.getClass().getPackageName();
            assertThat(c.id()).as(c.getClass().getName()).matches("[A-Z]+\\d{3}");
            assertThat(c.family()).as(c.id()).isEqualTo(familyOfPackage(pkg));
            assertThat(c.title()).as(c.id()).isNotBlank();
            assertThat(c.defaultSeverity()).as(c.id()).isNotNull();
        }
        assertThat(CheckRegistry.get().all().stream().map(Check::id)).doesNotHaveDuplicates();
    }

    @Test
    void runnersGetFamiliesInChecklistOrderAndIdsInTheOrderAsked() {
        CheckRegistry registry = CheckRegistry.get();

        assertThat(registry.family(CheckFamily.SRV)).extracting(Check::id).containsExactly("SRV002", "SRV003", "SRV004");
        assertThat(registry.family(CheckFamily.EMB)).extracting(Check::id)
                .containsExactly("EMB001", "EMB002", "EMB003", "EMB004", "EMB005", "EMB006");
        assertThat(registry.checks("GIT003", "GIT001")).extracting(Check::id).containsExactly("GIT003", "GIT001");
        assertThat(registry.check("EMB005").defaultSeverity()).isEqualTo(Severity.BLOCKER);
        assertThat(CheckFamily.of("DRIFT010")).isEqualTo(CheckFamily.DRIFT);
        assertThat(CheckFamily.IDX.job()).isEqualTo("retune");
        assertThatThrownBy(() -> registry.check("NOPE001")).hasMessageContaining("no check NOPE001");
    }

    @Test
    void twoChecksWithOneIdAreRefusedAndAMissingFactIsNamed() {
        Check a = CheckRegistry.get().check("CI001");
        assertThatThrownBy(() -> new CheckRegistry(List.of(a, a))).hasMessageContaining("two checks share the id CI001");
        assertThatThrownBy(() -> CheckContext.of(null, null, null, null).fact(String.class))
                .hasMessageContaining("no String in the check context");
    }

    private static CheckFamily familyOfPackage(String pkg) {
        return switch (pkg.substring(pkg.lastIndexOf('.') + 1)) {
            case "server" -> CheckFamily.SRV;
            case "migration" -> CheckFamily.MIG;
            case "seed" -> CheckFamily.SEED;
            case "embedding" -> CheckFamily.EMB;
            case "index" -> CheckFamily.IDX;
            case "drift" -> CheckFamily.DRIFT;
            case "git" -> CheckFamily.GIT;
            case "ci" -> CheckFamily.CI;
            default -> throw new AssertionError("a check package without a family: " + pkg);
        };
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
