package dev.preflight.check.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.check.SeverityPolicy;
import dev.preflight.migration.Migration;
import dev.preflight.migration.SqlSplitter;
import dev.preflight.report.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The lint rules at their edges, on migrations written in memory after a small history: the exact
 * limits (2,000 and 4,000 dimensions, 63 bytes), every kind of statement a rule reads, the
 * conditions that silence it, and each rule's title and default severity against the README.
 *
 * <p>Mutations known to be killed (PIT): a limit off by one (2,000 or 4,000 dimensions, 63 bytes);
 * halfvec given vector's limit; the "reduce the dimensions" advice for
 * every over-limit index; identifiers of some statement kinds not checked (columns, index names,
 * constraints, renames); LINT012 silent before PostgreSQL 12 in a transaction, or raised outside one; LINT009 for
 * a NOT VALID constraint or a new table; LINT005 after a validated check; LINT002 for an index of
 * a table created in the same migration; LINT013 twice in a file or after SET lock_timeout; LINT003 blind to
 * a tool that wraps even a lone statement in a transaction (Drizzle), or raised for one that does not; a
 * rule's title empty or its default severity not the README's.
 */
class LintRuleEdgesTests {

    private static final String HISTORY = """
            CREATE TABLE items (id bigint PRIMARY KEY, small vector(2000), big vector(2001), half halfvec(4000), huge halfvec(4001),
              wide vector(4000), giant vector(4001), owner bigint, status text);
            CREATE TYPE mood AS ENUM ('happy', 'sad');
            CREATE INDEX items_owner_idx ON items (owner);
            """;

    private static List<LintIssue> lint(String sql) {
        return lint(sql, true, 150000);
    }

    private static List<LintIssue> lint(String sql, boolean nativeTransaction, int serverVersionNum) {
        Migration setup = new Migration("1", "setup", Path.of("V1__setup.sql"), null, SqlSplitter.split(HISTORY));
        Migration change = new Migration("2", "change", Path.of("V2__change.sql"), null, SqlSplitter.split(sql));
        return StaticAnalysis.run(List.of(setup, change), change::equals,
                new StaticAnalysis.Settings(nativeTransaction, serverVersionNum, SeverityPolicy.defaults()));
    }

    private static List<LintIssue> of(String rule, List<LintIssue> issues) {
        return issues.stream().filter(i -> i.ruleId().equals(rule)).toList();
    }

    @Test
    void lint015AllowsExactlyTwoThousandVectorAndFourThousandHalfvecDimensions() {
        assertThat(of("LINT015", lint("CREATE INDEX CONCURRENTLY a ON items USING hnsw (small vector_cosine_ops);\n"))).isEmpty();
        assertThat(of("LINT015", lint("CREATE INDEX CONCURRENTLY a ON items USING ivfflat (half halfvec_cosine_ops);\n"))).isEmpty();
        assertThat(of("LINT015", lint("CREATE INDEX CONCURRENTLY a ON items USING btree (big);\n"))).as("not a vector index").isEmpty();

        LintIssue vector = of("LINT015", lint("CREATE INDEX CONCURRENTLY a ON items USING hnsw (big vector_cosine_ops);\n")).get(0);
        assertThat(vector.message()).isEqualTo("HNSW index on items.big (vector(2001)): pgvector indexes at most 2000 dimensions of vector, "
                + "so the CREATE INDEX fails");
        assertThat(vector.remedy()).isEqualTo("index a cast, e.g. USING hnsw ((big::halfvec(2001)) halfvec_cosine_ops)");
        assertThat(vector.severity()).isEqualTo(Severity.HIGH);
        LintIssue halfvec = of("LINT015", lint("CREATE INDEX CONCURRENTLY a ON items USING ivfflat (huge halfvec_cosine_ops);\n")).get(0);
        assertThat(halfvec.message()).contains("at most 4000 dimensions of halfvec");
        assertThat(halfvec.remedy()).endsWith(" is not enough either: reduce the model's dimensions");
        assertThat(of("LINT015", lint("CREATE INDEX CONCURRENTLY a ON items USING hnsw (wide vector_cosine_ops);\n")).get(0).remedy())
                .as("halfvec holds 4000").isEqualTo("index a cast, e.g. USING hnsw ((wide::halfvec(4000)) halfvec_cosine_ops)");
        assertThat(of("LINT015", lint("CREATE INDEX CONCURRENTLY a ON items USING hnsw (giant vector_cosine_ops);\n")).get(0).remedy())
                .endsWith("halfvec(4001)) halfvec_cosine_ops) is not enough either: reduce the model's dimensions");
    }

