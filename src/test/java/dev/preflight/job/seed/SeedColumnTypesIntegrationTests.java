package dev.preflight.job.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.config.DatabaseUrl;
import dev.preflight.config.ProjectLayout;
import dev.preflight.report.SeedSection;
import dev.preflight.seed.SeedFiles;
import dev.preflight.seed.SeedInputException;
import dev.preflight.seed.SeedSchema;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** Seeding columns whose types need care: lengths, types without an equality operator, keys written two ways, sequences. */
@ExtendWith(PostgresExtension.class)
class SeedColumnTypesIntegrationTests {

    @Test
    void aValueTooLongForItsColumnIsAnErrorNamingFileLineAndColumnNotATruncation(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given
        db.execute("CREATE TABLE probe_t (id int PRIMARY KEY, code varchar(5), flag char(3), bits bit(3))");
        Path project = project(tmp, "10-probe.yaml", "probe_t:\n  - id: 1\n    code: abcdefgh\n    flag: abcd\n    bits: '10101'\n");

        // when / then: each column named at its line, with PostgreSQL's own reason, and nothing written
        assertThatThrownBy(() -> seed(db, project)).isInstanceOf(SeedInputException.class).satisfies(e -> {
            String errors = String.join("\n", ((SeedInputException) e).errors());
            assertThat(errors).contains("jobs/seed/10-probe.yaml line 3 (probe_t record 1, column code)")
                    .contains("value too long for type character varying(5)")
                    .contains("jobs/seed/10-probe.yaml line 4 (probe_t record 1, column flag)")
                    .contains("value too long for type character(3)")
                    .contains("jobs/seed/10-probe.yaml line 5 (probe_t record 1, column bits)")
                    .contains("bit string length 5 does not match type bit(3)");
        });
        assertThat(db.queryLong("SELECT count(*) FROM probe_t")).isZero();
    }

