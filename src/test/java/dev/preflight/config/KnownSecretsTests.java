package dev.preflight.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.kernel.Secrets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a command line registers with the scrubber before anything runs: the password of each
 * database URL given as an option (with a space or an equals sign) or held by any environment
 * variable, the values of secret-named variables, and a configured API key variable of any name.
 *
 * <p>Mutations known to be killed (PIT): secret-named variables or URL-valued variables not
 * registered; {@code --db-url}/{@code --direct-url} not read in either form, or read one argument
 * off; a value that is not a PostgreSQL URL parsed as one; the configured API key variable
 * ignored.
 */
class KnownSecretsTests {

    @AfterEach
    void forget() {
        Secrets.clear();
    }

    @Test
    void passwordsOfUrlOptionsInBothFormsAreRegistered() {
        KnownSecrets.register(Map.of(), new String[] {"migrate", "--db-url", "postgresql://app:pw-space-9471@db/x",
                "--direct-url=postgres://app:pw-equals-3318@db/x", "--project", "."});

        assertThat(Secrets.scrub("a pw-space-9471 b pw-equals-3318")).isEqualTo("a **** b ****");
        // the option is the last argument: nothing follows it to read
        KnownSecrets.register(Map.of(), new String[] {"migrate", "--db-url"});
    }

    @Test
    void urlsAndSecretNamedValuesOfTheEnvironmentAreRegisteredOthersAreNot() {
        KnownSecrets.register(Map.of("DATABASE_URL", " postgresql://app:pw-env-5521@db/x ", "SHADOW", "jdbc:postgresql://h/x?password=pw-jdbc-6640",
                "OPENAI_API_KEY", "sk-key-7781", "HOME", "/home/plain-value-1234", "BROKEN", "postgresql://app:pw-broken-2020@[bad"), new String[0]);

        assertThat(Secrets.scrub("pw-env-5521 pw-jdbc-6640 sk-key-7781")).isEqualTo("**** **** ****");
        assertThat(Secrets.contains("/home/plain-value-1234")).isFalse();
    }

    @Test
    void aValueThatOnlyLooksLikeAUrlOptionOrIsNoUrlIsLeftAlone() {
        KnownSecrets.register(Map.of("NOTE", "mysql://app:pw-mysql-8080@db/x"),
                new String[] {"--db-urls", "postgresql://app:pw-other-1919@db/x", "--project", "postgresql://app:pw-path-4242@db/x"});

        assertThat(Secrets.contains("pw-mysql-8080")).isFalse();
        assertThat(Secrets.contains("pw-path-4242")).isFalse();
        assertThat(Secrets.contains("pw-other-1919")).isFalse();
    }

    @Test
    void theConfiguredApiKeyVariableIsRegisteredWhateverItsName() {
        KnownSecrets.registerEnvironmentValue(Map.of("MY_EMBEDDER", "custom-value-5150"), "MY_EMBEDDER");
        KnownSecrets.registerEnvironmentValue(Map.of("OTHER", "ignored-value-6161"), null);

        assertThat(Secrets.scrub("custom-value-5150")).isEqualTo("****");
        assertThat(Secrets.contains("ignored-value-6161")).isFalse();
    }
}
