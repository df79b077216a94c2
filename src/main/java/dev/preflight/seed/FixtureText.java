package dev.preflight.seed;

import java.util.SplittableRandom;

/**
 * Deterministic English-like text for fixture rows: the same table and row number give the same
 * sentences on every machine and every run (a seeded generator, never the clock), so re-running a
 * fixture leaves its rows unchanged. The vocabulary is product support language, so nearest-neighbour
 * searches over generated rows still see related and unrelated texts.
 */
final class FixtureText {

    private static final String[] SUBJECTS = {"The billing dashboard", "Single sign-on", "An API key", "The brand voice",
            "A campaign", "The data retention policy", "The workspace admin", "Usage-based pricing", "The research agent",
            "A webhook", "The audit log", "An invoice", "Two-factor authentication", "The voice copilot", "A dataset import",
            "The analytics export", "A team invitation", "The content calendar", "A connector", "The onboarding checklist"};
    private static final String[] VERBS = {"renews", "rotates", "syncs", "expires", "summarises", "retries", "archives",
            "schedules", "encrypts", "validates", "exports", "throttles", "indexes", "notifies", "restores", "approves"};
    private static final String[] OBJECTS = {"every invoice at the end of the month", "tokens after ninety days",
            "contacts from the CRM each night", "drafts that break the style guide", "failed deliveries three times",
            "conversation transcripts older than a year", "seats when a member leaves", "reports as CSV files",
            "requests above the plan limit", "documents for semantic search", "owners before a campaign goes live",
            "deleted projects within thirty days", "messages in the customer's language", "metrics by channel and day",
            "credentials with a customer-managed key", "replies before they reach a customer"};
    private static final String[] TAILS = {"", " unless an admin turns it off", " for every organization on the plan",
            " and records the change in the audit log", " without downtime", " when the workspace is on the Pro plan",
            " so support can trace the request", " according to the retention settings"};

    private final long salt;

    FixtureText(String table) {
        this.salt = table.hashCode() * 0x9E3779B97F4A7C15L;
    }

    String forRow(int n) {
        SplittableRandom random = new SplittableRandom(salt ^ (n * 0xBF58476D1CE4E5B9L));
        int sentences = 2 + random.nextInt(4);
        StringBuilder sb = new StringBuilder(64 * sentences);
        for (int s = 0; s < sentences; s++) {
            if (s > 0) {
                sb.append(' ');
            }
            sb.append(pick(SUBJECTS, random)).append(' ').append(pick(VERBS, random)).append(' ')
                    .append(pick(OBJECTS, random)).append(pick(TAILS, random)).append('.');
        }
        return sb.toString();
    }

    private static String pick(String[] words, SplittableRandom random) {
        return words[random.nextInt(words.length)];
    }
}
