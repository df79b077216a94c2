package dev.preflight.migration.ddl;

import java.util.List;
import java.util.Map;

/**
 * What a migration statement does, as far as migration safety cares: the DDL forms lint rules
 * look at, recognized statements with nothing to analyse ({@link Other}), and statements the
 * recognizer could not read ({@link Unparsed}), which are reported, never silently passed.
 */
public sealed interface Ddl {

    /** A schema-qualified name; {@code schema} is null when the statement does not qualify it. */
    record Name(String schema, String name) {
        @Override
        public String toString() {
            return schema == null ? name : schema + "." + name;
        }
    }

    /** A column as declared in CREATE TABLE or ADD COLUMN. */
    record Column(String name, String type, boolean notNull, String defaultExpression, boolean primaryKey, String references) {
    }

    record CreateTable(Name table, boolean ifNotExists, List<Column> columns) implements Ddl {
    }

    record CreateIndex(String name, Name table, boolean unique, boolean concurrently, boolean ifNotExists, String method,
                       List<String> keys, Map<String, String> options, String where) implements Ddl {
    }

    record DropIndex(List<Name> indexes, boolean concurrently, boolean ifExists) implements Ddl {
    }

    record DropTable(List<Name> tables) implements Ddl {
    }

    record AlterTable(Name table, List<Action> actions) implements Ddl {
    }

    record RenameTable(Name table, String newName) implements Ddl {
    }

    record CreateEnum(Name type, List<String> labels) implements Ddl {
    }

    record AddEnumValue(Name type, String label) implements Ddl {
    }

    /** {@code SET [LOCAL] name = value}. */
    record Setting(String name, String value, boolean local) implements Ddl {
    }

    /** INSERT, UPDATE, DELETE, COPY, MERGE or TRUNCATE of a table: rows change. */
    record DataChange(String verb, Name table) implements Ddl {
    }

    /** A statement recognized by its leading keywords that no rule looks into ({@code CREATE FUNCTION}, {@code GRANT}, ...). */
    record Other(String kind) implements Ddl {
    }

    /** A statement the recognizer could not read; lint reports it rather than pass it. */
    record Unparsed(String kind, String reason) implements Ddl {
    }

    /** One action of ALTER TABLE. */
    sealed interface Action {
    }

    record AddColumn(Column column, boolean ifNotExists) implements Action {
    }

    record DropColumn(String column) implements Action {
    }

    record AlterColumnType(String column, String type, String using) implements Action {
    }

    record SetNotNull(String column) implements Action {
    }

    record DropNotNull(String column) implements Action {
    }

    record SetDefault(String column, String expression) implements Action {
    }

    record RenameColumn(String from, String to) implements Action {
    }

    /** The kinds of table constraint. */
    enum ConstraintKind { PRIMARY_KEY, UNIQUE, FOREIGN_KEY, CHECK, EXCLUDE }

    record AddConstraint(String name, ConstraintKind kind, boolean notValid, boolean usingIndex) implements Action {
    }

    record DropConstraint(String name) implements Action {
    }

    record ValidateConstraint(String name) implements Action {
    }

    /** Any other action (ENABLE ROW LEVEL SECURITY, OWNER TO, SET (...), ...), by its leading words. */
    record OtherAction(String text) implements Action {
    }
}
