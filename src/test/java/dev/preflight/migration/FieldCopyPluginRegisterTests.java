package dev.preflight.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.ClassicConfiguration;
import org.flywaydb.core.api.migration.baseline.BaselineMigrationConfigurationExtension;
import org.flywaydb.core.extensibility.ConfigurationExtension;
import org.flywaydb.core.extensibility.Plugin;
import org.flywaydb.core.internal.plugin.PluginRegister;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
import org.junit.jupiter.api.Test;

/**
 * The field-by-field copy of Flyway's plugin register gives what Flyway's own JSON copy gives: the same plugins in the
 * same order, new configuration extensions with the same settings (nested ones too), the same other plugins; and a
 * Flyway made from a configuration that holds it keeps the settings Preflight makes.
 *
 * <p>Kills: a copy that shares an extension with its original (a setting made on one Flyway then changes the next), one
 * that loses a setting (PostgreSQL's session-level lock, which concurrent index builds need), one that drops or
 * reorders plugins.
 */
class FieldCopyPluginRegisterTests {

    @Test
    void copiesWhatFlywaysOwnCopyCopies() {
        FieldCopyPluginRegister original = new FieldCopyPluginRegister();
        original.getExact(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        original.getExact(BaselineMigrationConfigurationExtension.class).setBaselineMigrationPrefix("BASE");

        PluginRegister ours = original.getCopy();
        List<Plugin> sources = original.getInstancesOf(Plugin.class);
        // what Flyway's PluginRegister.getCopy makes of each plugin
        List<Plugin> theirs = sources.stream().map(Plugin::copy).toList();

        List<Plugin> mine = ours.getInstancesOf(Plugin.class);
        assertThat(mine).extracting(p -> p.getClass().getName())
                .containsExactlyElementsOf(theirs.stream().map(p -> p.getClass().getName()).toList());
        assertThat(mine).filteredOn(p -> p instanceof ConfigurationExtension).hasSizeGreaterThan(3);
        for (int i = 0; i < mine.size(); i++) {
            Plugin p = mine.get(i);
            Plugin source = sources.get(i);
            if (theirs.get(i) != source) {
                assertThat(p).as(p.getClass().getName() + ": a new object, equal to Flyway's copy").isNotSameAs(source)
                        .usingRecursiveComparison().isEqualTo(theirs.get(i));
            } else {
                assertThat(p).as(p.getClass().getName() + ": the same object, as Flyway's copy keeps it").isSameAs(source);
            }
        }

        PostgreSQLConfigurationExtension copied = ours.getExact(PostgreSQLConfigurationExtension.class);
        assertThat(copied.isTransactionalLock()).isFalse();
        assertThat(ours.getExact(BaselineMigrationConfigurationExtension.class).getBaselineMigrationPrefix()).isEqualTo("BASE");
        // nested: the copy's transactional model is its own
        copied.setTransactionalLock(true);
        assertThat(original.getExact(PostgreSQLConfigurationExtension.class).isTransactionalLock()).isFalse();
        assertThat(ours).as("a copy copies the same way").isInstanceOf(FieldCopyPluginRegister.class);
    }

    @Test
    void aFlywayMadeFromItKeepsTheSessionLevelLock() {
        ClassicConfiguration configuration = new ClassicConfiguration();
        configuration.setPluginRegister(new FieldCopyPluginRegister());
        configuration.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);

        Flyway flyway = new Flyway(configuration);

        PostgreSQLConfigurationExtension used = flyway.getConfiguration().getPluginRegister().getExact(PostgreSQLConfigurationExtension.class);
        assertThat(used.isTransactionalLock()).isFalse();
        assertThat(used).isNotSameAs(configuration.getConfigurationExtension(PostgreSQLConfigurationExtension.class));
    }
}
