package courtside.stats;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A fingerprint of everything a write can change: the lines (count and the sum of their versions) and the
 * outbox sequence, which moves with every event ever written even after the relay has deleted the row.
 * Two equal fingerprints mean no line changed and no event was written in between.
 */
public record StoredState(long lines, long versionSum, long outboxSequence) {

    public static StoredState of(JdbcTemplate jdbc) {
        return jdbc.queryForObject("""
                SELECT (SELECT count(*) FROM stat_line) AS lines,
                       (SELECT coalesce(sum(version), 0) FROM stat_line) AS version_sum,
                       (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM stat_line_outbox_id_seq) AS outbox_sequence""",
                (rs, row) -> new StoredState(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
    }
}
