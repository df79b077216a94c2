package dev.preflight.migration.ddl;

import dev.preflight.migration.SqlStatement;
import dev.preflight.migration.ddl.Ddl.Action;
import dev.preflight.migration.ddl.Ddl.Column;
import dev.preflight.migration.ddl.Ddl.ConstraintKind;
import dev.preflight.migration.ddl.Ddl.Name;
import dev.preflight.migration.ddl.Token.Kind;
import java.util.Locale;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recognizes the PostgreSQL DDL that migration safety depends on, including pgvector's
 * {@code USING ivfflat ... WITH (lists = n)}. A purpose-built recognizer rather than a generic SQL
 * grammar: JSqlParser 5.3, measured on this project's rule snippets, rejected 9 of 18, among them
 * {@code CREATE INDEX CONCURRENTLY}, {@code DROP INDEX CONCURRENTLY} and {@code NOT VALID}, exactly
 * the forms lint must see. What it cannot read becomes {@link Ddl.Unparsed}, never a pass.
 */
public final class DdlParser {

    private static final Set<String> CREATE_OTHER = Set.of("function", "procedure", "trigger", "view", "materialized",
            "sequence", "schema", "extension", "policy", "role", "user", "group", "domain", "aggregate", "operator", "rule",
            "publication", "subscription", "tablespace", "database", "collation", "cast", "event", "server", "foreign",
            "statistics", "text", "conversion", "language", "transform", "access", "or", "recursive", "temp", "temporary");
    private static final Set<String> ALTER_OTHER = Set.of("function", "procedure", "sequence", "schema", "view", "materialized",
            "index", "role", "user", "group", "database", "default", "policy", "extension", "domain", "publication",
            "subscription", "trigger", "aggregate", "operator", "server", "foreign", "statistics", "system", "tablespace",
            "collation", "conversion", "language", "event", "large", "routine", "rule", "text");
    private static final Set<String> PLAIN_OTHER = Set.of("comment", "grant", "revoke", "do", "select", "reset", "vacuum",
            "analyze", "analyse", "reindex", "cluster", "refresh", "lock", "notify", "listen", "discard", "security", "call",
            "begin", "commit", "end", "rollback", "start", "savepoint", "release", "abort", "with", "values", "explain",
            "prepare", "execute", "deallocate", "checkpoint", "load", "import", "declare", "fetch", "close", "move", "show");
    private static final Set<String> DATA = Set.of("insert", "update", "delete", "copy", "merge", "truncate");

    private DdlParser() {
    }

    public static Ddl parse(SqlStatement statement) {
        return parse(statement.sql(), statement.line());
    }

    public static Ddl parse(String sql, int line) {
        List<Token> tokens = Lexer.tokens(sql, line);
        if (tokens.isEmpty()) {
            return new Ddl.Other("empty");
        }
        Cursor c = new Cursor(tokens);
        String first = c.peek().kind() == Kind.WORD ? c.peek().value() : c.peek().text();
        try {
            return switch (first) {
                case "create" -> create(c);
                case "alter" -> alter(c);
                case "drop" -> drop(c);
                case "set" -> setting(c);
                default -> {
                    if (DATA.contains(first)) {
                        yield dataChange(c, first);
                    }
                    if (PLAIN_OTHER.contains(first)) {
                        yield new Ddl.Other(first);
                    }
                    yield new Ddl.Unparsed(first, "statement starts with '" + c.peek().text() + "', which lint does not know");
                }
            };
        } catch (ParseException e) {
            return new Ddl.Unparsed(first, e.getMessage());
        }
    }

    private static Ddl create(Cursor c) {
        c.expect("create");
        c.accept("or", "replace");
        boolean unique = c.accept("unique");
        if (c.accept("index")) {
            return createIndex(c, unique);
        }
        c.accept("unlogged");
        if (c.peekIs("table")) {
            return createTable(c);
        }
        if (c.accept("type")) {
            Name type = c.name();
            if (c.accept("as", "enum")) {
                List<String> labels = new ArrayList<>();
                for (List<Token> part : c.parenthesizedList()) {
                    labels.add(part.isEmpty() ? "" : part.get(0).value());
                }
                return new Ddl.CreateEnum(type, labels);
            }
            return new Ddl.Other("create type");
        }
        String kind = c.peek().value();
        if (CREATE_OTHER.contains(kind)) {
            return new Ddl.Other("create " + kind);
        }
        throw new ParseException("CREATE " + c.peek().text() + " is not a statement lint knows");
    }

