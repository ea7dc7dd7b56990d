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
 *
 * <p>{@link #stop()} is a fast shutdown of the postmaster that waits for it to exit.
 */
public final class PostgresNode extends ServerNode {

    private static final Logger log = LoggerFactory.getLogger(PostgresNode.class);

    private static final String HOST = "localhost";
    private static final String DATABASE = "courtside";
    private static final String SUPERUSER = "postgres";
    private static final String PASSWORD = "postgres";

    private final int port;
    private final Path dataDir;

    /** Set while the postmaster runs. */
    private EmbeddedPostgres server;

    private PostgresNode(int port, Path dataDir, boolean ownsDataDir) {
        this.port = port;
        this.dataDir = dataDir;
        super("PostgreSQL node on port " + port, "postgres-" + port, ownsDataDir ? dataDir : null);
    }

    /**
     * Starts PostgreSQL and creates the {@code courtside} database if it is not there yet.
     *
     * @param port    the port to listen on (localhost only), or 0 for a free one that is then kept
     * @param dataDir the cluster directory, kept between starts (and runs) so data survives; {@code null} for
     *                a temporary directory deleted on {@link #close()}
     */
    public static PostgresNode start(int port, Path dataDir) {
        return startOrClose(dataDir == null
                ? new PostgresNode(FreePorts.resolve(port), Cleanup.createTempDirectory("courtside-pg-"), true)
                : new PostgresNode(FreePorts.resolve(port), dataDir.toAbsolutePath(), false));
    }

    @Override
    void startServer() {
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
        try {
            createDatabaseIfMissing();
        } catch (RuntimeException e) {
            // A failed start leaves nothing running: the node counts as stopped and would not stop it.
            try {
                stopServer();
            } catch (RuntimeException stopFailure) {
                e.addSuppressed(stopFailure);
            }
            throw e;
        }
        log.info("PostgreSQL ready on {}:{} in {} ms (data dir {})",
                HOST, port, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt), dataDir);
    }

    @Override
    void stopServer() {
        long stoppingAt = System.nanoTime();
        EmbeddedPostgres stopping = server;
        server = null;
        try {
            stopping.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL on port " + port + " did not stop", e);
        }
        FreePorts.awaitClosed(port, Duration.ofSeconds(10), "PostgreSQL");
        log.info("PostgreSQL on {}:{} stopped in {} ms", HOST, port,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppingAt));
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