    @Test
    void valuesThatFitTheirLengthLoadAndASecondRunLeavesThemUnchanged(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given values that fit (a shorter char is padded, trailing spaces beyond a varchar's length are dropped, as INSERT does)
        db.execute("CREATE TABLE probe_t (id int PRIMARY KEY, code varchar(5), flag char(3), bits bit(3), price numeric(5,2))");
        Path project = project(tmp, "10-probe.yaml", "probe_t:\n  - {id: 1, code: abcde, flag: ab, bits: '101', price: 1.005}\n"
                + "  - {id: 2, code: 'ab     ', flag: abc, bits: '000', price: 2}\n");

        // when
        SeedSection first = seed(db, project);
        SeedSection second = seed(db, project);

        // then
        assertThat(first.inserted()).isEqualTo(2);
        assertThat(db.queryStrings("SELECT concat_ws('|', code, flag, bits, price) FROM probe_t ORDER BY id"))
                .containsExactly("abcde|ab |101|1.01", "ab   |abc|000|2.00");
        assertThat(second.unchanged()).isEqualTo(2);
    }

    @Test
    void aRoleThatMayNotCreateTheProbesTemporaryTableIsNotBlamedOnTheValues(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a role without the TEMP privilege, and a valid value for a column with a length
        db.execute("CREATE TABLE probe_t (id int PRIMARY KEY, code varchar(5))");
        String role = db.createRole("pf_notemp", "LOGIN PASSWORD 'seed-Pass-8642'");
        db.execute("REVOKE TEMP ON DATABASE " + db.url().database() + " FROM PUBLIC", "GRANT ALL ON probe_t TO " + role);
        DatabaseUrl url = DatabaseUrl.parse("postgresql://" + role + ":seed-Pass-8642@" + db.url().hosts() + "/" + db.url().database());
        Path project = project(tmp, "10-probe.yaml", "probe_t:\n  - {id: 1, code: abc}\n");

        // when / then: PostgreSQL's refusal is the error, not a claim that 'abc' is no varchar(5)
        assertThatThrownBy(() -> new SeedLoader(dataSource(url), "public").load(SeedFiles.read(ProjectLayout.of(project)), false,
                System.nanoTime())).isInstanceOf(SQLException.class).hasMessageContaining("permission denied to create temporary tables");
    }

    @Test
    void theWriterLeavesTheLengthCheckToTheColumnRatherThanTruncating(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a block that skipped validation
        db.execute("CREATE TABLE probe_t (id int PRIMARY KEY, code varchar(5))");
        SeedFiles files = SeedFiles.read(ProjectLayout.of(project(tmp, "10-probe.yaml", "probe_t:\n  - {id: 1, code: abcdefgh}\n")));

        try (Connection c = db.connect()) {
            TableWriter writer = new TableWriter(c, SeedSchema.read(c, "public"));

            // when / then: the INSERT refuses the value as PostgreSQL's own INSERT does
            assertThatThrownBy(() -> writer.write(files.blocks().get(0))).isInstanceOf(SQLException.class)
                    .hasMessageContaining("value too long for type character varying(5)");
        }
    }

    @Test
    void columnsOfTypesWithoutEqualityAreSeededAndComparedAsText(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given json, xml and point columns, which have no = operator
        db.execute("CREATE TABLE shapes (id int PRIMARY KEY, doc json, note xml, at point, tags jsonb)");
        String seed = "shapes:\n  - {id: 1, doc: '{\"a\": 1}', note: '<n>x</n>', at: '(1,2)', tags: '[1]'}\n"
                + "  - {id: 2, doc: '[]', note: '<n/>', at: '(0,0)', tags: '[]'}\n";
        Path project = project(tmp, "10-shapes.yaml", seed);

        // when
        SeedSection first = seed(db, project);
        SeedSection second = seed(db, project);
        Files.writeString(project.resolve("jobs/seed/10-shapes.yaml"), seed.replace("'<n/>'", "'<n>changed</n>'"));
        SeedSection third = seed(db, project);

        // then
        assertThat(first.inserted()).isEqualTo(2);
        assertThat(second.unchanged()).isEqualTo(2);
        assertThat(third.updated()).isEqualTo(1);
        assertThat(third.unchanged()).isEqualTo(1);
        assertThat(db.queryString("SELECT note::text FROM shapes WHERE id = 2")).isEqualTo("<n>changed</n>");
    }

    @Test
    void keysWrittenDifferentlyButEqualAsValuesAreDuplicatesNamingBothPlaces(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given the same uuid in two cases and the same integer written two ways, in different files
        db.execute("CREATE TABLE tokens (id uuid PRIMARY KEY, label text)", "CREATE TABLE counters (id int PRIMARY KEY, label text)");
        Path project = project(tmp, "10-a.yaml", "tokens:\n  - {id: 6f1c2a3e-0000-4000-8000-00000000000a, label: lower}\n"
                + "counters:\n  - {id: 10, label: ten}\n");
        project(tmp, "20-b.yaml", "tokens:\n  - {id: 6F1C2A3E-0000-4000-8000-00000000000A, label: upper}\n"
                + "counters:\n  - {id: ' 010', label: also ten}\n  - {id: 11, label: eleven}\n");

        // when / then
        assertThatThrownBy(() -> seed(db, project)).isInstanceOf(SeedInputException.class).satisfies(e -> {
            String errors = String.join("\n", ((SeedInputException) e).errors());
            assertThat(errors).contains("jobs/seed/20-b.yaml line 2 (tokens record 1): duplicate primary key tokens(id) = "
                    + "(6F1C2A3E-0000-4000-8000-00000000000A), first given at jobs/seed/10-a.yaml line 2 (tokens record 1) as "
                    + "(6f1c2a3e-0000-4000-8000-00000000000a)")
                    .contains("jobs/seed/20-b.yaml line 4 (counters record 1): duplicate primary key counters(id) = ( 010), "
                            + "first given at jobs/seed/10-a.yaml line 4 (counters record 1) as (10)")
                    .doesNotContain("= (11)");
        });
        assertThat(db.queryLong("SELECT (SELECT count(*) FROM tokens) + (SELECT count(*) FROM counters)")).isZero();
    }

    @Test
    void explicitIdsMoveTheOwnedSequencesForwardButNeverBack(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a serial column, an identity column whose sequence is already further than the seed, and an empty identity table
        db.execute("CREATE TABLE teams (id serial PRIMARY KEY, name text)",
                "CREATE TABLE users (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name text)",
                "CREATE TABLE tags (id int GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name text)",
                "SELECT setval(pg_get_serial_sequence('users', 'id'), 100)");
        Path project = project(tmp, "10-teams.yaml", "teams:\n  - {id: 1, name: a}\n  - {id: 7, name: b}\n"
                + "users:\n  - {id: 3, name: c}\n");

        // when a dry run, then a real run
        new SeedLoader(dataSource(db), "public").load(SeedFiles.read(ProjectLayout.of(project)), true, System.nanoTime());
        long afterDryRun = db.queryLong("SELECT last_value FROM teams_id_seq");
        SeedSection seeded = seed(db, project);

        // then the dry run moved nothing, the real run moved only the sequence behind its column, and the report says so
        assertThat(afterDryRun).isEqualTo(1);
        assertThat(db.queryLong("INSERT INTO teams (name) VALUES ('new') RETURNING id")).isEqualTo(8);
        assertThat(db.queryLong("INSERT INTO users (name) VALUES ('new') RETURNING id")).isEqualTo(101);
        assertThat(seeded.tables()).filteredOn(t -> t.table().equals("teams")).singleElement()
                .satisfies(t -> assertThat(t.sequences()).containsExactly(new SeedSection.SequenceAdvance("id", "teams_id_seq", 8)));
        assertThat(seeded.tables()).filteredOn(t -> t.table().equals("users")).singleElement()
                .satisfies(t -> assertThat(t.sequences()).isEmpty());
        assertThat(seed(db, project).tables()).allSatisfy(t -> assertThat(t.sequences()).isEmpty());
    }

    static Path project(Path dir, String file, String content) throws Exception {
        Path seed = Files.createDirectories(dir.resolve("jobs/seed"));
        Files.writeString(seed.resolve(file), content);
        return dir;
    }

    static SeedSection seed(TestDatabase db, Path project) throws Exception {
        return new SeedLoader(dataSource(db), "public").load(SeedFiles.read(ProjectLayout.of(project)), false, System.nanoTime());
    }

    static DataSource dataSource(TestDatabase db) {
        return dataSource(db.url());
    }

    static DataSource dataSource(DatabaseUrl url) {
        SimpleDriverDataSource ds = new SimpleDriverDataSource(new org.postgresql.Driver(), url.jdbcUrl());
        ds.setConnectionProperties(url.connectionProperties());
        return ds;
    }
}
