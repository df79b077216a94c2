package dev.preflight.job.backfill.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.config.EmbeddingsConfig.OpenAiSettings;
import dev.preflight.testing.MockOpenAiServer;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OpenAiProviderTests {

    private static OpenAiSettings settings(String url, Integer dims, int maxInputs, int maxTokensPerRequest, int retries) {
        return new OpenAiSettings(url, "mock-embed", dims, "K", 60_000, 100_000_000, maxInputs, maxTokensPerRequest, 8191, retries, 4);
    }

    @Test
    void packsTextsIntoRequestsWithinTheInputAndTokenLimits() throws Exception {
        try (MockOpenAiServer mock = new MockOpenAiServer(8)) {
            // given 60 texts of 10 estimated tokens, at most 25 inputs and 100 tokens per request
            List<String> texts = IntStream.range(0, 60).mapToObj(i -> "row-" + i + ": " + "x".repeat(32)).toList();
            OpenAiProvider p = new OpenAiProvider(settings(mock.baseUrl(), 8, 25, 100, 0), "mock-embed", "k");

            // when
            List<float[]> vectors = p.embed(texts);

            // then every text has its own vector, in order, in requests of 10 texts (10 tokens each, <= 100 tokens)
            assertThat(vectors).hasSize(60);
            assertThat(vectors.get(59)).containsExactly(new DeterministicProvider(8).embed(List.of(texts.get(59))).get(0));
            assertThat(mock.acceptedRequests()).isEqualTo(6);
        }
    }

    @Test
    void unknownModelDimensionIsProbedOnce() throws Exception {
        try (MockOpenAiServer mock = new MockOpenAiServer(12)) {
            OpenAiProvider p = new OpenAiProvider(settings(mock.baseUrl(), null, 25, 1000, 0), "mock-embed", null);
            assertThat(p.dimensions()).isEqualTo(12);
            assertThat(p.dimensions()).isEqualTo(12);
            assertThat(mock.acceptedRequests()).isEqualTo(1);
        }
    }

    @Test
    void unusableAnswersAreRejected() {
        assertThatThrownBy(() -> OpenAiProvider.parse("{\"data\":[", 1, 2)).isInstanceOf(ProviderException.Rejected.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> OpenAiProvider.parse("{\"data\":[]}", 1, 2)).hasMessageContaining("expected 1 embeddings in 'data', got 0");
        assertThatThrownBy(() -> OpenAiProvider.parse("{\"data\":[{\"index\":0,\"embedding\":[1,2,3]}]}", 1, 2))
                .hasMessageContaining("expected 2, got 3");
        assertThatThrownBy(() -> OpenAiProvider.parse("{\"data\":[{\"index\":0,\"embedding\":[1,\"a\"]}]}", 1, 2))
                .hasMessageContaining("non-numeric");
        assertThatThrownBy(() -> OpenAiProvider.parse("{\"data\":[{\"index\":0,\"embedding\":[1,2]},{\"index\":0,\"embedding\":[1,2]}]}", 2, 2))
                .hasMessageContaining("bad 'index'");
        assertThat(OpenAiProvider.parse("{\"data\":[{\"index\":1,\"embedding\":[3,4]},{\"index\":0,\"embedding\":[1,2]}]}", 2, 2))
                .satisfiesExactly(v -> assertThat(v).containsExactly(1f, 2f), v -> assertThat(v).containsExactly(3f, 4f));
    }

    @Test
    void persistent429sFailAfterTheRetriesAsUnavailable() throws Exception {
        try (MockOpenAiServer mock = new MockOpenAiServer(8).every429(1, 0)) {
            OpenAiProvider p = new OpenAiProvider(settings(mock.baseUrl(), 8, 25, 1000, 2), "mock-embed", "k");
            assertThatThrownBy(() -> p.embed(List.of("row-1: a"))).isInstanceOf(ProviderException.Unavailable.class)
                    .hasMessageContaining("still failing after 3 attempts (last: HTTP 429)");
            assertThat(mock.rejected429()).isEqualTo(3);
        }
    }
}
