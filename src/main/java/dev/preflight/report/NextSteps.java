package dev.preflight.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Report section "Next steps, in order": the open findings' remedies as an ordered plan, like the
 * seed evaluation's "Recommended execution order". Each step is a command that git, psql or
 * Preflight runs, with the finding ids it clears; the order follows the pipeline (commit before
 * deploying, migrate before seeding, seed before the backfill, backfill before retuning, then
 * verify and confirm). Findings no command clears are listed apart with their remedy.
 *
 * @param steps the commands in order; the last one confirms (re-runs the gate)
 * @param manual findings that need a decision or an edit first, with their remedy
 */
public record NextSteps(List<Step> steps, List<Manual> manual) implements ReportSection {

    public NextSteps {
        steps = List.copyOf(steps);
        manual = List.copyOf(manual);
    }

    /** One command of the plan and the finding ids it clears. */
    public record Step(int order, String tool, String command, String why, List<String> clears) {

        public Step {
            clears = List.copyOf(clears);
        }
    }

    /** A finding no single command clears. */
    public record Manual(String id, String subject, String remedy) {
    }

    /** Where a step belongs in the pipeline; the plan is sorted by it. */
    enum Phase {
        COMMIT("commit the files CI and the other environments must apply"),
        SERVER("prepare the server"),
        MIGRATE("migrate the database to the files"),
        SCHEMA("bring the schema back to the migrations (review drift.sql first)"),
        SEED("load the seed data the checks expect"),
        PLACEHOLDERS("turn zero-vector placeholders into NULLs, which the backfill (also in the gate below) embeds"),
        BACKFILL("fill the embeddings"),
        INDEX("rebuild or drop what the index checks named"),
        RETUNE("measure the vector indexes and choose their search settings"),
        VERIFY("check the schema, smoke checks, git and CI again"),
        CONFIRM("run the whole gate again: it should now say READY");

        final String why;

        Phase(String why) {
            this.why = why;
        }
    }

    private static final Pattern PREFLIGHT = Pattern.compile("\\./preflight [a-z]+(?: --[a-z-]+)*");
    private static final Pattern ZERO_VECTORS_SQL = Pattern.compile("UPDATE [^;']+ = NULL WHERE [^;']+ = 0");
    private static final Pattern INDEX_SQL = Pattern.compile("(REINDEX INDEX CONCURRENTLY|DROP INDEX CONCURRENTLY) [\\w.\"]+");

    /** The plan for a report's findings (ids sorted within a step); null when nothing is open (the report leaves the section out). */
    public static NextSteps plan(List<Finding> findings, String runReportsDir) {
        Map<String, Object[]> byCommand = new LinkedHashMap<>(); // command -> {Phase, tool, ids}
        List<Manual> manual = new ArrayList<>();
        for (Finding f : findings) {
            if (f.severity() == Severity.INFO) {
                continue;
            }
            String[] step = step(f, runReportsDir);
            if (step == null) {
                manual.add(new Manual(f.id(), f.subject(), f.remedy()));
                continue;
            }
            Object[] entry = byCommand.computeIfAbsent(step[2], k -> new Object[] {Phase.valueOf(step[0]), step[1], new TreeSet<String>()});
            @SuppressWarnings("unchecked")
            TreeSet<String> ids = (TreeSet<String>) entry[2];
            ids.add(f.id());
        }
        if (byCommand.isEmpty() && manual.isEmpty()) {
            return null;
        }
        List<Map.Entry<String, Object[]>> sorted = new ArrayList<>(byCommand.entrySet());
        sorted.sort((a, b) -> ((Phase) a.getValue()[0]).compareTo((Phase) b.getValue()[0]));
        List<Step> steps = new ArrayList<>();
        for (Map.Entry<String, Object[]> e : sorted) {
            @SuppressWarnings("unchecked")
            TreeSet<String> ids = (TreeSet<String>) e.getValue()[2];
            steps.add(new Step(steps.size() + 1, (String) e.getValue()[1], e.getKey(), ((Phase) e.getValue()[0]).why, List.copyOf(ids)));
        }
        steps.add(new Step(steps.size() + 1, "preflight", "./preflight gate", Phase.CONFIRM.why, List.of()));
        return new NextSteps(steps, manual);
    }

