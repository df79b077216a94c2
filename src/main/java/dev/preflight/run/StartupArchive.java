package dev.preflight.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * What the launcher's fast start is made from: the merged libraries ({@link ClassPathJar}) and the class list its
 * class-data-sharing archive is dumped from ({@code java -Xshare:dump -XX:SharedClassListFile}), which names what
 * real runs of every command load, their lambdas included; recorded by {@code bench/startup/classlist.sh} and
 * shipped in the jar as {@value #CLASS_LIST}.
 */
public final class StartupArchive {

    /** The argument that prepares the fast start (application jar, its fast copy, merged libraries, class list) instead of a command; not in help. */
    public static final String ARGUMENT = "--fast-start";
    /** The list, in the JDK's class-list format (-XX:DumpLoadedClassList). */
    static final String CLASS_LIST = "preflight/cds/classlist";

    private StartupArchive() {
    }

    /** Writes the fast jars ({@link ClassPathJar}) and the class list and returns 0, or 1 when this jar has no class list (no archive then). */
    public static int prepare(Path appJar, Path fastJar, Path libsJar, Path classList) throws IOException {
        if (writeClassList(classList) != 0) {
            return 1;
        }
        ClassPathJar.write(appJar, fastJar, libsJar, ClassPathJar.SEPARATE_ABOVE);
        return 0;
    }

    /** Writes the class list to {@code file} and returns 0, or 1 when this jar has none. */
    static int writeClassList(Path file) throws IOException {
        try (InputStream in = StartupArchive.class.getClassLoader().getResourceAsStream(CLASS_LIST)) {
            if (in == null) {
                return 1;
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return 0;
        }
    }
}
