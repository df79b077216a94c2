package dev.preflight.job.seed;

import dev.preflight.testing.TestDatabase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Per application table: an md5 of its rows ordered by primary key, and of their xmin (which changes when a row is rewritten). */
final class TableChecksums {

    private TableChecksums() {
    }

    static Map<String, String> contents(TestDatabase db) {
        return of(db, "t::text");
    }

    /** xmin changes whenever a row version is written, even with identical values: proof a row was not touched. */
    static Map<String, String> versions(TestDatabase db) {
        return of(db, "t.xmin::text");
    }

    private static Map<String, String> of(TestDatabase db, String expression) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> tables = db.queryStrings("SELECT c.relname || '|' || coalesce((SELECT string_agg(quote_ident(a.attname), ', ' "
                + "ORDER BY array_position(i.indkey::int2[], a.attnum)) FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                + "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = c.oid AND i.indisprimary), '') "
                + "FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' "
                + "AND c.relname <> 'flyway_schema_history' ORDER BY c.relname");
        for (String row : tables) {
            String table = row.substring(0, row.indexOf('|'));
            String keys = row.substring(row.indexOf('|') + 1);
            String pk = keys.isEmpty() ? "t::text" : keys.replaceAll("(^|, )", "$1t.");
            out.put(table, db.queryLong("SELECT count(*) FROM public." + quote(table)) + " rows, "
                    + db.queryString("SELECT md5(coalesce(string_agg(" + expression + ", '|' ORDER BY " + pk + "), '')) FROM public."
                    + quote(table) + " t"));
        }
        return out;
    }

    private static String quote(String ident) {
        return "\"" + ident + "\"";
    }
}
