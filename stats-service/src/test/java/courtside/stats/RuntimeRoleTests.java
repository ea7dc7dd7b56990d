package courtside.stats;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.SQLException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * stats-service runs as DB_USER, a role its migrations create with rights on rows only; the migrations themselves run
 * as DB_MIGRATION_USER, the schema owner. What the service's own connections may not do, tried through them.
 */
@StatsServiceTest
class RuntimeRoleTests {

    /** DB_USER of the embedded stack. */
    private static final String RUNTIME_ROLE = "courtside";

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theServiceRunsAsARoleWithoutAnySpecialRight() {
        Map<String, Object> role = jdbc.queryForMap("SELECT current_user AS name, rolsuper, rolcreaterole, rolcreatedb, "
                + "rolreplication, rolbypassrls FROM pg_roles WHERE rolname = current_user");

        assertThat(role.get("name")).isEqualTo(RUNTIME_ROLE);
        assertThat(role).containsEntry("rolsuper", false).containsEntry("rolcreaterole", false)
                .containsEntry("rolcreatedb", false).containsEntry("rolreplication", false).containsEntry("rolbypassrls", false);
        assertThat(jdbc.queryForObject("SELECT tableowner FROM pg_tables WHERE tablename = 'stat_line'", String.class))
                .isNotEqualTo(RUNTIME_ROLE);
    }

    @Test
    void itReadsAndWritesRows() {
        assertThat(jdbc.queryForObject("SELECT count(*) FROM stat_line", Long.class)).isNotNegative();
        assertThat(jdbc.queryForObject("SELECT has_table_privilege('stat_line', 'INSERT, UPDATE, DELETE')", Boolean.class)).isTrue();
        assertThat(jdbc.queryForObject("SELECT has_table_privilege('stat_line_outbox', 'SELECT, INSERT, DELETE')", Boolean.class)).isTrue();
    }

    @Test
    void itCannotChangeTheSchema() {
        for (String ddl : new String[] {
                "CREATE TABLE intruder (id int)",
                "DROP TABLE stat_line",
                "ALTER TABLE stat_line ADD COLUMN intruder int",
                "ALTER TABLE stat_line DROP CONSTRAINT stat_line_season_of_game_date",
                "CREATE INDEX intruder ON stat_line (points)",
                "TRUNCATE stat_line_outbox",
                "CREATE FUNCTION intruder() RETURNS int LANGUAGE sql AS 'SELECT 1'",
                "CREATE SCHEMA intruder"}) {
            assertThatExceptionOfType(DataAccessException.class).as(ddl).isThrownBy(() -> jdbc.execute(ddl))
                    .satisfies(e -> assertThat(sqlState(e)).as(ddl).isIn("42501", "42P01"));
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_tables WHERE tablename = 'intruder'", Long.class)).isZero();
    }

    @Test
    void itCannotCreateOrChangeRoles() {
        for (String statement : new String[] {
                "CREATE ROLE intruder LOGIN PASSWORD 'x'",
                "ALTER ROLE courtside_reader PASSWORD 'x'",
                "ALTER ROLE current_user CREATEROLE",
                "GRANT courtside_reader TO current_user",
                "CREATE DATABASE intruder"}) {
            assertThatExceptionOfType(DataAccessException.class).as(statement).isThrownBy(() -> jdbc.execute(statement))
                    .satisfies(e -> assertThat(sqlState(e)).as(statement).isEqualTo("42501"));
        }
    }

    @Test
    void itCannotReadOrRewriteTheMigrationHistory() {
        assertThatExceptionOfType(DataAccessException.class)
                .isThrownBy(() -> jdbc.execute("DELETE FROM flyway_schema_history"))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("42501"));
    }

    private static String sqlState(DataAccessException e) {
        return e.getMostSpecificCause() instanceof SQLException sql ? sql.getSQLState() : String.valueOf(e.getMostSpecificCause());
    }
}
