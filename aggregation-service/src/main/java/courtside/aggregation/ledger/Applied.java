package courtside.aggregation.ledger;

/**
 * What applying one line version to one ledger did.
 *
 * @param version  the ledger's version of the line after the step (for a player: the newest it has seen)
 * @param previous for {@link ApplyOutcome#APPLIED}, the state the line had before, {@code null} if none
 */
public record Applied(ApplyOutcome outcome, long version, LineState previous) {

    public Applied(ApplyOutcome outcome, long version) {
        this(outcome, version, null);
    }
}
