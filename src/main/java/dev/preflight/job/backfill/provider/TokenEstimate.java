package dev.preflight.job.backfill.provider;

/**
 * A tokenizer-free token count: one token per four characters, rounded up (OpenAI's rule of thumb
 * for English), used for the per-input limit, request packing and the tokens-per-minute budget.
 */
public final class TokenEstimate {

    private TokenEstimate() {
    }

    public static int of(String text) {
        return text == null ? 0 : Math.max(1, (text.length() + 3) / 4);
    }
}
