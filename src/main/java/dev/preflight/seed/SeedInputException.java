package dev.preflight.seed;

import java.util.List;

/**
 * Seed files that cannot be loaded as written: each error names the file and the line or record.
 * Raised before anything is written (or with the transaction rolled back), so no row changed.
 */
public final class SeedInputException extends RuntimeException {

    private final List<String> errors;
    private final String remedy;

    public SeedInputException(List<String> errors, String remedy) {
        super(errors.get(0) + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more error(s), listed in the log and the report)" : ""));
        this.errors = List.copyOf(errors);
        this.remedy = remedy;
    }

    public SeedInputException(String error, String remedy) {
        this(List.of(error), remedy);
    }

    public List<String> errors() {
        return errors;
    }

    public String remedy() {
        return remedy;
    }
}
