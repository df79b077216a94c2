package dev.preflight.run;

import dev.preflight.kernel.Console;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.aot.BeanRegistrationExcludeFilter;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.context.aot.ContextAotProcessor;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.metrics.ApplicationStartup;

/**
 * A run's bean definitions as code, generated when the jar is built (Spring's ahead-of-time processing), so that a job
 * command does not parse its configuration classes, their imports and conditions at every start (200-290 ms on the
 * context's thread, its largest step).
 *
 * <p>The build ({@code pom.xml}, phase {@code prepare-package}) runs {@link #main}: it prepares a context exactly as a run
 * does ({@link RunSpring#prepare}), has Spring write the code that registers its bean definitions, and compiles that code
 * next to Preflight's classes. A run then uses it when it is there ({@link #initializer}). The conditions of the
 * configuration are evaluated at build time, against Preflight's own settings, which no run can change: the run's own
 * objects (pool, target, run, shadow settings) are registered at both times and never generated.
 */
public final class SpringAot {

    private static final String PROPERTY = "preflight.spring-aot";
    /** The system property that turns the generated code off: the context then reads the configuration's annotations. */
    public static final String OFF = PROPERTY + "=false";

    private SpringAot() {
    }

    /** The generated initializer for {@code configuration}, or null when the build made none (or it is turned off). */
    static ApplicationContextInitializer<GenericApplicationContext> initializer(Class<?> configuration) {
        if ("false".equals(System.getProperty(PROPERTY))) {
            return null;
        }
        Class<?> generated;
        try {
            generated = Class.forName(initializerName(configuration), false, configuration.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null; // built without it (the unit tests run before the build generates it)
        }
        try {
            @SuppressWarnings("unchecked")
            var initializer = (ApplicationContextInitializer<GenericApplicationContext>) generated.getDeclaredConstructor().newInstance();
            return initializer;
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("the Spring code generated at build time (" + generated.getName() + ") cannot be used: "
                    + e + " -> rebuild Preflight (mvn -DskipTests package), or run with -D" + OFF, e);
        }
    }

    static String initializerName(Class<?> configuration) {
        return configuration.getName() + "__ApplicationContextInitializer";
    }

    /**
     * Generates the code for {@code args[0]} (the configuration class), writes the sources under {@code args[1]}, and
     * compiles them into {@code args[2]} (the build's classes) with the running class path.
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: SpringAot CONFIGURATION_CLASS GENERATED_DIR CLASSES_DIR");
        }
        Class<?> configuration = Class.forName(args[0]);
        Path generatedDir = Path.of(args[1]);
        Path classes = Path.of(args[2]);
        var settings = AbstractAotProcessor.Settings.builder()
                .sourceOutput(generatedDir.resolve("sources"))
                .resourceOutput(generatedDir.resolve("resources"))
                .classOutput(generatedDir.resolve("classes"))
                .groupId("dev.preflight").artifactId("preflight").build();
        new Processor(configuration, settings).process();
        compile(generatedDir.resolve("sources"), classes);
        copyTree(generatedDir.resolve("classes"), classes); // classes Spring generated directly (CGLIB), if any
        System.out.println("[spring-aot] generated " + initializerName(configuration));
    }

    /** Prepares the context a run prepares, with placeholders for the run's own objects, which are never generated. */
    private static final class Processor extends ContextAotProcessor {

        Processor(Class<?> configuration, Settings settings) {
            super(configuration, settings);
        }

        @Override
        protected GenericApplicationContext prepareApplicationContext(Class<?> configuration) {
            AnnotationConfigApplicationContext ctx = new AnnotationConfigApplicationContext();
            var quiet = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
            RunSpring.prepare(ctx, new Console(java.util.Map.of(), quiet, quiet), ApplicationStartup.DEFAULT,
                    () -> placeholder(RunContext.class), () -> placeholder(DataSource.class),
                    () -> placeholder(dev.preflight.config.ShadowSettings.class));
            ctx.registerBean(RunOwnBeans.class);
            ctx.register(configuration);
            return ctx;
        }

        private static <T> T placeholder(Class<T> type) {
            throw new IllegalStateException("the build-time context never makes a " + type.getSimpleName());
        }
    }

    /** Leaves what {@link RunSpring#prepare} registers out of the generated code: a run registers it itself. */
    static final class RunOwnBeans implements BeanRegistrationExcludeFilter, BeanRegistrationAotProcessor {

        @Override
        public BeanRegistrationAotContribution processAheadOfTime(RegisteredBean bean) {
            return null; // contributes nothing: Spring wants an exclude filter bean to be an AOT processor too
        }

        @Override
        public boolean isExcludedFromAotProcessing(RegisteredBean bean) {
            return RunSpring.prepared(bean.getMergedBeanDefinition());
        }
    }

    private static void compile(Path sources, Path classes) throws IOException {
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(sources)) {
            walk.filter(p -> p.toString().endsWith(".java")).forEach(p -> files.add(p.toString()));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in this JVM (" + System.getProperty("java.home") + "): build with a JDK");
        }
        List<String> arguments = new ArrayList<>(List.of("-nowarn", "-proc:none", "--release", "17", "-encoding", "UTF-8",
                "-classpath", System.getProperty("java.class.path"), "-d", classes.toString()));
        arguments.addAll(files);
        int code = javac.run(null, null, null, arguments.toArray(String[]::new));
        if (code != 0) {
            throw new IllegalStateException("compiling the Spring code generated under " + sources + " failed (exit " + code + ")");
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
