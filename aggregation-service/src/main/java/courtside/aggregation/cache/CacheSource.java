package courtside.aggregation.cache;

/**
 * Where an answer came from, sent as the {@value #HEADER} header of every cached read (docs/design.md I4).
 */
public enum CacheSource {
    /** From Redis as it was. */
    HIT,
    /** From Redis after loading what was missing, or from PostgreSQL while the cache is being refilled. */
    MISS,
    /** From PostgreSQL because Redis is down. */
    BYPASS;

    /** The response header that names the source. */
    public static final String HEADER = "X-Cache";
}
