package courtside.aggregation.rebuild;

/**
 * A full rebuild is about to load every ledger (the cache may have been emptied): read models that are not derived
 * from the ledgers, such as the directory's names, fill themselves from PostgreSQL now. Published synchronously.
 */
public record FullRebuildStarted() {
}
