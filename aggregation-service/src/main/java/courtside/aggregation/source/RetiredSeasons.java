package courtside.aggregation.source;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The seasons stats-service's retention has dropped, as PostgreSQL records them: every season before
 * {@code retired_season.first_kept}. stats-service takes no line of them any more, removes their lines (removal
 * events) and then deletes the tombstones; read through the SELECT-only role.
 */
@Component
public final class RetiredSeasons {

    private static final String FIRST_KEPT = "SELECT first_kept FROM retired_season";
    // Lexical order of YYYY-YY labels is season order; the partial index stat_line_by_season answers it.
    private static final String COUNTING_LINES_BEFORE = """
            SELECT EXISTS (SELECT 1 FROM stat_line WHERE NOT deleted AND season < ?)""";

    private final JdbcTemplate jdbc;

    RetiredSeasons(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The oldest season retention keeps; empty while it has dropped none. Inside a transaction, as of its snapshot:
     * a ledger load reads it in the snapshot its lines come from.
     */
    public Optional<String> firstKept() {
        return jdbc.queryForList(FIRST_KEPT, String.class).stream().findFirst();
    }

    /** Whether a line of a season before {@code firstKept} still counts: retention has not removed them all yet. */
    public boolean countingLinesBefore(String firstKept) {
        return Boolean.TRUE.equals(jdbc.queryForObject(COUNTING_LINES_BEFORE, Boolean.class, firstKept));
    }
}
