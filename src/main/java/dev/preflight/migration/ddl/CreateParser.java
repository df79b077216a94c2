package dev.preflight.migration.ddl;

import dev.preflight.migration.ddl.Ddl.Column;
import dev.preflight.migration.ddl.Ddl.Name;
import dev.preflight.migration.ddl.Token.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Recognizes CREATE statements: indexes (with their method and options), tables, enum types. */
final class CreateParser {

    private static final Set<String> CREATE_OTHER = Set.of("function", "procedure", "trigger", "view", "materialized",
            "sequence", "schema", "extension", "policy", "role", "user", "group", "domain", "aggregate", "operator", "rule",
            "publication", "subscription", "tablespace", "database", "collation", "cast", "event", "server", "foreign",
            "statistics", "text", "conversion", "language", "transform", "access", "or", "recursive", "temp", "temporary");

    private CreateParser() {
    }

    static Ddl parse(Cursor c) {
        c.expect("create");
        c.accept("or", "replace");
        boolean unique = c.accept("unique");
        if (c.accept("index")) {
            return createIndex(c, unique);
        }
        c.accept("unlogged");
        if (!c.accept("global")) {
            c.accept("local"); // GLOBAL and LOCAL are noise words before TEMP
        }
        if (!c.accept("temporary")) {
            c.accept("temp"); // a temporary table a migration creates, uses and drops is still one it created
        }
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
            columns.add(ColumnParser.parse(new Cursor(element)));
        }
        return new Ddl.CreateTable(table, ifNotExists, columns);
    }
}
