package dev.preflight.db.schema;

import dev.preflight.db.schema.SchemaModel.Column;
import dev.preflight.db.schema.SchemaModel.Constraint;
import dev.preflight.db.schema.SchemaModel.EnumType;
import dev.preflight.db.schema.SchemaModel.Index;
import dev.preflight.db.schema.SchemaModel.Sequence;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The SQL statements that undo one schema difference, built from the migrations' version of the object. */
final class RepairSql {

    private RepairSql() {
    }

    /** Quotes a possibly schema-qualified name part by part. */
    static String q(String name) {
        return java.util.Arrays.stream(name.split("\\.")).map(p -> "\"" + p.replace("\"", "\"\"") + "\"")
                .collect(Collectors.joining("."));
    }

    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    static String createTable(String table, List<Column> columns, List<Constraint> constraints, List<Index> indexes) {
        List<String> lines = new ArrayList<>();
        lines.add("CREATE TABLE " + q(table) + " (\n    " + columns.stream().map(RepairSql::columnDefinition)
                .collect(Collectors.joining(",\n    ")) + "\n);");
        constraints.stream().filter(c -> !c.type().equals("f")).forEach(c -> lines.add(addConstraint(c)));
        indexes.forEach(i -> lines.add(i.definition() + ";"));
        constraints.stream().filter(c -> c.type().equals("f")).forEach(c -> lines.add(addConstraint(c)));
        return String.join("\n", lines);
    }

    private static String columnDefinition(Column c) {
        return q(c.name()) + " " + c.type() + (c.defaultExpression() == null ? "" : " DEFAULT " + c.defaultExpression())
                + (c.notNull() ? " NOT NULL" : "");
    }

    static String addColumn(Column c) {
        return "ALTER TABLE " + q(c.table()) + " ADD COLUMN " + columnDefinition(c) + ";";
    }

    static String dropColumn(Column c) {
        return "ALTER TABLE " + q(c.table()) + " DROP COLUMN IF EXISTS " + q(c.name()) + ";";
    }

    static String alterType(Column c) {
        return "ALTER TABLE " + q(c.table()) + " ALTER COLUMN " + q(c.name()) + " TYPE " + c.type()
                + " USING " + q(c.name()) + "::" + c.type() + ";";
    }

    static String alterNullability(Column c) {
        return "ALTER TABLE " + q(c.table()) + " ALTER COLUMN " + q(c.name()) + (c.notNull() ? " SET NOT NULL;" : " DROP NOT NULL;");
    }

    static String alterDefault(Column c) {
        return "ALTER TABLE " + q(c.table()) + " ALTER COLUMN " + q(c.name())
                + (c.defaultExpression() == null ? " DROP DEFAULT;" : " SET DEFAULT " + c.defaultExpression() + ";");
    }

    static String addConstraint(Constraint c) {
        return "ALTER TABLE " + q(c.table()) + " ADD CONSTRAINT " + q(c.name()) + " " + c.definition() + ";";
    }

    static String dropConstraint(Constraint c) {
        return "ALTER TABLE " + q(c.table()) + " DROP CONSTRAINT IF EXISTS " + q(c.name()) + ";";
    }

    static String dropIndex(Index i) {
        String schema = i.table().contains(".") ? i.table().substring(0, i.table().indexOf('.') + 1) : "";
        return "DROP INDEX IF EXISTS " + q(schema + i.name()) + ";";
    }

    static String createEnum(EnumType e) {
        return "CREATE TYPE " + q(e.name()) + " AS ENUM (" + e.labels().stream().map(RepairSql::literal)
                .collect(Collectors.joining(", ")) + ");";
    }

    /** Adds missing labels in place when only labels are missing; otherwise recreates the type and re-types its columns. */
    static String repairEnum(EnumType expected, EnumType actual, List<Column> users) {
        if (expected.labels().containsAll(actual.labels()) && expected.labels().stream().filter(actual.labels()::contains).toList()
                .equals(actual.labels())) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < expected.labels().size(); i++) {
                String label = expected.labels().get(i);
                if (!actual.labels().contains(label)) {
                    out.add("ALTER TYPE " + q(expected.name()) + " ADD VALUE " + literal(label)
                            + (i == 0 ? (expected.labels().size() > 1 ? " BEFORE " + literal(expected.labels().get(1)) : "")
                            : " AFTER " + literal(expected.labels().get(i - 1))) + ";");
                }
            }
            return String.join("\n", out);
        }
        // PostgreSQL cannot drop or reorder enum labels: build the type anew and move the columns over.
        String old = expected.name() + "__drifted";
        List<String> out = new ArrayList<>(List.of("-- fails if rows still use a label the migrations do not have",
                "ALTER TYPE " + q(expected.name()) + " RENAME TO " + q(old.contains(".") ? old.substring(old.indexOf('.') + 1) : old) + ";",
                createEnum(expected)));
        for (Column c : users) {
            String col = "ALTER TABLE " + q(c.table()) + " ALTER COLUMN " + q(c.name());
            if (c.defaultExpression() != null) {
                out.add(col + " DROP DEFAULT;");
            }
            out.add(col + " TYPE " + q(expected.name()) + " USING " + q(c.name()) + "::text::" + q(expected.name()) + ";");
            if (c.defaultExpression() != null) {
                out.add(col + " SET DEFAULT " + c.defaultExpression() + ";");
            }
        }
        out.add("DROP TYPE " + q(old) + ";");
        return String.join("\n", out);
    }

    static String sequence(Sequence s, boolean create) {
        return (create ? "CREATE SEQUENCE " : "ALTER SEQUENCE ") + q(s.name()) + " AS " + s.dataType()
                + (create ? " START WITH " + s.start() : "") + " INCREMENT BY " + s.increment() + " MINVALUE " + s.min()
                + " MAXVALUE " + s.max() + (s.cycle() ? " CYCLE;" : " NO CYCLE;");
    }
}
