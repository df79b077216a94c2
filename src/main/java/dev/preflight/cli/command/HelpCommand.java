package dev.preflight.cli.command;

import dev.preflight.cli.Command;
import dev.preflight.cli.Console;
import dev.preflight.cli.ExitCode;
import dev.preflight.cli.Options;
import java.util.List;
import java.util.function.Supplier;

/** Lists the commands with one line each, and the common options. */
public final class HelpCommand implements Command {

    private final Supplier<List<Command>> commands;

    public HelpCommand(Supplier<List<Command>> commands) {
        this.commands = commands;
    }

    @Override
    public String name() {
        return "help";
    }

    @Override
    public String summary() {
        return "list the commands and options";
    }

    @Override
    public ExitCode run(Options options, Console console) {
        var out = console.out();
        out.println("Usage: ./preflight <command> [options]");
        out.println();
        out.println("Commands:");
        for (Command c : commands.get()) {
            out.printf("  %-10s %s%n", c.name(), c.summary());
        }
        out.println();
        out.println("Options:");
        out.println("  --project DIR      project with migrations/, jobs/, templates/ (default: current folder)");
        out.println("  --db-url URL       database (postgresql://user:pass@host:5432/db or jdbc:postgresql://...);");
        out.println("                     default DATABASE_URL; with neither, an embedded throwaway PostgreSQL");
        out.println("  --direct-url URL   direct connection for DDL and locks (default DIRECT_DATABASE_URL)");
        out.println("  --keep             keep the embedded database running and print its URL");
        out.println("  --shadow-url URL   verify: replay on this server (default SHADOW_DATABASE_URL; with neither, an isolated cluster)");
        out.println("  --shadow-same-cluster  verify: allow the target's own cluster (cluster-global statements are skipped)");
        out.println("  --reports DIR      where reports go (default: <project>/reports)");
        out.println("  --fail-on LEVEL    not-ready (default) or warning: exit 1 on READY_WITH_WARNINGS too");
        out.println("  --dry-run          seed: validate and count inserts/updates/unchanged, write nothing");
        out.println("  --run-id ID        name of the run and its report folder (default: time stamp and command)");
        out.println("  --duration SECONDS schedule only: stop after this many seconds (default: run until SIGTERM)");
        out.println();
        out.println("Exit codes: 0 ready, 1 not ready, 2 usage, configuration or connection error.");
        return ExitCode.READY;
    }
}
