package dev.preflight.check;

/**
 * The families of checks, named by their id prefix, with the job whose results each family verifies
 * ({@code run} for the checks every run ends with).
 */
public enum CheckFamily {
    SRV("migrate", "server and extensions, before migrating"),
    MIG("run", "migration state and history, at the end of every run"),
    SEED("seed", "seed data applied and present"),
    EMB("backfill", "embeddings filled by the backfill"),
    IDX("retune", "vector index recall and settings"),
    DRIFT("verify", "schema drift against a replay of the migrations"),
    GIT("verify", "migrations and seed committed to git"),
    CI("verify", "a CI workflow that runs the gate");

    private final String job;
    private final String scope;

    CheckFamily(String job, String scope) {
        this.job = job;
        this.scope = scope;
    }

    /** The job whose results the family's checks verify. */
    public String job() {
        return job;
    }

    /** What the family covers, in a few words. */
    public String scope() {
        return scope;
    }

    /** The family of a check id ({@code DRIFT003} is DRIFT); an unknown prefix is a programming error. */
    public static CheckFamily of(String id) {
        return valueOf(id.replaceAll("\\d+$", ""));
    }
}
