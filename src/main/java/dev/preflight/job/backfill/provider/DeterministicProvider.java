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
        MessageDigest sha256 = sha256(); // one per call: looking the algorithm up costs more than hashing a short text
        List<float[]> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(vector(t, sha256));
        }
        return out;
    }

    private float[] vector(String text, MessageDigest sha256) {
        SplittableRandom random = new SplittableRandom(seed(text, sha256));
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

    private static long seed(String text, MessageDigest sha256) {
        byte[] d = sha256.digest(text.getBytes(StandardCharsets.UTF_8));
        long s = 0;
        for (int i = 0; i < 8; i++) {
            s = (s << 8) | (d[i] & 0xff);
        }
        return s;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
