package dev.preflight.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FlywayPlaceholdersTests {

    private final FlywayPlaceholders placeholders = new FlywayPlaceholders(Map.of("embedding_dimension", "384"), "public",
            "flyway_schema_history", "app", "appdb");

    @Test
    void replacesProjectAndBuiltInPlaceholdersKeepingLines() {
        String sql = "-- ${flyway:filename}\nCREATE TABLE ${flyway:defaultSchema}.c (e vector(${embedding_dimension}));\nGRANT ALL ON c TO ${flyway:user};\n";

        assertThat(placeholders.replace(sql, "V6__c.sql"))
                .isEqualTo("-- V6__c.sql\nCREATE TABLE public.c (e vector(384));\nGRANT ALL ON c TO app;\n");
    }

    @Test
    void aMissingValueNamesFileLineAndSetting() {
        assertThatThrownBy(() -> placeholders.replace("SELECT 1;\n\nSELECT '${tenant}';", "V7__t.sql"))
                .hasMessage("migration V7__t.sql failed at line 3: no value for placeholder ${tenant}. "
                        + "Repair: set migrations.placeholders.tenant in jobs/preflight.yaml");
    }
}