    private static Ddl createIndex(Cursor c, boolean unique) {
        boolean concurrently = c.accept("concurrently");
        boolean ifNotExists = c.accept("if", "not", "exists");
        String name = null;
        if (!c.peekIs("on")) {
            name = c.identifier();
        }
        c.expect("on");
        c.accept("only");
        Name table = c.name();
        String method = "btree";
        if (c.accept("using")) {
            method = c.identifier().toLowerCase(Locale.ROOT);
        }
        List<String> keys = new ArrayList<>();
        for (List<Token> key : c.parenthesizedList()) {
            keys.add(Cursor.render(key));
        }
        if (c.accept("include")) {
            c.parenthesizedList();
        }
        c.accept("nulls", "not", "distinct");
        c.accept("nulls", "distinct");
        Map<String, String> options = new LinkedHashMap<>();
        if (c.accept("with")) {
            for (List<Token> option : c.parenthesizedList()) {
                if (!option.isEmpty()) {
                    String value = option.size() >= 3 ? Cursor.render(option.subList(2, option.size())) : "";
                    options.put(option.get(0).value(), value);
                }
            }
        }
        if (c.accept("tablespace")) {
            c.identifier();
        }
        String where = c.accept("where") ? Cursor.render(c.rest()) : null;
        return new Ddl.CreateIndex(name, table, unique, concurrently, ifNotExists, method, keys, options, where);
    }

    private static Ddl createTable(Cursor c) {
        c.expect("table");
        boolean ifNotExists = c.accept("if", "not", "exists");
        Name table = c.name();
        List<Column> columns = new ArrayList<>();
        if (!c.peekIsSymbol("(")) {
            return new Ddl.CreateTable(table, ifNotExists, columns); // CREATE TABLE ... AS / OF / PARTITION OF
        }
        for (List<Token> element : c.parenthesizedList()) {
            if (element.isEmpty()) {
                continue;
            }
            String head = element.get(0).value();
            if (element.get(0).kind() == Kind.WORD && Set.of("constraint", "primary", "unique", "foreign", "check", "exclude", "like").contains(head)) {
                continue;
            }
            columns.add(column(new Cursor(element)));
        }
        return new Ddl.CreateTable(table, ifNotExists, columns);
    }

    /** A column definition: name, type up to the first constraint keyword, then NOT NULL / DEFAULT / PRIMARY KEY / REFERENCES. */
    private static Column column(Cursor c) {
        String name = c.identifier();
        List<Token> type = new ArrayList<>();
        Set<String> stops = Set.of("not", "null", "default", "primary", "unique", "references", "check", "constraint",
                "generated", "collate", "using");
        while (!c.atEnd() && !(c.peek().kind() == Kind.WORD && stops.contains(c.peek().value()))) {
            type.addAll(c.term());
        }
        boolean notNull = false;
        boolean primaryKey = false;
        String defaultExpression = null;
        String references = null;
        while (!c.atEnd()) {
            if (c.accept("not", "null")) {
                notNull = true;
            } else if (c.accept("default")) {
                List<Token> expr = new ArrayList<>();
                while (!c.atEnd() && !(c.peek().kind() == Kind.WORD && stops.contains(c.peek().value()) && !c.peek().value().equals("null"))) {
                    expr.addAll(c.term());
                }
                defaultExpression = Cursor.render(expr);
            } else if (c.accept("primary", "key")) {
                primaryKey = true;
                notNull = true;
            } else if (c.accept("references")) {
                references = c.name().toString();
            } else {
                c.term();
            }
        }
        return new Column(name, Cursor.render(type), notNull, defaultExpression, primaryKey, references);
    }

    private static Ddl alter(Cursor c) {
        c.expect("alter");
        if (c.accept("type")) {
            Name type = c.name();
            if (c.accept("add", "value")) {
                c.accept("if", "not", "exists");
                return new Ddl.AddEnumValue(type, c.next().value());
            }
            return new Ddl.Other("alter type");
        }
        if (!c.accept("table")) {
            String kind = c.peek().value();
            if (ALTER_OTHER.contains(kind)) {
                return new Ddl.Other("alter " + kind);
            }
            throw new ParseException("ALTER " + c.peek().text() + " is not a statement lint knows");
        }
        c.accept("if", "exists");
        c.accept("only");
        Name table = c.name();
        c.acceptSymbol("*");
        if (c.accept("rename", "to")) {
            return new Ddl.RenameTable(table, c.identifier());
        }
        List<Action> actions = new ArrayList<>();
        for (List<Token> part : c.commaSeparatedRest()) {
            actions.add(action(new Cursor(part)));
        }
        return new Ddl.AlterTable(table, actions);
    }

