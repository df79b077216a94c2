package dev.preflight.job.backfill.provider;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * all-MiniLM-L6-v2 in-process (ONNX Runtime via langchain4j): 384 dimensions, unit norm, offline.
 * Texts are embedded one after another in the calling thread: langchain4j's {@code embedAll}
 * starts a task per text on a thread per core, which fights ONNX Runtime's own threads. The model
 * is loaded on first use (about 1.6 s), so a run with nothing to embed does not pay for it.
 */
public final class LocalMiniLmProvider implements EmbeddingProvider {

    public static final String MODEL = "all-MiniLM-L6-v2";
    public static final int DIMENSIONS = 384;
    private static final Logger log = LoggerFactory.getLogger(LocalMiniLmProvider.class);

    private volatile EmbeddingModel model;

    @Override
    public String name() {
        return "local";
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public boolean semantic() {
        return true;
    }

    /** langchain4j averages 510-token windows beyond the model's window; past this a text is skipped. */
    @Override
    public int maxTokensPerInput() {
        return 8191;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        EmbeddingModel m = load();
        List<float[]> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(m.embed(t).content().vector());
        }
        return out;
    }

    private EmbeddingModel load() {
        if (model == null) {
            synchronized (this) {
                if (model == null) {
                    long t0 = System.nanoTime();
                    try {
                        model = new AllMiniLmL6V2EmbeddingModel(Runnable::run);
                    } catch (RuntimeException | LinkageError e) {
                        throw new ProviderException.Unavailable("the local model all-MiniLM-L6-v2 could not be loaded: " + e
                                + " (ONNX Runtime extracts its native library to the temp folder and DJL to ~/.djl.ai: both must be"
                                + " writable)", e);
                    }
                    log.info("backfill: loaded {} in {} ms", MODEL, (System.nanoTime() - t0) / 1_000_000);
                }
            }
        }
        return model;
    }
}
