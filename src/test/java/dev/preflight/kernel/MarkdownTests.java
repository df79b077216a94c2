package dev.preflight.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownTests {

    @Test
    void inlineTextStaysOneLineAndOneCellWithHtmlAndMarkdownInert() {
        String hostile = "Acme | Evil\n# heading <img src=x onerror=alert(1)> [click](http://evil) **bold** `tick`";
        String escaped = Markdown.escapeInline(hostile);
        assertThat(escaped).doesNotContain("\n").doesNotContain(" | ").contains("\\|")
                .contains("\\<img").contains("\\[click\\]").contains("\\*\\*bold\\*\\*").contains("\\`tick\\`");
    }

    @Test
    void snakeCaseNamesAreLeftReadable() {
        assertThat(Markdown.escapeInline("chunks_embedding_idx _emph_")).isEqualTo("chunks_embedding_idx \\_emph\\_");
    }

    @Test
    void codeSpansFenceBackticksAndEscapePipes() {
        assertThat(Markdown.codeSpan("plain")).isEqualTo("`plain`");
        assertThat(Markdown.codeSpan("a`b")).isEqualTo("``a`b``");
        assertThat(Markdown.codeSpan("`x`")).isEqualTo("`` `x` ``");
        assertThat(Markdown.codeSpan("a|b\nc")).isEqualTo("`a\\|b c`");
    }
}
