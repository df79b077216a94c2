package dev.preflight.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The launcher's fast-start jars: the libraries on the extracted layout's class path merged into one, so that a search
 * of the class path (a {@link java.util.ServiceLoader}, Spring's factories, Flyway's plugins) opens two jars instead of
 * ninety, and a copy of the application jar whose class path names that one. Preflight's own jar stays apart:
 * {@code help} opens no other, and the directory of a jar of 25,000 entries, read as the JVM starts it, cost it 50 ms.
 * Libraries larger than
 * {@link #SEPARATE_ABOVE} (native libraries and the local embedding model) stay on the class path as they are.
 *
 * <p>Where jars share a resource, the merged jar keeps what the class path would have given: the first jar's copy,
 * except for resources that every jar contributes to and that are read from all of them: service registrations and
 * Spring's {@code .imports} lists (their lines), Spring's {@code .factories} (their values per key) and Spring's and
 * Netty's property files (their keys). Jar signatures and jar indexes describe one jar each and are left out.
 */
public final class ClassPathJar {

    /** The size above which a library is kept as it is, next to the merged jar. */
    public static final long SEPARATE_ABOVE = 8L * 1024 * 1024;

    private static final Pattern SIGNATURE = Pattern.compile("META-INF/[^/]+\\.(SF|RSA|DSA|EC)", Pattern.CASE_INSENSITIVE);
    private static final Set<String> PROPERTIES = Set.of("META-INF/spring.handlers", "META-INF/spring.schemas",
            "META-INF/spring.tooling", "META-INF/spring-autoconfigure-metadata.properties", "META-INF/io.netty.versions.properties");

    private ClassPathJar() {
    }

    /** What a merge wrote: the number of libraries merged and the libraries kept apart, as class-path entries. */
    public record Merged(int libraries, List<String> separate) {
    }

    /**
     * Writes {@code fastJar}, the application jar with a class path of {@code libsJar} and the libraries kept apart,
     * and {@code libsJar}, the other libraries of {@code appJar}'s class path merged; all three in one folder (the
     * class path's relative entries stay valid); each written whole or not at all.
     */
    public static Merged write(Path appJar, Path fastJar, Path libsJar, long separateAbove) throws IOException {
        Path folder = appJar.toAbsolutePath().getParent();
        for (Path written : List.of(fastJar, libsJar)) {
            if (!folder.equals(written.toAbsolutePath().getParent())) {
                throw new IllegalArgumentException(written + " must be in " + folder + ", next to the jar whose class path it keeps");
            }
        }
        Manifest appManifest;
        try (JarFile app = new JarFile(appJar.toFile())) {
            appManifest = app.getManifest();
        }
        if (appManifest == null || appManifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS) == null) {
            throw new IOException(appJar + " has no Main-Class in its manifest: not the extracted layout's application jar");
        }
        String classPath = appManifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
        List<String> entries = classPath == null ? List.of() : List.of(classPath.trim().split("\\s+"));

        List<Path> merged = new ArrayList<>();
        List<String> separate = new ArrayList<>();
        for (String entry : entries) {
            Path jar = folder.resolve(entry);
            if (!Files.isRegularFile(jar)) {
                throw new IOException(appJar + " names " + entry + " on its class path, and " + jar + " does not exist");
            }
            if (Files.size(jar) > separateAbove) {
                separate.add(entry);
            } else {
                merged.add(jar);
            }
        }

        List<String> fastClassPath = new ArrayList<>(List.of(libsJar.getFileName().toString()));
        fastClassPath.addAll(separate);
        Manifest fastManifest = new Manifest(appManifest);
        fastManifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", fastClassPath));
        writeWhole(libsJar, partial -> writeMerged(merged, partial));
        writeWhole(fastJar, partial -> writeMerged(List.of(appJar), partial, fastManifest));
        return new Merged(merged.size(), List.copyOf(separate));
    }

    private interface Writer {
        void write(Path partial) throws IOException;
    }

    // next to the target, with the folder's usual permissions (a temporary file's would be the owner's alone)
    private static void writeWhole(Path target, Writer writer) throws IOException {
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            writer.write(partial);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static void writeMerged(List<Path> jars, Path out) throws IOException {
        boolean multiRelease = false; // one multi-release jar among them makes the merged jar one (its versions/ folders kept)
        for (Path jar : jars) {
            try (JarFile in = new JarFile(jar.toFile(), false)) {
                Manifest m = in.getManifest();
                multiRelease |= m != null && "true".equalsIgnoreCase(m.getMainAttributes().getValue(Attributes.Name.MULTI_RELEASE));
            }
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Created-By", "Preflight fast start (the extracted layout's libraries merged)");
        if (multiRelease) {
            manifest.getMainAttributes().put(Attributes.Name.MULTI_RELEASE, "true");
        }
        writeMerged(jars, out, manifest);
    }

    private static void writeMerged(List<Path> jars, Path out, Manifest manifest) throws IOException {
        Map<String, Set<String>> lines = new LinkedHashMap<>(); // services and .imports: every jar's lines, once each
        Map<String, Map<String, Set<String>>> factories = new LinkedHashMap<>(); // .factories: every jar's values per key
        Map<String, StringBuilder> properties = new LinkedHashMap<>(); // Spring's and Netty's properties: every jar's keys
        Set<String> written = new LinkedHashSet<>();
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            zip.setLevel(Deflater.BEST_SPEED); // written once per build; a class the archive lacks is read from it at run time
            zip.putNextEntry(new ZipEntry(JarFile.MANIFEST_NAME));
            manifest.write(zip);
            zip.closeEntry();
            for (Path jar : jars) {
                try (ZipFile in = new ZipFile(jar.toFile())) {
                    for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements();) {
                        ZipEntry entry = e.nextElement();
                        String name = entry.getName();
                        if (entry.isDirectory() || left(name)) {
                            continue;
                        }
                        if (name.startsWith("META-INF/services/") || (name.startsWith("META-INF/spring/") && name.endsWith(".imports"))) {
                            Set<String> all = lines.computeIfAbsent(name, n -> new LinkedHashSet<>());
                            text(in, entry).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(all::add);
                        } else if (name.endsWith(".factories")) {
                            factories(text(in, entry), factories.computeIfAbsent(name, n -> new LinkedHashMap<>()));
                        } else if (PROPERTIES.contains(name)) {
                            properties.computeIfAbsent(name, n -> new StringBuilder()).append(text(in, entry)).append('\n');
                        } else if (written.add(name)) { // the first jar's copy, as the class path gives it
                            zip.putNextEntry(new ZipEntry(name));
                            try (InputStream data = in.getInputStream(entry)) {
                                data.transferTo(zip);
                            }
                            zip.closeEntry();
                        }
                    }
                }
            }
            for (var e : lines.entrySet()) {
                put(zip, e.getKey(), String.join("\n", e.getValue()) + "\n");
            }
            for (var e : factories.entrySet()) {
                StringBuilder text = new StringBuilder();
                e.getValue().forEach((key, values) -> text.append(key).append('=').append(String.join(",", values)).append('\n'));
                put(zip, e.getKey(), text.toString());
            }
            for (var e : properties.entrySet()) {
                put(zip, e.getKey(), e.getValue().toString());
            }
        }
    }

    /** Resources that describe one jar only: its manifest, signatures, index and module descriptor. */
    private static boolean left(String name) {
        return name.equals(JarFile.MANIFEST_NAME) || name.equals("META-INF/INDEX.LIST") || SIGNATURE.matcher(name).matches()
                || name.equals("module-info.class") || (name.startsWith("META-INF/versions/") && name.endsWith("/module-info.class"));
    }

    // key=value[,value...] lines, continuations joined; a key's values from every jar, in class-path order, once each
    private static void factories(String text, Map<String, Set<String>> into) {
        for (String line : text.replaceAll("\\\\\\r?\\n\\s*", "").lines().toList()) {
            String l = line.strip();
            int eq = l.indexOf('=');
            if (l.isEmpty() || l.startsWith("#") || l.startsWith("!") || eq < 0) {
                continue;
            }
            Set<String> values = into.computeIfAbsent(l.substring(0, eq).strip(), k -> new LinkedHashSet<>());
            for (String v : l.substring(eq + 1).split(",")) {
                if (!v.isBlank()) {
                    values.add(v.strip());
                }
            }
        }
    }

    private static String text(ZipFile jar, ZipEntry entry) throws IOException {
        try (InputStream in = jar.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void put(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
