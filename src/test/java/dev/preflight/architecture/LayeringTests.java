package dev.preflight.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Preflight's packages import only their own layer and the layers below it, with no package
 * cycle (the table is {@link Layers#PREFLIGHT}); the scan itself is shown to catch an upward
 * import and a cycle on a fixture tree.
 */
class LayeringTests {

    @Test
    void noPackageImportsALayerAboveItAndNoPackagesFormACycle() {
        List<String> violations = new Layers(Layers.PREFLIGHT, "dev.preflight").violations(Path.of("src/main/java"));
        assertThat(violations).as(String.join("\n", violations)).isEmpty();
    }

    @Test
    void aDeliberateUpwardImportAndTheCycleItMakesAreReported() {
        Layers fixture = new Layers(List.of(List.of("com.acme.high"), List.of("com.acme.low")), "com.acme");
        List<String> violations = fixture.violations(Path.of("src/test/resources/architecture/upward"));
        assertThat(violations).containsExactly(
                Path.of("com/acme/low/Low.java") + " imports com.acme.high.High: layer high is above low",
                "package cycle among com.acme.high, com.acme.low");
    }

    @Test
    void aPackageOutsideEveryLayerIsAnErrorOfTheTableNotAPass() {
        Layers layers = new Layers(Layers.PREFLIGHT, "dev.preflight");
        assertThatThrownBy(() -> layers.layer("dev.preflight.newthing")).hasMessageContaining("dev.preflight.newthing is in no layer");
        assertThat(layers.layer("dev.preflight.job.backfill.distributed")).isEqualTo(layers.layer("dev.preflight.job"));
        assertThat(layers.layer("dev.preflight.report.render")).isLessThan(layers.layer("dev.preflight.report"));
    }

    @Test
    void importedNamesAreCutAtTheirFirstTypeAndCyclesAreFoundAcrossThreePackages() {
        assertThat(Layers.packageOf("dev.preflight.report.MigrationStatus.DatabaseState")).isEqualTo("dev.preflight.report");
        assertThat(Layers.cycles(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"))))
                .containsExactly(List.of("a", "b", "c"));
    }
}
