package dev.preflight.migration.ddl;

/** A recognition failure: becomes {@link Ddl.Unparsed} with this message. */
final class ParseException extends RuntimeException {

    ParseException(String message) {
        super(message);
    }
}
