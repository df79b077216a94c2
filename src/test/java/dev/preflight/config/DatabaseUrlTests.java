package dev.preflight.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.cli.PreflightException;
import org.junit.jupiter.api.Test;

class DatabaseUrlTests {

    @Test
    void libpqFormWithEncodedPasswordAndSslmode() {
        // given a password holding @ : / % (encoded as Prisma and GitHub secrets hold it)
        DatabaseUrl url = DatabaseUrl.parse("postgresql://neonhub:p%40ss%3Aw%2Frd%25x@db.example.com:5433/neonhub?sslmode=require");

        // then
        assertThat(url.user()).isEqualTo("neonhub");
        assertThat(url.secretPassword()).isEqualTo("p@ss:w/rd%x");
        assertThat(url.hosts()).isEqualTo("db.example.com:5433");
        assertThat(url.database()).isEqualTo("neonhub");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:5433/neonhub?sslmode=require");
        assertThat(url.connectionProperties()).containsEntry("password", "p@ss:w/rd%x").containsEntry("user", "neonhub");
    }

    @Test
    void maskedFormHidesPasswordEverywhere() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://u:s3cr%40t@h/db?sslmode=require&application_name=x");

        assertThat(url.masked()).isEqualTo("postgresql://u:****@h/db?sslmode=require&ApplicationName=x");
        assertThat(url.toString()).doesNotContain("s3cr").doesNotContain("%40");
        assertThat(url.jdbcUrl()).doesNotContain("s3cr");
    }

    @Test
    void jdbcFormWithCredentialsInQuery() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://localhost:5432/app?user=alice&password=a%26b&sslmode=disable");

        assertThat(url.user()).isEqualTo("alice");
        assertThat(url.secretPassword()).isEqualTo("a&b");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/app?sslmode=disable");
        assertThat(url.masked()).doesNotContain("a&b").contains("alice:****@");
    }

    @Test
    void unencodedAtSignInPasswordIsTolerated() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://bob:p@ss@host:5432/db");

        assertThat(url.secretPassword()).isEqualTo("p@ss");
        assertThat(url.hosts()).isEqualTo("host:5432");
    }

    @Test
    void secretUriRoundTrips() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://u:p%40%3A%2F%25%20q@h:1/d?sslmode=require");

        DatabaseUrl again = DatabaseUrl.parse(url.secretUri());

        assertThat(again.secretPassword()).isEqualTo("p@:/% q");
        assertThat(again.jdbcUrl()).isEqualTo(url.jdbcUrl());
    }

    @Test
    void prismaParametersAreTranslatedOrDropped() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://u:p@h:6543/db?pgbouncer=true&connection_limit=1&schema=app");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://h:6543/db?currentSchema=app");
        assertThat(url.looksLikePooler()).isTrue();
    }

    @Test
    void poolerHostsAreRecognised() {
        assertThat(DatabaseUrl.parse("postgresql://u:p@ep-cool-123-pooler.us-east-2.aws.neon.tech/db").looksLikePooler()).isTrue();
        assertThat(DatabaseUrl.parse("postgresql://u:p@localhost:6432/db").looksLikePooler()).isTrue();
        assertThat(DatabaseUrl.parse("postgresql://u:p@localhost:5432/db").looksLikePooler()).isFalse();
    }

    @Test
    void poolerWithoutDirectUrlWarns() {
        DatabaseTarget pooled = DatabaseTarget.of(DatabaseUrl.parse("postgresql://u:secret@x-pooler.neon.tech/db"), null, DatabaseTarget.Source.FLAG);
        DatabaseTarget withDirect = DatabaseTarget.of(DatabaseUrl.parse("postgresql://u:secret@x-pooler.neon.tech/db"),
                DatabaseUrl.parse("postgresql://u:secret@x.neon.tech/db"), DatabaseTarget.Source.FLAG);

        assertThat(pooled.warnings()).singleElement().asString().contains("DIRECT_DATABASE_URL").doesNotContain("secret");
        assertThat(withDirect.warnings()).isEmpty();
        assertThat(withDirect.ddlUrl().hosts()).isEqualTo("x.neon.tech");
    }

    @Test
    void badUrlsAreConfigurationErrorsThatDoNotEchoTheUrl() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://u:hunter2@h/db"))
                .isInstanceOf(PreflightException.class)
                .hasMessageContaining("unsupported scheme")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> DatabaseUrl.parse("  ")).isInstanceOf(PreflightException.class);
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://u:p@/db")).hasMessageContaining("no host");
    }

    @Test
    void databaseDefaultsToUserName() {
        assertThat(DatabaseUrl.parse("postgresql://carol@h").database()).isEqualTo("carol");
    }
}
