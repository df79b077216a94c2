package dev.preflight.check.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckRegistry;
import dev.preflight.db.schema.SchemaDifference;
import dev.preflight.db.schema.SchemaDifference.Change;
import dev.preflight.db.schema.SchemaDifference.ObjectType;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The drift family routes each kind of difference to exactly one check, and the replay checks report what the shadow run found. */
class DriftChecksTests {

    private static SchemaDifference difference(ObjectType type) {
        return new SchemaDifference(type, Change.UNEXPECTED, "x_" + type.name().toLowerCase(Locale.ROOT), "items", null, null, "present",
                Severity.MEDIUM, "DROP ...", true);
    }

    @Test
    void everyKindOfDifferenceIsReportedByExactlyOneDriftCheckAtItsOwnSeverity() throws Exception {
        List<SchemaDifference> all = Arrays.stream(ObjectType.values()).map(DriftChecksTests::difference).toList();
        CheckContext ctx = CheckContext.of(null, null, null, null).with(new DriftCheck.Compared(all));

        List<Finding> findings = DriftCheck.all().stream().flatMap(c -> findings(c, ctx).stream()).toList();

        assertThat(DriftCheck.all()).extracting(DriftCheck::id)
                .containsExactly("DRIFT001", "DRIFT002", "DRIFT003", "DRIFT004", "DRIFT005", "DRIFT006", "DRIFT007");
        assertThat(findings).hasSize(all.size());
        assertThat(findings).extracting(Finding::subject).doesNotHaveDuplicates();
        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.MEDIUM));
        assertThat(findings).filteredOn(f -> f.subject().contains("x_enum")).singleElement().extracting(Finding::id).isEqualTo("DRIFT004");
        assertThat(findings).allSatisfy(f -> assertThat(f.remedy()).contains("drift.sql"));
    }

    @Test
    void theReplayChecksReportTheErrorTheStatementsLeftOutAndTheOrphans() throws Exception {
        ShadowReplay replay = new ShadowReplay("migration V2__b.sql failed at line 7: relation \"x\" does not exist",
                List.of(new ClusterGlobalCheck.Skipped("migrations/V1__a.sql", 3, "CREATE ROLE app")), List.of("preflight_shadow_1"),
                List.of("preflight_shadow_2"));
        CheckContext ctx = CheckContext.of(null, null, null, null).with(replay);
        CheckRegistry registry = CheckRegistry.get();

        Finding failed = registry.check("DRIFT010").run(ctx).get(0);
        assertThat(failed.message()).contains("V2__b.sql failed at line 7");
        assertThat(failed.severity()).isEqualTo(Severity.HIGH);
        assertThat(failed.remedy()).startsWith("fix the migration named above");
        assertThat(registry.check("DRIFT008").run(ctx)).singleElement().satisfies(f -> assertThat(f.subject()).isEqualTo("migrations/V1__a.sql line 3"));
        assertThat(registry.check("DRIFT009").run(ctx)).extracting(Finding::severity).containsExactly(Severity.INFO, Severity.LOW);

        CheckContext clean = CheckContext.of(null, null, null, null).with(new ShadowReplay(null, List.of(), List.of(), List.of()));
        assertThat(registry.checks("DRIFT010", "DRIFT008", "DRIFT009").stream().flatMap(c -> findings(c, clean).stream())).isEmpty();
        assertThat(registry.check("DRIFT008").notRunReason(clean)).isNull();
    }

    @Test
    void aReplayThatStoppedAtAnErrorDoesNotPassDrift008() throws Exception {
        // given: the replay failed at the first migration, with nothing left out as cluster-global
        CheckContext failed = CheckContext.of(null, null, null, null).with(new ShadowReplay("migration V1__a.sql failed at line 1: "
                + "role \"supabase_admin\" does not exist", List.of(), List.of(), List.of()));

        // then: "every statement was replayed" is not claimed
        assertThat(CheckRegistry.get().check("DRIFT008").notRunReason(failed)).contains("DRIFT010");
    }

    /** A check's findings, its checked exception turned into a test failure. */
    private static List<Finding> findings(dev.preflight.check.Check check, CheckContext ctx) {
        try {
            return check.run(ctx);
        } catch (Exception e) {
            throw new AssertionError(check.id() + " crashed", e);
        }
    }
}