    /** {phase, tool, command} for one finding, or null when no command clears it on its own. */
    static String[] step(Finding f, String runReportsDir) {
        String id = f.id();
        String remedy = f.remedy() == null ? "" : f.remedy();
        String file = f.file() != null ? f.file() : subjectFile(f.subject());
        if (id.equals("GIT001") || id.equals("GIT002")) {
            return file == null ? null : new String[] {"COMMIT", "git", "git add " + file + " && git commit -m \"Add " + file + "\""};
        }
        if (id.equals("GIT003")) {
            return file == null ? null : new String[] {"COMMIT", "git", "git rm --cached " + file + " && git commit -m \"Stop tracking " + file + "\""};
        }
        if (id.equals("GIT004")) {
            return new String[] {"COMMIT", "git", "git init && git add -A && git commit -m \"Initial commit\""};
        }
        if (id.equals("MIG004") && file != null) {
            return new String[] {"COMMIT", "git", "git checkout -- " + file};
        }
        if (id.equals("MIG001") || id.equals("MIG003")) {
            return new String[] {"MIGRATE", "preflight", "./preflight migrate"};
        }
        if (id.startsWith("DRIFT") && !id.equals("DRIFT010")) {
            return new String[] {"SCHEMA", "psql", "psql \"$DATABASE_URL\" -f " + runReportsDir + "/drift.sql"};
        }
        if (id.startsWith("SEED")) {
            return new String[] {"SEED", "preflight", "./preflight seed"};
        }
        Matcher zeros = ZERO_VECTORS_SQL.matcher(remedy);
        if (id.equals("IDX002") && zeros.find()) {
            return new String[] {"PLACEHOLDERS", "psql", "psql \"$DATABASE_URL\" -c '" + zeros.group() + "'"};
        }
        if (id.equals("EMB004")) {
            return new String[] {"BACKFILL", "preflight", "./preflight backfill --reembed"};
        }
        if (id.equals("EMB001") || id.equals("EMB003") || id.equals("EMB006")) {
            return new String[] {"BACKFILL", "preflight", "./preflight backfill"};
        }
        Matcher sql = INDEX_SQL.matcher(remedy);
        if (id.startsWith("IDX") && sql.find() && (id.equals("IDX103") || remedy.startsWith("on a table this small"))) {
            return new String[] {"INDEX", "psql", "psql \"$DATABASE_URL\" -c '" + sql.group() + "'"};
        }
        if (id.equals("IDX104")) {
            return new String[] {"RETUNE", "preflight", "./preflight retune --apply-settings"};
        }
        if (id.equals("IDX001") || id.equals("IDX101") || (id.equals("IDX102") && !remedy.contains("hnsw"))) {
            return new String[] {"RETUNE", "preflight", "./preflight retune"};
        }
        Matcher pf = PREFLIGHT.matcher(remedy);
        if (pf.find() && !id.startsWith("SRV") && !id.startsWith("CI")) {
            String command = pf.group();
            Phase phase = command.startsWith("./preflight migrate") ? Phase.MIGRATE : command.startsWith("./preflight seed") ? Phase.SEED
                    : command.startsWith("./preflight backfill") ? Phase.BACKFILL : command.startsWith("./preflight retune") ? Phase.RETUNE
                    : Phase.VERIFY;
            return new String[] {phase.name(), "preflight", command};
        }
        return null;
    }

    /** The file a subject such as {@code migration migrations/V6__x.sql} names, or null. */
    private static String subjectFile(String subject) {
        if (subject == null) {
            return null;
        }
        int space = subject.indexOf(' ');
        String rest = space < 0 ? subject : subject.substring(space + 1);
        return rest.contains("/") ? rest.trim() : null;
    }
}
