package courtside.aggregation.ledger;

/** What writing a loaded ledger did. */
public enum LoadOutcome {
    WRITTEN,
    /** Someone else loaded it first; theirs stays. */
    ALREADY_LOADED,
    /** The cache was emptied after the fence was set: the snapshot may be stale, take a new one. */
    FENCED_OUT
}
