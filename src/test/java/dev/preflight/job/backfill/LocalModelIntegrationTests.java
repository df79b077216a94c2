package dev.preflight.job.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import com.pgvector.PGvector;
import dev.preflight.job.backfill.provider.LocalMiniLmProvider;
import dev.preflight.testing.CliRun;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.Projects;
import dev.preflight.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The demo path: the NeonHub example's gate fills chunks with all-MiniLM-L6-v2, and search over them finds relevant text. */
@ExtendWith(PostgresExtension.class)
class LocalModelIntegrationTests {

    private static final String[][] CHUNKS = {
        {"c01", "To reset your password, click \"Forgot password\" on the sign-in page and follow the link we email you."},
        {"c02", "Our office is closed on public holidays; support replies within one business day."},
        {"c03", "Invoices are issued on the first day of each month and can be paid by credit card or bank transfer."},
        {"c04", "The mobile app is available for iPhone and Android phones from the app stores."},
        {"c05", "You can export your campaign analytics to CSV from the reports dashboard."},
        {"c06", "Two-factor authentication adds a one-time code from an authenticator app to every login."},
        {"c07", "Cancel your subscription at any time under Settings, Billing; you keep access until the period ends."},
        {"c08", "Upload images up to 10 MB in PNG or JPEG format to the asset library."},
    };

    private static String nearest(TestDatabase db, LocalMiniLmProvider model, String question) throws Exception {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL enable_indexscan = off"); // exact search: the migration's IVFFlat index was built empty
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM chunks WHERE \"documentId\" = 'doc1' ORDER BY embedding <=> ? LIMIT 1")) {
                ps.setObject(1, new PGvector(model.embed(List.of(question)).get(0)));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        }
    }

    @Test
    void gateFillsChunksWithTheLocalModelAndTheNearestNeighbourIsRelevant(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given the NeonHub example migrated, and chunks of real sentences without embeddings
        Path project = Projects.copyExample(tmp);
        // this test brings its own chunks: the gate here migrates and embeds, without the example's seed
        java.nio.file.Files.writeString(project.resolve("jobs/gate.yaml"), "steps:\n  - migrate\n  - backfill\n");
        assertThat(CliRun.run("migrate", "--project", project.toString(), "--db-url", db.uri()).exitCode()).isZero();
        db.execute("INSERT INTO organizations (id, name, slug) VALUES ('o1', 'Acme', 'acme')",
                "INSERT INTO datasets (id, \"organizationId\", name) VALUES ('d1', 'o1', 'Help center')",
                "INSERT INTO documents (id, \"datasetId\", \"organizationId\", title) VALUES ('doc1', 'd1', 'o1', 'FAQ')");
        for (int i = 0; i < CHUNKS.length; i++) {
            db.execute("INSERT INTO chunks (id, \"documentId\", \"datasetId\", \"organizationId\", ordinal, content) VALUES ('"
                    + CHUNKS[i][0] + "', 'doc1', 'd1', 'o1', " + i + ", '" + CHUNKS[i][1] + "')");
        }

        // when the gate runs
        CliRun gate = CliRun.run("gate", "--project", project.toString(), "--db-url", db.uri());

        // then every chunk has a real 384-dimension embedding, recorded as all-MiniLM-L6-v2
        assertThat(gate.exitCode()).as(gate.err()).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM chunks WHERE embedding IS NULL")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM chunks WHERE vector_dims(embedding) = 384 AND abs(vector_norm(embedding) - 1) < 1e-3"))
                .isEqualTo(CHUNKS.length);
        assertThat(db.queryStrings("SELECT DISTINCT model FROM preflight.embedding_state")).containsExactly("all-MiniLM-L6-v2");
        assertThat(Files.readString(project.resolve("reports/latest/readiness.json"))).contains("\"semantic\" : true");

        // and questions in other words find the chunk that answers them
        try (LocalMiniLmProvider model = new LocalMiniLmProvider()) {
            assertThat(nearest(db, model, "I forgot my password and cannot log in")).isEqualTo("c01");
            assertThat(nearest(db, model, "Which phones does your app run on?")).isEqualTo("c04");
            assertThat(nearest(db, model, "How do I pay my monthly bill?")).isEqualTo("c03");
            assertThat(nearest(db, model, "What file types can I use for pictures?")).isEqualTo("c08");
        }
    }
}
