package dev.preflight.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SecretsTests {

    private static final String KEY = "sk-test-Ab3+x/Y=z&q%7";

    @AfterEach
    void forget() {
        Secrets.clear();
    }

    @Test
    void scrubsEveryFormOfARegisteredSecret() {
        Secrets.register(KEY);
        String form = URLEncoder.encode(KEY, StandardCharsets.UTF_8);
        String percent = form.replace("+", "%20");
        String html = KEY.replace("&", "&amp;");
        String markdown = Markdown.escapeInline(KEY);

        String lowerHex = java.util.regex.Pattern.compile("%[0-9A-F]{2}").matcher(percent).replaceAll(m -> m.group().toLowerCase(Locale.ROOT));
        for (String leaked : new String[] {KEY, form, percent, lowerHex, html, markdown}) {
            assertThat(Secrets.scrub("Authorization: Bearer " + leaked + " (echoed)")).as(leaked)
                    .isEqualTo("Authorization: Bearer **** (echoed)");
        }
    }

    @Test
    void ignoresValuesTooShortToScrubSafely() {
        Secrets.register("x");
        Secrets.register("abc");
        assertThat(Secrets.scrub("exact text, abc and x")).isEqualTo("exact text, abc and x");
    }

    @Test
    void registersSecretNamedEnvironmentVariablesOnly() {
        Secrets.registerSecretEnvironment(Map.of("OPENAI_API_KEY", "sk-one-1234", "MY_DB_PASSWORD", "hunter2-long", "HOME", "/root/home"));
        assertThat(Secrets.scrub("sk-one-1234 hunter2-long /root/home")).isEqualTo("**** **** /root/home");
    }

    @Test
    void aScrubbingStreamScrubsLinesWrittenInPieces() {
        Secrets.register(KEY);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream out = ScrubbingOutputStream.printStream(sink);
        out.print("key=");
        out.print(KEY.substring(0, 5));
        out.println(KEY.substring(5));
        out.flush();
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("key=****" + System.lineSeparator());
    }
}
