package dev.preflight.cli;

/** A {@code ./preflight} subcommand. */
public interface Command {

    String name();

    /** One line for {@code ./preflight help}. */
    String summary();

    ExitCode run(Options options, Console console) throws Exception;
}
