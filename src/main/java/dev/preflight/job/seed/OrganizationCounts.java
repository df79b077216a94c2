package dev.preflight.job.seed;

import dev.preflight.report.SeedSection;
import dev.preflight.seed.SeedSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures, per organization, the rows the NeonHub seed document lists (users, brands, agents,
 * datasets, conversations, messages, campaigns, metrics, plus documents and chunks), and the
 * totals. Counted by queries, never copied from the seed files. Schemas without these tables get
 * no organization table in the report.
 */
final class OrganizationCounts {

    /** Parameter-free; table names are qualified by the caller's search_path (the seed schema). */
    static final String PER_ORGANIZATION = "SELECT o.id, o.name, 1, "
            + "(SELECT count(DISTINCT m.\"userId\") FROM organization_memberships m WHERE m.\"organizationId\" = o.id), "
            + "(SELECT count(*) FROM brands x WHERE x.\"organizationId\" = o.id), "
            + "(SELECT count(*) FROM agents x WHERE x.\"organizationId\" = o.id), "
            + "(SELECT count(*) FROM datasets x WHERE x.\"organizationId\" = o.id), "
            + "(SELECT count(*) FROM documents x WHERE x.\"organizationId\" = o.id), "
            + "(SELECT count(*) FROM chunks x WHERE x.\"organizationId\" = o.id), "
            + "(SELECT count(*) FROM conversations x WHERE x.\"organizationId\" = o.id), "
            + "(SELECT count(*) FROM messages m JOIN conversations c ON c.id = m.\"conversationId\" WHERE c.\"organizationId\" = o.id), "
            + "(SELECT count(*) FROM campaigns x WHERE x.\"organizationId\" = o.id), "
            + "(SELECT count(*) FROM campaign_metrics cm JOIN campaigns c ON c.id = cm.\"campaignId\" WHERE c.\"organizationId\" = o.id) "
            + "FROM organizations o ORDER BY o.id LIMIT 100";

    static final String TOTALS = "SELECT 'total', null, (SELECT count(*) FROM organizations), (SELECT count(*) FROM users), "
            + "(SELECT count(*) FROM brands), (SELECT count(*) FROM agents), (SELECT count(*) FROM datasets), "
            + "(SELECT count(*) FROM documents), (SELECT count(*) FROM chunks), (SELECT count(*) FROM conversations), "
            + "(SELECT count(*) FROM messages), (SELECT count(*) FROM campaigns), (SELECT count(*) FROM campaign_metrics)";

    /** Per organization and totals; both empty/null when the schema lacks one of the tables. */
    record Result(List<SeedSection.OrganizationCounts> organizations, SeedSection.OrganizationCounts totals) {
    }

    private OrganizationCounts() {
    }

    static Result measure(Connection c, String schema) throws SQLException {
        Savepoint sp = c.setSavepoint();
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL search_path TO " + SeedSchema.ident(schema));
            List<SeedSection.OrganizationCounts> orgs = read(st, PER_ORGANIZATION);
            SeedSection.OrganizationCounts totals = read(st, TOTALS).get(0);
            st.execute("RESET search_path");
            c.releaseSavepoint(sp);
            return new Result(orgs, totals);
        } catch (SQLException e) {
            c.rollback(sp); // not the NeonHub schema: no organization counts
            return new Result(List.of(), null);
        }
    }

    private static List<SeedSection.OrganizationCounts> read(Statement st, String sql) throws SQLException {
        List<SeedSection.OrganizationCounts> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(new SeedSection.OrganizationCounts(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10),
                        rs.getLong(11), rs.getLong(12), rs.getLong(13)));
            }
        }
        return out;
    }
}
