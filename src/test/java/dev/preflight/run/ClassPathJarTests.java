package dev.preflight.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassPathJarTests {

    @TempDir
    Path dir;

    @Test
    void theMergedJarGivesWhatTheClassPathGave() throws Exception {
        // given an application jar whose class path names two small libraries and a large one
        Path app = jar("preflight.jar", manifest("lib/a.jar lib/b.jar lib/big.jar", false), Map.of(
                "dev/App.class", "app", "shared.txt", "from app"));
        jar("lib/a.jar", manifest(null, false), entries(
                "META-INF/services/x.Service", "a.One\n# a comment\n",
                "META-INF/spring.factories", "k1=a.F1,\\\n  a.F2\nk2=a.G\n",
                "META-INF/spring/x.imports", "a.Auto\n",
                "META-INF/spring.handlers", "ns1=a.Handler\n",
                "META-INF/A.SF", "signature", "META-INF/INDEX.LIST", "JarIndex-Version: 1.0\n\na.jar\na\n",
                "module-info.class", "module", "a/One.class", "one", "shared.txt", "from a"));
        jar("lib/b.jar", manifest(null, true), entries(
                "META-INF/services/x.Service", "b.Two\na.One\n",
                "META-INF/spring.factories", "k1=b.F3\n",
                "META-INF/spring/x.imports", "b.Auto\n",
                "META-INF/spring.handlers", "ns2=b.Handler\n",
                "META-INF/versions/11/b/Two.class", "two-11", "b/Two.class", "two", "a/One.class", "one from b"));
        jar("lib/big.jar", manifest(null, false), entries("model.onnx", incompressible(8_000)));

        // when
        ClassPathJar.Merged merged = ClassPathJar.write(app, dir.resolve("fast.jar"), dir.resolve("libs.jar"), 4_000);

        // then the application jar's copy names the merged libraries and, apart, the large one
        assertThat(merged.libraries()).isEqualTo(2);
        assertThat(merged.separate()).containsExactly("lib/big.jar");
        try (JarFile fast = new JarFile(dir.resolve("fast.jar").toFile())) {
            Attributes main = fast.getManifest().getMainAttributes();
            assertThat(main.getValue(Attributes.Name.MAIN_CLASS)).isEqualTo("dev.App");
            assertThat(main.getValue(Attributes.Name.CLASS_PATH)).isEqualTo("libs.jar lib/big.jar");
            assertThat(text(fast, "shared.txt")).isEqualTo("from app");
            assertThat(fast.getEntry("a/One.class")).isNull();
        }
        try (JarFile jar = new JarFile(dir.resolve("libs.jar").toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertThat(main.getValue(Attributes.Name.MULTI_RELEASE)).as("b.jar is a multi-release jar").isEqualTo("true");
            // the first jar's copy of a shared resource or class, as the class path gives it
            assertThat(text(jar, "shared.txt")).isEqualTo("from a");
            assertThat(text(jar, "a/One.class")).isEqualTo("one");
            assertThat(text(jar, "META-INF/versions/11/b/Two.class")).isEqualTo("two-11");
            // every jar's registrations, once each
            assertThat(text(jar, "META-INF/services/x.Service").lines()).containsExactly("a.One", "b.Two");
            assertThat(text(jar, "META-INF/spring/x.imports").lines()).containsExactly("a.Auto", "b.Auto");
            Properties factories = properties(jar, "META-INF/spring.factories");
            assertThat(factories.getProperty("k1")).isEqualTo("a.F1,a.F2,b.F3");
            assertThat(factories.getProperty("k2")).isEqualTo("a.G");
            Properties handlers = properties(jar, "META-INF/spring.handlers");
            assertThat(handlers).containsEntry("ns1", "a.Handler").containsEntry("ns2", "b.Handler");
            // what describes one jar only is left out: a signature would fail the merged jar, an index would hide its classes
            assertThat(jar.getEntry("META-INF/A.SF")).isNull();
            assertThat(jar.getEntry("META-INF/INDEX.LIST")).isNull();
            assertThat(jar.getEntry("module-info.class")).isNull();
            assertThat(jar.getEntry("model.onnx")).isNull();
        }
        // and a class loader finds through the application jar's copy what it found through the class path
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.resolve("fast.jar").toUri().toURL()}, null)) {
            assertThat(Collections.list(loader.getResources("META-INF/services/x.Service"))).hasSize(1);
            assertThat(loader.getResource("a/One.class")).isNotNull();
            assertThat(loader.getResource("model.onnx")).as("the large library, on the class path as it was").isNotNull();
        }
    }

    @Test
    void aMissingLibraryIsNamedAndNothingIsWritten() throws Exception {
        Path app = jar("preflight.jar", manifest("lib/a.jar lib/gone.jar", false), Map.of("dev/App.class", "app"));
        jar("lib/a.jar", manifest(null, false), Map.of("a/One.class", "one"));

        assertThatThrownBy(() -> ClassPathJar.write(app, dir.resolve("fast.jar"), dir.resolve("libs.jar"), 1_000))
                .hasMessageContaining("lib/gone.jar").hasMessageContaining("does not exist");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("preflight.jar", "lib");
        }
    }

    @Test
    void aJarWithoutMainClassIsNotTheApplicationJar() throws Exception {
        Path lib = jar("a.jar", manifest(null, false), Map.of("a/One.class", "one"));

        assertThatThrownBy(() -> ClassPathJar.write(lib, dir.resolve("fast.jar"), dir.resolve("libs.jar"), 1_000))
                .hasMessageContaining("no Main-Class");
    }

    private Manifest manifest(String classPath, boolean multiRelease) {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (classPath != null) {
            m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.App");
            m.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        }
        if (multiRelease) {
            m.getMainAttributes().put(Attributes.Name.MULTI_RELEASE, "true");
        }
        return m;
    }

    private static String incompressible(int length) {
        java.util.Random random = new java.util.Random(7);
        StringBuilder s = new StringBuilder();
        while (s.length() < length) {
            s.append(Long.toString(random.nextLong(), 36));
        }
        return s.toString();
    }

    private static Map<String, String> entries(String... nameThenText) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < nameThenText.length; i += 2) {
            map.put(nameThenText[i], nameThenText[i + 1]);
        }
        return map;
    }

    private Path jar(String name, Manifest manifest, Map<String, String> entries) throws IOException {
        Path jar = dir.resolve(name);
        Files.createDirectories(jar.getParent());
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry(JarFile.MANIFEST_NAME));
            manifest.write(zip);
            zip.closeEntry();
            List<String> names = new ArrayList<>(entries.keySet());
            for (String n : names) {
                zip.putNextEntry(new ZipEntry(n));
                zip.write(entries.get(n).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return jar;
    }

    private static String text(JarFile jar, String name) throws IOException {
        ZipEntry entry = jar.getEntry(name);
        assertThat(entry).as(name).isNotNull();
        try (InputStream in = jar.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Properties properties(JarFile jar, String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = jar.getInputStream(jar.getEntry(name))) {
            p.load(in);
        }
        return p;
    }
}
