package dev.preflight.cli;

import dev.preflight.kernel.Console;
import dev.preflight.kernel.ExitCode;
import dev.preflight.kernel.OptionSpec;
import dev.preflight.kernel.Options;

/** A {@code ./preflight} subcommand. */
public interface Command {

    String name();

    /** One line for {@code ./preflight help}. */
    String summary();

    /** The options this command takes besides {@link OptionSpec#COMMON}, by name; help and the usage check read them. */
    default java.util.Set<String> flags() {
        return java.util.Set.of();
    }

    /** The given options, common ones aside, are all this command's; an unknown or inapplicable one is a usage error naming them. */
    default void checkFlags(Options options) {
        OptionSpec.check(options, name(), flags());
    }

    ExitCode run(Options options, Console console) throws Exception;
}