    @Test
    void lint017CountsBytesNotCharactersInEveryNameAStatementGives() {
        String ok = "a".repeat(63);
        String tooLong = "a".repeat(64);
        String accented = "é".repeat(32); // 32 characters, 64 bytes
        assertThat(of("LINT017", lint("CREATE TABLE " + ok + " (" + ok.replace('a', 'b') + " int);\n"))).isEmpty();

        assertThat(of("LINT017", lint("CREATE TABLE " + tooLong + " (" + accented + " int, ok int);\n")))
                .extracting(LintIssue::message).containsExactly(
                        "identifier \"" + tooLong + "\" is 64 bytes: PostgreSQL truncates it to 63 without an error",
                        "identifier \"" + accented + "\" is 64 bytes: PostgreSQL truncates it to 63 without an error");
        assertThat(of("LINT017", lint("CREATE INDEX CONCURRENTLY " + tooLong + " ON items (status);\n"))).hasSize(1);
        assertThat(of("LINT017", lint("SET lock_timeout = '5s';\nALTER TABLE items ADD COLUMN " + tooLong + " int, ADD CONSTRAINT "
                + tooLong.replace('a', 'c') + " CHECK (owner > 0) NOT VALID;\n"))).hasSize(2);
        assertThat(of("LINT017", lint("ALTER TABLE items RENAME COLUMN status TO " + tooLong + ";\n"))).hasSize(1);
        assertThat(of("LINT017", lint("ALTER TABLE items RENAME TO " + tooLong + ";\n"))).hasSize(1);
        assertThat(of("LINT017", lint("CREATE TABLE t (id int);\n")).isEmpty()).isTrue();
    }

    @Test
    void lint012AddingAValueInATransactionFailsBeforePostgres12Only() {
        String add = "ALTER TYPE mood ADD VALUE 'calm';\n";
        assertThat(of("LINT012", lint(add, true, 110000))).singleElement().satisfies(i -> assertThat(i.message())
                .isEqualTo("ALTER TYPE mood ADD VALUE 'calm' cannot run inside a transaction block on PostgreSQL 11"));
        assertThat(of("LINT012", lint(add, false, 110000))).as("run without a transaction").isEmpty();
        assertThat(of("LINT012", lint(add, true, 120000))).isEmpty();
        // used later in the same transaction: refused on any version
        assertThat(of("LINT012", lint(add + "UPDATE items SET status = 'x' WHERE status::mood = 'calm';\n", true, 160000))).hasSize(1);
        assertThat(of("LINT012", lint(add + "UPDATE items SET status = 'x' WHERE status = 'other';\n", true, 160000))).isEmpty();
    }

    @Test
    void constraintAndNotNullRulesAreSilentForTheSafeForms() {
        String timeout = "SET lock_timeout = '5s';\n";
        assertThat(of("LINT009", lint(timeout + "ALTER TABLE items ADD CONSTRAINT fk FOREIGN KEY (owner) REFERENCES items (id);\n")))
                .singleElement().satisfies(i -> assertThat(i.message()).startsWith("ADD FOREIGN KEY fk on existing table items"));
        assertThat(of("LINT009", lint(timeout + "ALTER TABLE items ADD CHECK (owner > 0);\n"))).singleElement()
                .satisfies(i -> assertThat(i.remedy()).contains("VALIDATE CONSTRAINT <name>"));
        assertThat(of("LINT009", lint(timeout + "ALTER TABLE items ADD CONSTRAINT c CHECK (owner > 0) NOT VALID;\n"))).isEmpty();
        assertThat(of("LINT009", lint("CREATE TABLE fresh (id int, o int);\nALTER TABLE fresh ADD CONSTRAINT c CHECK (o > 0);\n")))
                .as("a table of this migration").isEmpty();

        assertThat(of("LINT005", lint(timeout + "ALTER TABLE items ALTER COLUMN status SET NOT NULL;\n"))).hasSize(1);
        assertThat(of("LINT005", lint(timeout + "ALTER TABLE items VALIDATE CONSTRAINT status_nn;\n"
                + "ALTER TABLE items ALTER COLUMN status SET NOT NULL;\n"))).isEmpty();
        assertThat(of("LINT005", lint(timeout + "ALTER TABLE items ADD COLUMN z int;\n"
                + "ALTER TABLE items ALTER COLUMN status SET NOT NULL;\n"))).as("an earlier change that validates nothing").hasSize(1);
        assertThat(of("LINT005", lint(timeout + "ALTER TABLE other VALIDATE CONSTRAINT x;\n"
                + "ALTER TABLE items ALTER COLUMN status SET NOT NULL;\n"))).as("a check on another table").hasSize(1);
    }

