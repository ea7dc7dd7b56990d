package courtside.stats.line;

/**
 * A write refused with a problem response of its own, counted in {@code courtside.lines.rejected} (see
 * {@link IngestMetrics#rejected}) by whoever answers it: the exception says what to count, not where.
 */
public interface IngestRejection {

    /** The {@code reason} tag: invalid, conflict, dropped_season, too_large, unauthorized, malformed or busy. */
    String reason();

    /** How many lines the refused request carried (1 when it could not be counted). */
    int lines();
}
