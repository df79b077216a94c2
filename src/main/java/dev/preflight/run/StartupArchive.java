package dev.preflight.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The class list the launcher dumps its class-data-sharing archive from ({@code java -Xshare:dump
 * -XX:SharedClassListFile}): what real runs of every command load, their lambdas included, recorded by
 * {@code bench/startup/classlist.sh} and shipped in the jar as {@value #CLASS_LIST}.
 */
public final class StartupArchive {

    /** The argument that writes the class list to the file that follows it, instead of running a command (not listed by help). */
    public static final String ARGUMENT = "--cds-classlist";
    /** The list, in the JDK's class-list format (-XX:DumpLoadedClassList). */
    static final String CLASS_LIST = "preflight/cds/classlist";

    private StartupArchive() {
    }

    /** Writes the class list to {@code file} and returns 0, or 1 when this jar has none (the launcher then runs without an archive). */
    public static int writeClassList(Path file) throws IOException {
        try (InputStream in = StartupArchive.class.getClassLoader().getResourceAsStream(CLASS_LIST)) {
            if (in == null) {
                return 1;
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return 0;
        }
    }
}
