package dev.preflight.check.ci;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * CI001: the project has readable CI workflow files ({@code .github/workflows}). Without one,
 * migrations reach production by hand, with nothing re-running these checks.
 */
public final class WorkflowPresentCheck implements Check {

    @Override
    public String id() {
        return "CI001";
    }

    @Override
    public String title() {
        return "CI workflow files are present and readable";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    @Override
    public List<Finding> run(CheckContext context) {
        WorkflowFiles files = context.fact(WorkflowFiles.class);
        List<Finding> out = new ArrayList<>();
        if (files.workflows().isEmpty() && files.errors().isEmpty()) {
            out.add(finding("CI", "no workflow files in " + WorkflowFiles.FOLDER + ": nothing migrates and checks the database in CI",
                    "a workflow that runs ./preflight gate", "none",
                    "add a workflow (for example " + WorkflowFiles.FOLDER + "/db-deploy.yml) that runs ./preflight gate"));
        }
        files.errors().forEach(e -> out.add(finding("CI", "workflow file is not valid YAML: " + e, "valid YAML", "syntax error",
                "fix the YAML at that line")));
        return out;
    }
}
