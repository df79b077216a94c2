package dev.preflight.job.backfill.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeterministicProviderTests {

    @Test
    void sameTextSameUnitVectorAndItSaysItIsNotSemantic() {
        DeterministicProvider p = new DeterministicProvider(384);
        List<float[]> v = p.embed(List.of("hello", "hello", "world"));

        assertThat(v.get(0)).hasSize(384).containsExactly(v.get(1));
        assertThat(v.get(0)).isNotEqualTo(v.get(2));
        double norm = 0;
        for (float f : v.get(2)) {
            norm += f * f;
        }
        assertThat(norm).isCloseTo(1.0, within(1e-5));
        assertThat(p.semantic()).isFalse();
    }
}
