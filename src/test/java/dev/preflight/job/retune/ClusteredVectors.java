package dev.preflight.job.retune;

import com.pgvector.PGvector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Random;

/**
 * Deterministic synthetic embeddings: unit vectors scattered around random cluster centres, with
 * noise as large as the centres so that an index with untrained centres splits clusters.
 */
final class ClusteredVectors {

    static final int DIMENSIONS = 384;
    private final float[][] centres;
    private final Random random;

    ClusteredVectors(long seed, int clusters) {
        random = new Random(seed);
        centres = new float[clusters][];
        for (int c = 0; c < clusters; c++) {
            centres[c] = normalised(gaussian(1.0));
        }
    }

    /** The next vector: a random centre plus noise of the same norm, normalised. */
    float[] next() {
        float[] centre = centres[random.nextInt(centres.length)];
        float[] noise = gaussian(1.0 / Math.sqrt(DIMENSIONS));
        for (int i = 0; i < DIMENSIONS; i++) {
            noise[i] += centre[i];
        }
        return normalised(noise);
    }

    /** Inserts {@code rows} vectors into {@code table(column)} in binary batches of 1000. */
    void load(Connection c, String table, String column, int rows) throws SQLException {
        PGvector.registerTypes(c);
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (" + column + ") VALUES (?)")) {
            for (int i = 1; i <= rows; i++) {
                ps.setObject(1, new PGvector(next()));
                ps.addBatch();
                if (i % 1000 == 0 || i == rows) {
                    ps.executeBatch();
                }
            }
            c.commit();
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private float[] gaussian(double sigma) {
        float[] v = new float[DIMENSIONS];
        for (int i = 0; i < DIMENSIONS; i++) {
            v[i] = (float) (random.nextGaussian() * sigma);
        }
        return v;
    }

    private static float[] normalised(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        double n = Math.sqrt(norm);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (v[i] / n);
        }
        return v;
    }
}
