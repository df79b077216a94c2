package dev.preflight.testing;

import dev.preflight.config.DatabaseUrl;
import dev.preflight.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The one PostgreSQL + pgvector server of a test JVM, chosen in this order:
 * {@code PREFLIGHT_TEST_DB_URL}; Testcontainers with {@code pgvector/pgvector} when a Docker
 * daemon answers; a throwaway cluster from the local binaries (installing them if needed). There is
 * no fourth choice: without a database the tests fail loudly, they are never skipped.
 */
final class TestServer {

    private static DatabaseUrl adminUrl;
    private static String description;

    private TestServer() {
    }

    static synchronized DatabaseUrl adminUrl() {
        if (adminUrl == null) {
            start();
        }
        return adminUrl;
    }

    static synchronized String description() {
        adminUrl();
        return description;
    }

    private static void start() {
        String given = System.getenv("PREFLIGHT_TEST_DB_URL");
        if (given != null && !given.isBlank()) {
            adminUrl = DatabaseUrl.parse(given);
            description = "PREFLIGHT_TEST_DB_URL (" + adminUrl.masked() + ")";
            return;
        }
        if (dockerAnswers()) {
            PostgreSQLContainer pg = new PostgreSQLContainer(
                    DockerImageName.parse("pgvector/pgvector:pg15").asCompatibleSubstituteFor("postgres"));
            pg.start();
            Runtime.getRuntime().addShutdownHook(new Thread(pg::stop));
            adminUrl = DatabaseUrl.parse(pg.getJdbcUrl() + "?user=" + pg.getUsername() + "&password=" + pg.getPassword());
            description = "Testcontainers pgvector/pgvector:pg15";
            return;
        }
        EmbeddedPostgres embedded = EmbeddedPostgres.start(Path.of("target", "test-postgres").toAbsolutePath(), false);
        adminUrl = embedded.adminUrl();
        description = "embedded PostgreSQL " + embedded.majorVersion() + " from " + embedded.installation().binDir();
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable t) {
            return false;
        }
    }
}
