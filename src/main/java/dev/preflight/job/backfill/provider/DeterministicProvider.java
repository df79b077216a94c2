package dev.preflight.job.backfill.provider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Unit vectors seeded by a hash of the text: the same text always gives the same vector, at no
 * cost. For tests and benchmarks only: the vectors are NOT semantic, and the logs and the report
 * say so.
 */
public final class DeterministicProvider implements EmbeddingProvider {

    public static final String MODEL = "deterministic-sha256";

    private final int dimensions;

    public DeterministicProvider(int dimensions) {
        this.dimensions = dimensions;
    }

    @Override
    public String name() {
        return "deterministic";
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    @Override
    public boolean semantic() {
        return false;
    }

    @Override
    public int maxTokensPerInput() {
        return 8191;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(vector(t));
        }
        return out;
    }

    float[] vector(String text) {
        SplittableRandom random = new SplittableRandom(seed(text));
        float[] v = new float[dimensions];
        double norm = 0;
        for (int i = 0; i < dimensions; i++) {
            v[i] = (float) (random.nextDouble() * 2 - 1);
            norm += v[i] * v[i];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < dimensions; i++) {
            v[i] *= scale;
        }
        return v;
    }

    private static long seed(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            long s = 0;
            for (int i = 0; i < 8; i++) {
                s = (s << 8) | (d[i] & 0xff);
            }
            return s;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
