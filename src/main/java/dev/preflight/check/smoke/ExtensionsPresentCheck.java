package dev.preflight.check.smoke;

import dev.preflight.check.CheckContext;
import dev.preflight.db.Catalog;
import dev.preflight.report.DatabaseInfo.Extension;
import dev.preflight.report.Finding;
import java.util.List;

/** Built-in smoke kind {@code extensions-present}: the listed extensions are installed ({@code extensions: [vector]}). */
public final class ExtensionsPresentCheck extends SmokeCheck {

    public ExtensionsPresentCheck(SmokeSpec spec) {
        super(spec);
    }

    @Override
    public List<Finding> run(CheckContext context) throws Exception {
        List<String> installed = new Catalog(context.connection(), Catalog.DEFAULT_HISTORY_TABLE).extensions().stream()
                .map(Extension::name).toList();
        List<String> missing = spec.strings("extensions").stream().filter(e -> !installed.contains(e)).toList();
        return missing.isEmpty() ? List.of() : List.of(fail("extensions", "extension(s) not installed: " + String.join(", ", missing),
                String.join(", ", spec.strings("extensions")), "installed: " + String.join(", ", installed),
                "run the migrations that create them (CREATE EXTENSION needs the extension available on the server)"));
    }
}
