package dev.preflight.check.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall of the static rules over the fixture set of hazards and safe rewrites
 * ({@code src/test/resources/lint/cases}): every promised hazard found, nothing else flagged, and
 * the figures the README states.
 */
class LintFixtureSetTests {

    @Test
    void everyHazardIsFoundAndNoSafeRewriteIsFlagged() throws Exception {
        // given
        int truePositives = 0;
        int falsePositives = 0;
        int falseNegatives = 0;
        int files = 0;
        StringBuilder misses = new StringBuilder();

        // when
        for (Path file : LintCases.all()) {
            files++;
            Set<String> expected = LintCases.expected(file);
            Set<String> found = new TreeSet<>();
            LintCases.lint(file).forEach(i -> found.add(i.ruleId()));
            for (String id : found) {
                if (expected.contains(id)) {
                    truePositives++;
                } else {
                    falsePositives++;
                    misses.append(file.getFileName()).append(": unexpected ").append(id).append('\n');
                }
            }
            for (String id : expected) {
                if (!found.contains(id)) {
                    falseNegatives++;
                    misses.append(file.getFileName()).append(": missed ").append(id).append('\n');
                }
            }
        }
        double precision = truePositives / (double) Math.max(1, truePositives + falsePositives);
        double recall = truePositives / (double) Math.max(1, truePositives + falseNegatives);
        System.out.printf("lint fixture set: %d files, %d hazards found, %d false positives, %d missed: precision %.2f, recall %.2f%n",
                files, truePositives, falsePositives, falseNegatives, precision, recall);

        // then
        assertThat(files).isGreaterThanOrEqualTo(40);
        assertThat(misses.toString()).isEmpty();
        assertThat(precision).isEqualTo(1.0);
        assertThat(recall).isEqualTo(1.0);
        // the README's figures are these, so that a new case cannot leave them stale
        String readme = Files.readString(Path.of("README.md")).replaceAll("\\s+", " ");
        assertThat(readme).contains("holds " + files + " SQL files of known hazards").contains("finds all " + truePositives + " hazards");
    }
}
