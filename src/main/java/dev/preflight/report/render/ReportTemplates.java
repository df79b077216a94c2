package dev.preflight.report.render;

import dev.preflight.kernel.PreflightException;
import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.ConditionalTemplateConfigurationFactory;
import freemarker.cache.FileNameGlobMatcher;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.HTMLOutputFormat;
import freemarker.core.TemplateConfiguration;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

/**
 * The FreeMarker set-up shared by the renderers: a project's own templates folder first, then the
 * built-in templates packaged under {@code /preflight/templates/}.
 */
final class ReportTemplates {

    static final String CLASSPATH_FOLDER = "/preflight/templates";

    private final Configuration config;
    private final Path projectFolder;

    /** @param projectFolder the project's templates folder, or null (or missing) to use only the built-in ones */
    ReportTemplates(Path projectFolder) {
        this.projectFolder = projectFolder != null && Files.isDirectory(projectFolder) ? projectFolder : null;
        this.config = configure(loader(this.projectFolder));
    }

    /** Renders one template with the given data model. */
    String process(String templateName, Map<String, ?> model) {
        try {
            StringWriter out = new StringWriter();
            config.getTemplate(templateName).process(model, out);
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("report: loading template " + templateName + " from " + where()
                    + ": " + e.getMessage(), e);
        } catch (TemplateException e) {
            throw PreflightException.config("report: template " + templateName + " failed: " + e.getMessage(), remedy(templateName));
        }
    }

    // A failing project template is the user's to fix; a failing built-in one is ours.
    private String remedy(String templateName) {
        if (projectFolder != null && Files.isRegularFile(projectFolder.resolve(templateName))) {
            return "fix " + projectFolder.resolve(templateName) + ", or delete it to use the built-in template";
        }
        return "the built-in template " + templateName + " failed on this report; please report it as a bug";
    }

    private String where() {
        return projectFolder == null ? "classpath:" + CLASSPATH_FOLDER
                : projectFolder + " and classpath:" + CLASSPATH_FOLDER;
    }

    private static TemplateLoader loader(Path projectFolder) {
        List<TemplateLoader> loaders = new ArrayList<>();
        if (projectFolder != null) {
            try {
                loaders.add(new FileTemplateLoader(projectFolder.toFile()));
            } catch (IOException e) {
                throw new UncheckedIOException("report: reading templates folder " + projectFolder + ": " + e.getMessage(), e);
            }
        }
        loaders.add(new ClassTemplateLoader(ReportTemplates.class, CLASSPATH_FOLDER));
        return new MultiTemplateLoader(loaders.toArray(TemplateLoader[]::new));
    }

    private static Configuration configure(TemplateLoader loader) {
        Configuration c = new Configuration(Configuration.VERSION_2_3_34);
        c.setTemplateLoader(loader);
        c.setDefaultEncoding("UTF-8");
        c.setOutputEncoding("UTF-8");
        // With 2.3.33+ improvements, record components read as properties: ${report.verdict}.
        c.setObjectWrapper(new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34).build());
        c.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        c.setLogTemplateExceptions(false);
        c.setWrapUncheckedExceptions(true);
        c.setFallbackOnNullLoopVariable(false);
        // Fixed locale and plain number format: reports must not change with the machine they run on.
        c.setLocale(Locale.ROOT);
        c.setNumberFormat("computer");
        c.setTimeZone(TimeZone.getTimeZone("UTC"));
        // "*.html.ftl" is HTML with auto-escaping, whatever header a project's own layout has.
        TemplateConfiguration html = new TemplateConfiguration();
        html.setOutputFormat(HTMLOutputFormat.INSTANCE);
        c.setTemplateConfigurations(new ConditionalTemplateConfigurationFactory(new FileNameGlobMatcher("*.html.ftl"), html));
        return c;
    }
}
