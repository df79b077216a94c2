package dev.preflight.migration.ddl;

import dev.preflight.migration.ddl.Ddl.Action;
import dev.preflight.migration.ddl.Ddl.ConstraintKind;
import dev.preflight.migration.ddl.Ddl.Name;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Recognizes ALTER statements: ALTER TABLE with each of its actions, and ALTER TYPE ... ADD VALUE. */
final class AlterParser {

    private static final Set<String> ALTER_OTHER = Set.of("function", "procedure", "sequence", "schema", "view", "materialized",
            "index", "role", "user", "group", "database", "default", "policy", "extension", "domain", "publication",
            "subscription", "trigger", "aggregate", "operator", "server", "foreign", "statistics", "system", "tablespace",
            "collation", "conversion", "language", "event", "large", "routine", "rule", "text");

    private AlterParser() {
    }

    static Ddl parse(Cursor c) {
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
            return new Ddl.AddColumn(ColumnParser.parse(c), ifNotExists);
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
}
