package dev.preflight.run;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Spring Boot configuration root of a run: job configurations and the database wiring are
 * scanned from {@code dev.preflight}, above this package, since the run lifecycle starts them.
 */
@SpringBootApplication(scanBasePackages = "dev.preflight")
public class PreflightBoot {
}