    private static Action action(Cursor c) {
        if (c.accept("add")) {
            if (c.peekIs("constraint") || c.peekIs("primary") || c.peekIs("unique") || c.peekIs("foreign")
                    || c.peekIs("check") || c.peekIs("exclude")) {
                return addConstraint(c);
            }
            c.accept("column");
            boolean ifNotExists = c.accept("if", "not", "exists");
            return new Ddl.AddColumn(column(c), ifNotExists);
        }
        if (c.accept("drop")) {
            if (c.accept("constraint")) {
                c.accept("if", "exists");
                return new Ddl.DropConstraint(c.identifier());
            }
            c.accept("column");
            c.accept("if", "exists");
            return new Ddl.DropColumn(c.identifier());
        }
        if (c.accept("alter")) {
            c.accept("column");
            String column = c.identifier();
            if (c.accept("set", "data", "type") || c.accept("type")) {
                List<Token> type = new ArrayList<>();
                while (!c.atEnd() && !c.peekIs("using") && !c.peekIs("collate")) {
                    type.addAll(c.term());
                }
                if (c.accept("collate")) {
                    c.identifier();
                }
                String using = c.accept("using") ? Cursor.render(c.rest()) : null;
                return new Ddl.AlterColumnType(column, Cursor.render(type), using);
            }
            if (c.accept("set", "not", "null")) {
                return new Ddl.SetNotNull(column);
            }
            if (c.accept("drop", "not", "null")) {
                return new Ddl.DropNotNull(column);
            }
            if (c.accept("set", "default")) {
                return new Ddl.SetDefault(column, Cursor.render(c.rest()));
            }
            return new Ddl.OtherAction("alter column " + Cursor.render(c.rest()));
        }
        if (c.accept("rename")) {
            if (c.accept("constraint")) {
                return new Ddl.OtherAction("rename constraint");
            }
            c.accept("column");
            String from = c.identifier();
            c.expect("to");
            return new Ddl.RenameColumn(from, c.identifier());
        }
        if (c.accept("validate", "constraint")) {
            return new Ddl.ValidateConstraint(c.identifier());
        }
        return new Ddl.OtherAction(Cursor.render(c.rest()));
    }

    private static Action addConstraint(Cursor c) {
        String name = c.accept("constraint") ? c.identifier() : null;
        ConstraintKind kind;
        if (c.accept("primary", "key")) {
            kind = ConstraintKind.PRIMARY_KEY;
        } else if (c.accept("unique")) {
            kind = ConstraintKind.UNIQUE;
        } else if (c.accept("foreign", "key")) {
            kind = ConstraintKind.FOREIGN_KEY;
        } else if (c.accept("check")) {
            kind = ConstraintKind.CHECK;
        } else if (c.accept("exclude")) {
            kind = ConstraintKind.EXCLUDE;
        } else {
            throw new ParseException("ADD CONSTRAINT " + (c.atEnd() ? "" : c.peek().text()) + " is not a constraint lint knows");
        }
        boolean usingIndex = false;
        boolean notValid = false;
        while (!c.atEnd()) {
            if (c.accept("using", "index")) {
                usingIndex = true;
            } else if (c.accept("not", "valid")) {
                notValid = true;
            } else {
                c.term();
            }
        }
        return new Ddl.AddConstraint(name, kind, notValid, usingIndex);
    }

    private static Ddl drop(Cursor c) {
        c.expect("drop");
        if (c.accept("index")) {
            boolean concurrently = c.accept("concurrently");
            boolean ifExists = c.accept("if", "exists");
            return new Ddl.DropIndex(names(c), concurrently, ifExists);
        }
        if (c.accept("table")) {
            c.accept("if", "exists");
            return new Ddl.DropTable(names(c));
        }
        return new Ddl.Other("drop " + c.peek().value());
    }

    private static List<Name> names(Cursor c) {
        List<Name> out = new ArrayList<>();
        out.add(c.name());
        while (c.acceptSymbol(",")) {
            out.add(c.name());
        }
        return out;
    }

    private static Ddl setting(Cursor c) {
        c.expect("set");
        boolean local = c.accept("local");
        c.accept("session");
        if (c.atEnd() || !c.peek().isIdentifier()) {
            return new Ddl.Other("set");
        }
        StringBuilder name = new StringBuilder(c.identifier());
        while (c.acceptSymbol(".")) {
            name.append('.').append(c.identifier());
        }
        if (!c.acceptSymbol("=")) {
            c.accept("to");
        }
        List<Token> value = c.rest();
        return new Ddl.Setting(name.toString().toLowerCase(Locale.ROOT), value.isEmpty() ? "" : value.get(0).value(), local);
    }

    private static Ddl dataChange(Cursor c, String verb) {
        c.next();
        switch (verb) {
            case "insert", "merge" -> c.accept("into");
            case "delete" -> c.accept("from");
            case "truncate" -> c.accept("table");
            default -> { }
        }
        c.accept("only");
        if (verb.equals("copy") && c.peekIsSymbol("(")) {
            return new Ddl.Other("copy (query)");
        }
        if (verb.equals("update") || verb.equals("insert") || verb.equals("delete") || verb.equals("merge")) {
            if (c.peekIs("with")) {
                return new Ddl.Other(verb);
            }
        }
        return new Ddl.DataChange(verb, c.name());
    }

    /** A recognition failure: becomes {@link Ddl.Unparsed} with this message. */
    static final class ParseException extends RuntimeException {
        ParseException(String message) {
            super(message);
        }
    }
}
