package dev.preflight.job.backfill.provider;

import dev.preflight.kernel.Secrets;

/** A provider call that did not give usable vectors; the two kinds are handled differently. */
public abstract sealed class ProviderException extends RuntimeException {

    ProviderException(String message, Throwable cause) {
        // Scrubbed here, before the message can reach a log, the job repository's exit message or a report:
        // an endpoint may echo the Authorization header in its error body.
        super(Secrets.scrub(message), cause);
    }

    /**
     * The provider answered, but with something that cannot be written (malformed JSON, the wrong
     * number of vectors, the wrong dimension): the chunk fails and nothing of it is written.
     */
    public static final class Rejected extends ProviderException {
        public Rejected(String message) {
            super(message, null);
        }
    }

    /** The provider could not be reached, or kept failing after every retry: the step fails and can be restarted. */
    public static final class Unavailable extends ProviderException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
