package dev.preflight.check.drift;

import java.util.List;

/**
 * What the verify job's replay on a shadow database found, for DRIFT008 to DRIFT010: its error
 * (null when it replayed), the cluster-global statements left out, and the orphans of killed runs
 * removed or left.
 */
public record ShadowReplay(String error, List<ClusterGlobalCheck.Skipped> skipped, List<String> orphansRemoved, List<String> orphansLeft) {

    public ShadowReplay {
        skipped = List.copyOf(skipped);
        orphansRemoved = List.copyOf(orphansRemoved);
        orphansLeft = List.copyOf(orphansLeft);
    }
}