    @Test
    void dropIndexAndLockTimeoutRulesKnowWhatIsNewAndWhatWasSet() {
        assertThat(of("LINT002", lint("DROP INDEX items_owner_idx;\n"))).singleElement()
                .satisfies(i -> assertThat(i.message()).contains("ACCESS EXCLUSIVE lock on items"));
        assertThat(of("LINT002", lint("DROP INDEX unknown_idx;\n"))).singleElement()
                .satisfies(i -> assertThat(i.message()).contains("lock on its table"));
        assertThat(of("LINT002", lint("CREATE TABLE fresh (id int);\nCREATE INDEX fresh_idx ON fresh (id);\nDROP INDEX fresh_idx;\n")))
                .isEmpty();

        String twoLocks = "ALTER TABLE items ADD COLUMN a int;\nALTER TABLE items ADD COLUMN b int;\n";
        assertThat(of("LINT013", lint(twoLocks))).as("one per file").singleElement().satisfies(i -> assertThat(i.line()).isEqualTo(1));
        assertThat(of("LINT013", lint("SET lock_timeout = '5s';\n" + twoLocks))).isEmpty();
        assertThat(of("LINT013", lint("CREATE TABLE fresh (id int);\nALTER TABLE fresh ADD COLUMN a int;\n"))).isEmpty();
    }

    @Test
    void lint003FlagsALoneConcurrentIndexOnlyWhenTheToolWrapsTheMigrationInATransaction() {
        String alone = "CREATE INDEX CONCURRENTLY items_status_idx ON items (status);\n";
        Migration setup = new Migration("1", "setup", Path.of("V1__setup.sql"), null, SqlSplitter.split(HISTORY));
        Migration change = new Migration("2", "change", Path.of("V2__change.sql"), null, SqlSplitter.split(alone));
        List<LintIssue> drizzle = StaticAnalysis.run(List.of(setup, change), change::equals, new StaticAnalysis.Settings(true, 150000,
                SeverityPolicy.defaults(), m -> m.id().equals("2") ? "drizzle-orm's migrator runs every pending migration in one transaction" : null, null));

        assertThat(of("LINT003", lint(alone))).as("Flyway, Prisma: a lone statement runs outside any transaction").isEmpty();
        assertThat(of("LINT003", drizzle)).singleElement().satisfies(i -> {
            assertThat(i.line()).isEqualTo(1);
            assertThat(i.message()).contains("drizzle-orm's migrator runs every pending migration in one transaction").contains("even alone");
            assertThat(i.remedy()).contains("./preflight migrate");
        });
    }

    @Test
    void eachRuleHasATitleAndTheDefaultSeverityTheReadmeDocuments() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (LintRule rule : LintRules.all()) {
            Matcher row = Pattern.compile("^\\| " + rule.id() + " \\| .+ \\| ([a-z]+)[^|]* \\|$", Pattern.MULTILINE).matcher(readme);
            assertThat(row.find()).as("README row for " + rule.id()).isTrue();
            assertThat(Severity.parse(row.group(1))).as(rule.id()).isEqualTo(rule.defaultSeverity());
            assertThat(rule.title()).as(rule.id()).isNotBlank();
            assertThat(Character.isUpperCase(rule.title().charAt(0))).as(rule.title()).isTrue();
            assertThat(LintRules.title(rule.id())).isEqualTo(rule.title());
        }
        for (String measured : List.of("LINT016", "LINT018", "LINT019", "LINT021")) {
            assertThat(LintRules.title(measured)).as(measured).isNotBlank().isNotEqualTo(measured);
        }
        assertThat(LintRules.title("LINT999")).isEqualTo("LINT999");
    }
}
