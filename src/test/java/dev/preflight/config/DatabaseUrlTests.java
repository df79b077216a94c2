package dev.preflight.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.kernel.PreflightException;
import dev.preflight.kernel.Secrets;
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
    void aPercentSignThatStartsNoEscapeIsKeptAsWritten() {
        // a password pasted unencoded: '%zz' and a '%' at the end are no escapes, so they are the password's own characters
        DatabaseUrl url = DatabaseUrl.parse("postgresql://u:Secret%zzTop%4%@h:5432/db");

        assertThat(url.secretPassword()).isEqualTo("Secret%zzTop%4%");
        assertThat(url.masked()).doesNotContain("Secret").doesNotContain("zz");
        // escapes around it are still decoded, multi-byte ones included
        assertThat(DatabaseUrl.parse("postgresql://u:%C3%A9t%E9%zz%41@h/db").secretPassword()).isEqualTo("\u00e9t\ufffd%zzA");
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

    @Test
    void thePasswordAndSecretParametersAreRegisteredForScrubbingOnParse() {
        // values no other test uses, so only this parse can have registered them
        DatabaseUrl.parse("postgresql://app:Pw-3f1c9a@db.example:5432/app"
                + "?sslpassword=Key-77e0b2&application_name=Plain-5d21&sslmode=require");
        DatabaseUrl.parse("jdbc:postgresql://db.example/app?user=app&password=Jdbc-a91c44");

        assertThat(Secrets.scrub("pw Pw-3f1c9a key Key-77e0b2 jdbc Jdbc-a91c44")).isEqualTo("pw **** key **** jdbc ****");
        assertThat(Secrets.contains("Plain-5d21")).as("a parameter that is not a secret").isFalse();
    }

    @Test
    void emptyPartsAtTheirBoundaries() {
        // an empty user before ':' or '@' is still a user part, not part of the host
        DatabaseUrl noUser = DatabaseUrl.parse("postgresql://:pw-0a1b@h:5433/db");
        assertThat(noUser.hosts()).isEqualTo("h:5433");
        assertThat(noUser.user()).isEmpty();
        assertThat(noUser.secretPassword()).isEqualTo("pw-0a1b");
        assertThat(DatabaseUrl.parse("postgresql://@h/db").hosts()).isEqualTo("h");
        // no host before the path or the query
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql:///db")).hasMessageContaining("no host");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://?host=h")).hasMessageContaining("no host");
        // a parameter without a value is kept with an empty one; an empty pair is skipped
        assertThat(DatabaseUrl.parse("postgresql://h/db?ssl&&sslmode=require").params())
                .containsEntry("ssl", "").containsEntry("sslmode", "require").hasSize(2);
    }

    @Test
    void portsFromOneTo65535AndLongBadPortsShortened() {
        assertThat(DatabaseUrl.parse("postgresql://h:1/db").hosts()).isEqualTo("h:1");
        assertThat(DatabaseUrl.parse("postgresql://h:65535,k:5432/db").hosts()).isEqualTo("h:65535,k:5432");
        assertThat(DatabaseUrl.parse("postgresql://[::1]/db").hosts()).isEqualTo("[::1]");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://h:0/db")).hasMessageContaining("invalid port '0' for host h");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://h:65536/db")).hasMessageContaining("invalid port '65536'");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://h:5432,k:/db")).hasMessageContaining("invalid port '' for host k");
        // a long "port" is not shown: it may be part of a password (see below)
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://h:1234567890123/db")).hasMessageContaining("invalid port (not a number")
                .hasMessageNotContaining("123456");
    }

    @Test
    void anUnencodedQuestionMarkInThePasswordIsReadAsLibpqReadsItAndNeverShown() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://app:Sup3rSecret?Value@db.example:5432/prod?sslmode=require");
        assertThat(url.secretPassword()).isEqualTo("Sup3rSecret?Value");
        assertThat(url.user()).isEqualTo("app");
        assertThat(url.hosts()).isEqualTo("db.example:5432");
        assertThat(url.database()).isEqualTo("prod");
        // a query whose password parameter holds '@' stays a query
        assertThat(DatabaseUrl.parse("jdbc:postgresql://h:5432/db?user=u&password=p@ss").secretPassword()).isEqualTo("p@ss");
        assertThat(DatabaseUrl.parse("postgresql://h:5432?user=u&password=p@ss").secretPassword()).isEqualTo("p@ss");
        // and when the URL cannot be read, no part of what may be the password is printed, and the remedy says how to write it
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://app:Sup3rSecretValue?x=1@db.example:5432/prod"))
                .hasMessageNotContaining("Sup3r").hasMessageContaining("invalid port")
                .isInstanceOfSatisfying(dev.preflight.kernel.PreflightException.class, e -> assertThat(e.remedy()).contains("percent-encoded"));
    }

    @Test
    void toStringIsTheMaskedForm() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://u:pw-9c8d@h:5432/db");
        assertThat(url.toString()).isEqualTo(url.masked()).doesNotContain("pw-9c8d").contains("h:5432");
        assertThat(url.withDatabase("other").database()).isEqualTo("other");
        assertThat(url.withDatabase("other").secretPassword()).isEqualTo("pw-9c8d");
    }
}
