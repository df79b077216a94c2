package dev.preflight.check.lint;

import dev.preflight.migration.ddl.Ddl;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The schema as the migration history has built it so far, tracked statically statement by
 * statement: which tables exist, which migration created each, whether rows were written to it,
 * and its columns' types. Lint rules ask it "does this table already exist, with data?".
 */
public final class SchemaState {

    /** One table: the migration that created it, whether any statement wrote rows since, its columns. */
    public static final class Table {
        final String createdBy;
        boolean hasData;
        final Map<String, String> columns = new LinkedHashMap<>();

        Table(String createdBy) {
            this.createdBy = createdBy;
        }

        public String createdBy() {
            return createdBy;
        }

        public boolean hasData() {
            return hasData;
        }

        public Map<String, String> columns() {
            return columns;
        }
    }

    private final Map<String, Table> tables = new HashMap<>();
    private final Map<String, String> indexTables = new HashMap<>();

    /** The table, or null when the history has not created it (it may exist in a live database all the same). */
    public Table table(Ddl.Name name) {
        return tables.get(key(name.name()));
    }

    /** True when {@code name} was created before {@code migrationId} (or predates the history): it may hold rows. */
    public boolean existsBefore(Ddl.Name name, String migrationId) {
        Table t = table(name);
        return t == null || !t.createdBy.equals(migrationId);
    }

    /** The table an index is on, when the history created it. */
    public String tableOfIndex(Ddl.Name index) {
        return indexTables.get(key(index.name()));
    }

    public Map<String, Table> tables() {
        return tables;
    }

    /** Applies the effect of one statement of migration {@code migrationId}. */
    public void apply(Ddl ddl, String migrationId) {
        if (ddl instanceof Ddl.CreateTable t) {
            Table table = tables.computeIfAbsent(key(t.table().name()), k -> new Table(migrationId));
            t.columns().forEach(c -> table.columns.putIfAbsent(key(c.name()), c.type()));
        } else if (ddl instanceof Ddl.DropTable d) {
            d.tables().forEach(n -> tables.remove(key(n.name())));
        } else if (ddl instanceof Ddl.RenameTable r) {
            Table table = tables.remove(key(r.table().name()));
            if (table != null) {
                tables.put(key(r.newName()), table);
            }
        } else if (ddl instanceof Ddl.CreateIndex i && i.name() != null) {
            indexTables.put(key(i.name()), key(i.table().name()));
        } else if (ddl instanceof Ddl.DataChange d && table(d.table()) != null) {
            // TRUNCATE and DELETE leave the table as good as empty for an index built next.
            table(d.table()).hasData = !d.verb().equals("delete") && !d.verb().equals("truncate");
        } else if (ddl instanceof Ddl.AlterTable a && table(a.table()) != null) {
            Table table = table(a.table());
            for (Ddl.Action action : a.actions()) {
                if (action instanceof Ddl.AddColumn c) {
                    table.columns.putIfAbsent(key(c.column().name()), c.column().type());
                } else if (action instanceof Ddl.DropColumn c) {
                    table.columns.remove(key(c.column()));
                } else if (action instanceof Ddl.AlterColumnType c) {
                    table.columns.put(key(c.column()), c.type());
                } else if (action instanceof Ddl.RenameColumn c) {
                    String type = table.columns.remove(key(c.from()));
                    table.columns.put(key(c.to()), type);
                }
            }
        }
    }

    static String key(String identifier) {
        return identifier.toLowerCase(Locale.ROOT);
    }
}
