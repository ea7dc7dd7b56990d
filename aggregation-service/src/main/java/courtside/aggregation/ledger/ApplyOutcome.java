package courtside.aggregation.ledger;

/** What applying one line version to one ledger did. */
public enum ApplyOutcome {
    /** The ledger is not loaded: load it, then apply again. */
    UNLOADED,
    APPLIED,
    /** The ledger had this version already: a redelivery. */
    DUPLICATE,
    /** The ledger was loaded from PostgreSQL for this event and already had it (set by the caller). */
    LOADED,
    /** The ledger has a newer version. */
    STALE,
    /**
     * The line's season was dropped by retention and the ledger no longer holds it ({@link Ledger#retiredKey()}):
     * a late or replayed event, refused.
     */
    RETIRED
}
