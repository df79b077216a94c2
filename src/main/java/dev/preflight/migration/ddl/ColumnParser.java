package dev.preflight.migration.ddl;

import dev.preflight.migration.ddl.Ddl.Column;
import dev.preflight.migration.ddl.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads one column definition, shared by CREATE TABLE and ALTER TABLE ... ADD COLUMN. */
final class ColumnParser {

    private ColumnParser() {
    }

    /** A column definition: name, type up to the first constraint keyword, then NOT NULL / DEFAULT / PRIMARY KEY / REFERENCES. */
    static Column parse(Cursor c) {
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
}
