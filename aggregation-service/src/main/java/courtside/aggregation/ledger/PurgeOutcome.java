package courtside.aggregation.ledger;

/** What forgetting the retired seasons did to one ledger. */
public enum PurgeOutcome {
    /** Not loaded: nothing to forget (its load leaves out what retention has removed of them). */
    UNLOADED,
    /** Forgotten by an earlier purge, or loaded without them. */
    DONE,
    /** A line of a retired season still counts, its removal not applied yet: nothing was touched. */
    LIVE,
    /** Marked now, its tombstones of retired seasons (if any) deleted. */
    PURGED
}
