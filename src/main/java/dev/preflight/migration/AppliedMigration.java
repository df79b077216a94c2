package dev.preflight.migration;

import java.time.Instant;

/**
 * One row of a native history table, as that tool recorded it.
 *
 * @param id the key matching {@link Migration#id()}
 * @param checksum the checksum recorded when it was applied (null when the tool keeps none)
 * @param status what the row says happened
 * @param appliedOn when (null when the tool does not record it)
 * @param executionMillis how long it took (null when not recorded)
 */
public record AppliedMigration(String id, String description, String checksum, Status status, Instant appliedOn, Long executionMillis) {

    /** What a history row records. */
    public enum Status {
        SUCCESS, FAILED, ROLLED_BACK, DIRTY
    }
}
