package courtside.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky's embedded binaries, a separate postmaster process) on a fixed port and
 * data directory, so it can be stopped and started again to simulate an outage without losing data.
 *
 * <p>The server runs initdb with {@code -A trust}: every password is accepted, which is what pgjdbc needs to
 * log in with the {@link #password()} the services are configured with, and also with any role the
 * services' migrations create.
 */
public final class PostgresNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresNode.class);

    private static final String HOST = "localhost";
    private static final String DATABASE = "courtside";
    private static final String SUPERUSER = "postgres";
    private static final String PASSWORD = "postgres";

    private final int port;
    private final Path dataDir;
    private final boolean ownsDataDir;
    private final Thread exitHook;

    private EmbeddedPostgres server;
    private boolean closed;

    private PostgresNode(int port, Path dataDir, boolean ownsDataDir) {
        this.port = port;
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        this.exitHook = Cleanup.closeOnExit("postgres-" + port, this);
    }

    /**
     * Starts PostgreSQL and creates the {@code courtside} database if it is not there yet.
     *
     * @param port    the port to listen on (localhost only), or 0 for a free one that is then kept
     * @param dataDir the cluster directory, kept between starts (and runs) so data survives; {@code null} for
     *                a temporary directory deleted on {@link #close()}
     */
    public static PostgresNode start(int port, Path dataDir) {
        PostgresNode node = dataDir == null
                ? new PostgresNode(FreePorts.resolve(port), Cleanup.createTempDirectory("courtside-pg-"), true)
                : new PostgresNode(FreePorts.resolve(port), dataDir.toAbsolutePath(), false);
        try {
            node.start();
            return node;
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    /** Starts the server again on the same port and data directory; does nothing if it is running. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("PostgreSQL node on port " + port + " is closed");
        }
        if (server != null) {
            return;
        }
        QuietServerLogging.apply();
        Cleanup.createDirectories(dataDir.getParent());
        long startedAt = System.nanoTime();
        try {
            server = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDir)
                    // Keep the cluster: initdb runs only when the directory has no postgresql.conf yet.
                    .setCleanDataDirectory(false)
                    // Our own hook closes the node; zonky's would race it and the temp-dir deletion.
                    .setRegisterShutdownHook(false)
                    .setServerConfig("listen_addresses", HOST)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start on port " + port + " in " + dataDir, e);
        }
        createDatabaseIfMissing();
        log.info("PostgreSQL ready on {}:{} in {} ms (data dir {})",
                HOST, port, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt), dataDir);
    }

    /** Stops the postmaster (fast shutdown, waits for it) so the port refuses connections. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        long stoppingAt = System.nanoTime();
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL on port " + port + " did not stop", e);
        } finally {
            server = null;
        }
        FreePorts.awaitClosed(port, Duration.ofSeconds(10), "PostgreSQL");
        log.info("PostgreSQL on {}:{} stopped in {} ms", HOST, port,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppingAt));
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    public String database() {
        return DATABASE;
    }

    /** The superuser: the services' migrations create roles, which needs CREATEROLE. */
    public String user() {
        return SUPERUSER;
    }

    public String password() {
        return PASSWORD;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    /** Opens a connection to the {@code courtside} database as the superuser. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), SUPERUSER, PASSWORD);
    }

    /** Stops the server and deletes the data directory if it was a temporary one. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            stop();
        } finally {
            closed = true;
            if (ownsDataDir) {
                Cleanup.deleteRecursively(dataDir);
            }
            Cleanup.forgetOnExit(exitHook);
        }
    }

    @Override
    public String toString() {
        return "PostgresNode[" + HOST + ":" + port + ", " + dataDir + "]";
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
    }

    private void createDatabaseIfMissing() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, PASSWORD);
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the " + DATABASE + " database on port " + port, e);
        }
    }
}
