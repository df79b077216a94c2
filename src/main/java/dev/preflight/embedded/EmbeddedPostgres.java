package dev.preflight.embedded;

import dev.preflight.config.DatabaseUrl;
import dev.preflight.kernel.PreflightException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;

/**
 * A throwaway PostgreSQL cluster started from the machine's binaries: initdb into a fresh folder,
 * a free port on 127.0.0.1, password authentication, stopped and deleted on {@link #close()}.
 *
 * <p>initdb refuses to run as root, so as root the cluster runs as the {@code postgres} user.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    public static final String SUPERUSER = "postgres";
    public static final String DATABASE = "preflight";

    private final PostgresInstallation install;
    private final Path dataDir;
    private final int port;
    private final String password;
    private final boolean keep;
    private boolean running;

    private EmbeddedPostgres(PostgresInstallation install, Path dataDir, int port, String password, boolean keep) {
        this.install = install;
        this.dataDir = dataDir;
        this.port = port;
        this.password = password;
        this.keep = keep;
    }

    /**
     * Starts a cluster whose data lives under {@code stateDir}; with {@code keep} it outlives the
     * process (and {@link #close()} leaves it running).
     */
    public static EmbeddedPostgres start(Path stateDir, boolean keep) {
        return start(stateDir, keep, "pg");
    }

    /**
     * Starts a throwaway cluster in {@code stateDir/<prefix>-<stamp>-<pid>}: the folder names the
     * owning process, so {@link #removeOrphans} can tell a live cluster from one a killed run left.
     */
    public static EmbeddedPostgres start(Path stateDir, boolean keep, String prefix) {
        PostgresInstallation install = PostgresInstallation.findOrInstall();
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        try {
            Path dataDir = ClusterFolders.prepare(stateDir, ClusterFolders.name(prefix));
            EmbeddedPostgres pg = new EmbeddedPostgres(install, dataDir, freePort(), password, keep);
            pg.initAndStart();
            return pg;
        } catch (IOException e) {
            throw PreflightException.config("could not prepare the embedded PostgreSQL folder under " + stateDir + ": " + e.getMessage(),
                    "check that the folder is writable, or give --db-url");
        }
    }

    private void initAndStart() throws IOException {
        Path pwFile = dataDir.resolveSibling(dataDir.getFileName() + ".pw");
        Files.writeString(pwFile, password + "\n");
        Path pgdata = dataDir.resolve("data");
        try {
            if (PostgresInstallation.isRoot()) {
                ClusterCommands.run(List.of("chown", "postgres:postgres", pwFile.toString()), 10, false);
            }
            exec(List.of(install.bin("initdb").toString(), "-D", pgdata.toString(), "-U", SUPERUSER,
                    "--pwfile=" + pwFile, "--auth=scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync"), 120, "initdb");
        } finally {
            Files.deleteIfExists(pwFile);
        }
        // A throwaway cluster trades durability for speed; no Unix socket (paths may be too long).
        String opts = "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories='' "
                + "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100";
        exec(List.of(install.bin("pg_ctl").toString(), "-D", pgdata.toString(), "-o", opts, "-w", "-t", "60",
                "-l", dataDir.resolve("postgres.log").toString(), "start"), 90, "pg_ctl start");
        running = true;
        if (!keep) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                // a run stopped by a signal still reports through this cluster: stop it once that is done
                dev.preflight.kernel.ShutdownGate.awaitIdle(java.time.Duration.ofSeconds(40));
                stopQuietly();
            }, "preflight-embedded-pg-stop"));
        }
        dev.preflight.db.Connections.quietDriver(); // the driver's own logging, as every other connection has it silenced
        try (Connection c = DriverManager.getConnection(adminUrl().jdbcUrl(), adminUrl().connectionProperties());
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw PreflightException.config("embedded PostgreSQL started but creating its database failed: " + e.getMessage(),
                    "see " + dataDir.resolve("postgres.log"));
        }
    }

    /** URL of the cluster's working database. */
    public DatabaseUrl url() {
        return DatabaseUrl.of("127.0.0.1", port, DATABASE, SUPERUSER, password);
    }

    /** URL of the cluster's maintenance database, for creating other databases. */
    public DatabaseUrl adminUrl() {
        return DatabaseUrl.of("127.0.0.1", port, "postgres", SUPERUSER, password);
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * Writes the URL, password included, to {@code connection.url} in the cluster's folder, readable by
     * its owner only, for a kept cluster: the console masks the password like every secret, so the file
     * is how a user or a script connects to it afterwards.
     */
    public Path writeConnectionFile() {
        Path file = dataDir.resolve("connection.url");
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, url().secretUri() + "\n");
            return file;
        } catch (IOException e) {
            throw PreflightException.config("could not write " + file + ": " + e.getMessage(),
                    "check that the folder is writable, or give --db-url");
        }
    }

    public int majorVersion() {
        return install.majorVersion();
    }

    public PostgresInstallation installation() {
        return install;
    }

    @Override
    public void close() {
        if (!keep) {
            stopQuietly();
        }
    }

    private synchronized void stopQuietly() {
        if (!running) {
            return;
        }
        running = false;
        try {
            exec(List.of(install.bin("pg_ctl").toString(), "-D", dataDir.resolve("data").toString(), "-m", "immediate", "-w", "stop"), 60, "pg_ctl stop");
        } catch (RuntimeException e) {
            System.err.println("[preflight] warning: stopping the embedded PostgreSQL failed: " + e.getMessage());
        }
        ClusterFolders.deleteTree(dataDir);
    }

    private void exec(List<String> command, int timeoutSeconds, String what) {
        int rc = ClusterCommands.run(ClusterCommands.asPostgresUser(command), timeoutSeconds, false);
        if (rc != 0) {
            throw PreflightException.config("embedded PostgreSQL: " + what + " failed with exit code " + rc,
                    "see " + dataDir.resolve("postgres.log") + " and " + dataDir.resolve("command.log"));
        }
    }

    /**
     * Stops and deletes the clusters named {@code <prefix>-<stamp>-<pid>} under {@code stateDir}
     * (or its /tmp fallback) whose owning process is gone, and returns their folders. A pid that
     * now belongs to a process started after the folder was made is a reused pid: the owner is gone.
     */
    public static List<Path> removeOrphans(Path stateDir, String prefix) {
        return OrphanClusters.remove(stateDir, prefix);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
