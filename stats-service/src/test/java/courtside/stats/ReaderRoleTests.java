package courtside.stats;

import courtside.embedded.EmbeddedStack;
import courtside.embedded.PostgresNode;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The role aggregation-service rebuilds through (created by the migrations, its name and password from
 * configuration) may read the lines and nothing else.
 */
@StatsServiceTest
class ReaderRoleTests {

    private final PostgresNode postgres = EmbeddedStack.shared().postgres();

    @Test
    void readsTheLines() throws SQLException {
        try (Connection reader = connectAsReader(); Statement sql = reader.createStatement()) {
            var rs = sql.executeQuery("SELECT count(*) FROM stat_line");
            assertThat(rs.next()).isTrue();
        }
    }

    @Test
    void cannotWriteEvenWhenItLeavesReadOnlyMode() throws SQLException {
        try (Connection reader = connectAsReader(); Statement sql = reader.createStatement()) {
            assertThatExceptionOfType(SQLException.class)
                    .isThrownBy(() -> sql.executeUpdate("DELETE FROM stat_line"))
                    .satisfies(e -> assertThat(e.getSQLState()).as("read-only transaction").isEqualTo("25006"));
            sql.execute("SET default_transaction_read_only = off");
            assertThatExceptionOfType(SQLException.class)
                    .isThrownBy(() -> sql.executeUpdate("DELETE FROM stat_line"))
                    .satisfies(e -> assertThat(e.getSQLState()).as("permission denied").isEqualTo("42501"));
        }
    }

    @Test
    void cannotReadTheOutbox() throws SQLException {
        try (Connection reader = connectAsReader(); Statement sql = reader.createStatement()) {
            assertThatExceptionOfType(SQLException.class)
                    .isThrownBy(() -> sql.executeQuery("SELECT count(*) FROM stat_line_outbox"))
                    .satisfies(e -> assertThat(e.getSQLState()).isEqualTo("42501"));
        }
    }

    private Connection connectAsReader() throws SQLException {
        // The defaults of DB_READER_USER and DB_READER_PASSWORD in application.yml.
        return DriverManager.getConnection(postgres.jdbcUrl(), "courtside_reader", "courtside_reader");
    }
}
