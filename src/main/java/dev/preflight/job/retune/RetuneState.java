package dev.preflight.job.retune;

import java.util.ArrayList;
import java.util.List;

/**
 * What the retune job's steps hand to each other within one run: the settings and the indexes in
 * progress. One per Spring context, and a context serves one run.
 */
public final class RetuneState {

    private RetuneSettings settings;
    private final List<IndexWork> indexes = new ArrayList<>();

    synchronized void start(RetuneSettings newSettings) {
        settings = newSettings;
        indexes.clear();
    }

    synchronized RetuneSettings settings() {
        return settings;
    }

    synchronized void add(IndexWork work) {
        indexes.add(work);
    }

    synchronized List<IndexWork> indexes() {
        return List.copyOf(indexes);
    }
}
