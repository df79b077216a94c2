package dev.preflight.job.retune;

import static org.assertj.core.api.Assertions.assertThat;

import com.pgvector.PGvector;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The recall measurer against a real PostgreSQL + pgvector whose database keeps generic plans
 * ({@code plan_cache_mode = force_generic_plan}, which some applications set): the exact answers
 * must stay exact and the index answers must come from the index, whichever plan was cached first.
 */
@ExtendWith(PostgresExtension.class)
class RecallMeasurerIntegrationTests {

    private static final int DIMENSIONS = 16;
    private static final int ROWS = 3_000;
    private static final int LISTS = 30;
    private static final int K = 10;

    @Test
    void exactAndIndexAnswersKeepTheirOwnPlansWhenTheDatabaseForcesGenericPlans(TestDatabase db) throws Exception {
        // given: uniform vectors under a trained IVFFlat index (recall at probes 1 is far below 1), in a database forcing generic plans
        Map<String, float[]> rows = load(db);
        db.execute("ALTER DATABASE " + db.url().database() + " SET plan_cache_mode = force_generic_plan");

        try (Connection c = db.connect()) {
            // when: the index's plan is made first (ten index queries), then the exact answers
            RecallMeasurer m = measurer(c);
            List<RecallMeasurer.Query> warm = m.sample(10);
            m.at("ivfflat.probes", 1, new RecallMeasurer.Truth(warm, warm.stream().map(q -> List.<RecallStatistics.Neighbour>of()).toList(),
                    warm.stream().map(q -> 0.0).toList()), 0, new ArrayList<>(), new ArrayList<>());
            RecallMeasurer.Truth truth = m.exact(m.sample(40));

            // then: every exact answer is the brute-force top k (own row removed), not the index's answer at probes 1
            for (int i = 0; i < truth.size(); i++) {
                RecallMeasurer.Query q = truth.queries().get(i);
                assertThat(truth.answers().get(i).stream().map(RecallStatistics.Neighbour::row).collect(java.util.stream.Collectors.toSet())).as("exact answer to %s", q.self()).isEqualTo(bruteForce(rows, q.self()));
            }
        }
        try (Connection c = db.connect()) {
            // when: the exact plan is made first, then the index is asked at probes 1 and at every list
            RecallMeasurer m = measurer(c);
            RecallMeasurer.Truth truth = m.exact(m.sample(40));
            List<Double> narrow = new ArrayList<>();
            List<Double> all = new ArrayList<>();
            m.at("ivfflat.probes", 1, truth, 0, narrow, new ArrayList<>());
            m.at("ivfflat.probes", LISTS, truth, 0, all, new ArrayList<>());

            // then: one list of thirty misses neighbours (a cached seq scan answered 1.0 here); all lists find them all
            assertThat(narrow.stream().mapToDouble(Double::doubleValue).average().orElseThrow()).isLessThan(0.9);
            assertThat(all.stream().mapToDouble(Double::doubleValue).average().orElseThrow()).isEqualTo(1.0);
        }
    }

    @Test
    void duplicateVectorsAreInterchangeableNeighboursSoAnExactScanOfEveryListIsRecallOne(TestDatabase db) throws Exception {
        // given: 60 distinct vectors stored 20 times each (one text embedded many times), under an IVFFlat index built after the data
        Random random = new Random(5);
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS vector");
            st.execute("CREATE TABLE dups (id int PRIMARY KEY, v vector(8))");
            PGvector.registerTypes(c);
            List<float[]> distinct = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                float[] v = new float[8];
                for (int d = 0; d < 8; d++) {
                    v[d] = (float) random.nextGaussian();
                }
                distinct.add(v);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO dups VALUES (?, ?)")) {
                for (int i = 0; i < 1_200; i++) {
                    ps.setInt(1, i);
                    ps.setObject(2, new PGvector(distinct.get(random.nextInt(distinct.size()))));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            st.execute("CREATE INDEX \"Dups V\" ON dups USING ivfflat (v vector_l2_ops) WITH (lists = 4)"); // a name EXPLAIN quotes
            st.execute("ANALYZE dups");
        }

        try (Connection c = db.connect()) {
            // when: the index is asked with every list probed, which returns exact distances
            RecallMeasurer m = new RecallMeasurer(c, VectorIndexTarget.read(c, "public", "Dups V"), K);
            RecallMeasurer.Truth truth = m.exact(m.sample(40));
            assertThat(m.planUsesIndex(truth.queries().get(0).vector())).as("the plan names \"Dups V\" quoted").isTrue();
            List<Double> recalls = new ArrayList<>();
            m.at("ivfflat.probes", 4, truth, 0, recalls, new ArrayList<>());

            // then: each query's ten nearest are copies at distance 0 whichever copies each scan returns first: recall 1, not
            // the share of the same row ids
            assertThat(truth.answers()).allSatisfy(a -> assertThat(a).extracting(RecallStatistics.Neighbour::distance).containsOnly(0.0));
            assertThat(recalls).containsOnly(1.0);
        }
    }

    private static RecallMeasurer measurer(Connection c) throws Exception {
        return new RecallMeasurer(c, VectorIndexTarget.read(c, "public", "points_v_idx"), K);
    }

    /** Loads {@code points} (3,000 uniform vectors) and builds its IVFFlat index after the data; returns every row's vector by ctid. */
    static Map<String, float[]> load(TestDatabase db) throws Exception {
        Random random = new Random(3);
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS vector");
            st.execute("CREATE TABLE points (id int PRIMARY KEY, v vector(" + DIMENSIONS + "))");
            PGvector.registerTypes(c);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO points VALUES (?, ?)")) {
                for (int i = 0; i < ROWS; i++) {
                    float[] v = new float[DIMENSIONS];
                    for (int d = 0; d < DIMENSIONS; d++) {
                        v[d] = (float) random.nextGaussian();
                    }
                    ps.setInt(1, i);
                    ps.setObject(2, new PGvector(v));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            st.execute("CREATE INDEX points_v_idx ON points USING ivfflat (v vector_cosine_ops) WITH (lists = " + LISTS + ")");
            st.execute("ANALYZE points");
            Map<String, float[]> rows = new LinkedHashMap<>();
            try (ResultSet rs = st.executeQuery("SELECT ctid::text, v FROM points")) {
                while (rs.next()) {
                    rows.put(rs.getString(1), ((PGvector) rs.getObject(2)).toArray());
                }
            }
            return rows;
        }
    }

    /** The k rows nearest by cosine distance to row {@code self}, itself excluded. */
    private static Set<String> bruteForce(Map<String, float[]> rows, String self) {
        float[] q = rows.get(self);
        return new HashSet<>(rows.entrySet().stream().filter(e -> !e.getKey().equals(self))
                .sorted(Comparator.comparingDouble(e -> -cosine(q, e.getValue()))).limit(K).map(Map.Entry::getKey).toList());
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
