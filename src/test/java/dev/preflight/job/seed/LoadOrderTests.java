package dev.preflight.job.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.seed.SeedInputException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoadOrderTests {

    @Test
    void parentsComeFirstLevelByLevelAndByName() {
        Map<String, Set<String>> fks = Map.of(
                "messages", Set.of("conversations", "users"),
                "conversations", Set.of("organizations", "agents", "users"),
                "agents", Set.of("organizations", "brands", "users"),
                "brands", Set.of("organizations"),
                "users", Set.of(),
                "audit_logs", Set.of("organizations")); // not seeded: ignored

        List<String> order = LoadOrder.of(List.of("messages", "users", "agents", "organizations", "conversations", "brands"), fks);

        assertThat(order).containsExactly("organizations", "users", "brands", "agents", "conversations", "messages");
    }

    @Test
    void aSelfReferenceDoesNotBlockTheOrder() {
        assertThat(LoadOrder.of(List.of("categories"), Map.of("categories", Set.of("categories")))).containsExactly("categories");
    }

    @Test
    void aCycleIsAnErrorNamingItsTables() {
        Map<String, Set<String>> fks = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"), "e", Set.of());

        assertThatThrownBy(() -> LoadOrder.of(List.of("a", "b", "c", "d", "e"), fks))
                .isInstanceOf(SeedInputException.class)
                .hasMessageContaining("form a cycle: a -> b -> c -> a")
                .satisfies(e -> assertThat(((SeedInputException) e).remedy()).contains("DEFERRABLE"));
    }
}
