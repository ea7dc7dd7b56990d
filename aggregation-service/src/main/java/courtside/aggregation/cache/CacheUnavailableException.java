package courtside.aggregation.cache;

/** Redis could not be reached or did not answer in time: reads fall back to PostgreSQL, ingest retries. */
public final class CacheUnavailableException extends RuntimeException {

    public CacheUnavailableException(Throwable cause) {
        super("Redis unavailable: " + cause.getClass().getSimpleName(), cause);
    }
}
