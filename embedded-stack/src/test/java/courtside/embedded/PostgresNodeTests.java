package courtside.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresNodeTests {

    @TempDir
    Path dataDir;

    @Test
    void startsOnAFreePortWithTheCourtsideDatabaseAndASuperuserThatMayCreateRoles() throws SQLException {
        try (PostgresNode postgres = PostgresNode.start(0, null)) {
            assertThat(postgres.port()).isNotEqualTo(5432);
            assertThat(postgres.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:" + postgres.port() + "/courtside");

            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
                 Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery(
                         "SELECT current_database(), rolcreaterole FROM pg_roles WHERE rolname = current_user")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo("courtside");
                assertThat(row.getBoolean(2)).as("CREATEROLE for the services' migrations").isTrue();
            }
        }
    }

    @Test
    void deletesItsTemporaryDataDirectoryOnClose() {
        PostgresNode postgres = PostgresNode.start(0, null);
        Path temporary = postgres.dataDir();
        assertThat(temporary).isDirectory();

        postgres.close();

        assertThat(postgres.isRunning()).isFalse();
        assertThat(Sockets.accepts(postgres.port())).isFalse();
        assertThat(temporary).doesNotExist();
    }

    @Test
    void refusesConnectionsWhileStoppedAndKeepsItsTablesWhenStartedAgainOnTheSamePort() throws SQLException {
        try (PostgresNode postgres = PostgresNode.start(0, dataDir)) {
            int port = postgres.port();
            execute(postgres, "CREATE TABLE game (id int PRIMARY KEY, home text)", "INSERT INTO game VALUES (1, 'BOS')");

            postgres.stop();

            assertThat(postgres.isRunning()).isFalse();
            assertThat(Sockets.accepts(port)).isFalse();
            assertThatThrownBy(postgres::connect).isInstanceOf(SQLException.class);

            postgres.start();

            assertThat(postgres.isRunning()).isTrue();
            assertThat(postgres.port()).isEqualTo(port);
            assertThat(homeTeamOfGame1(postgres)).isEqualTo("BOS");
        }
        assertThat(dataDir).as("a caller's data directory is kept").isNotEmptyDirectory();
    }

    @Test
    void aNewNodeOnAnExistingDataDirectoryFindsTheEarlierData() throws SQLException {
        try (PostgresNode first = PostgresNode.start(0, dataDir)) {
            execute(first, "CREATE TABLE game (id int PRIMARY KEY, home text)", "INSERT INTO game VALUES (1, 'LAL')");
        }

        try (PostgresNode second = PostgresNode.start(0, dataDir)) {
            assertThat(homeTeamOfGame1(second)).isEqualTo("LAL");
        }
        assertThat(Files.exists(dataDir.resolve("postgresql.conf"))).isTrue();
    }

    private static void execute(PostgresNode postgres, String... statements) throws SQLException {
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static String homeTeamOfGame1(PostgresNode postgres) throws SQLException {
        try (Connection connection = postgres.connect();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT home FROM game WHERE id = 1")) {
            assertThat(row.next()).isTrue();
            return row.getString(1);
        }
    }
}
