package dev.preflight;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Spring Boot configuration root: job configurations and the database wiring are found from here. */
@SpringBootApplication
public class PreflightBoot {
}
