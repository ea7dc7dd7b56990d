package courtside.aggregation.ledger;

/**
 * What applying one line version to one ledger did.
 *
 * @param version  the ledger's version of the line after the step (for a player: the newest it has seen)
 * @param previous for {@link ApplyOutcome#APPLIED}, the state the line had before, {@code null} if none
 * @param standing the line's season as the step left it (applied, duplicate or stale), with the ledger's revision,
 *                 for the read models derived from the ledger; {@code null} when the ledger was not loaded or refused
 *                 the season, or when a later update of the same call on the same season of the ledger answers with
 *                 it ({@link Ledgers#apply})
 */
public record Applied(ApplyOutcome outcome, long version, LineState previous, CachedSeason standing) {

    public Applied(ApplyOutcome outcome, long version) {
        this(outcome, version, null, null);
    }
}
