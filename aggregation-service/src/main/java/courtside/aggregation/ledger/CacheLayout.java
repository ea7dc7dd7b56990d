package courtside.aggregation.ledger;

import courtside.aggregation.cache.RedisPipelines;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Whether the ledgers in Redis are complete, and who may make them so: the layout mark a full rebuild sets, the
 * generation that tells a rebuild a flush interrupted it, and the lock that lets one full rebuild run at a time
 * across every instance. Any Redis failure surfaces as {@link courtside.aggregation.cache.CacheUnavailableException}.
 */
@Component
public final class CacheLayout {

    /** Holds {@link Ledger#LAYOUT_VERSION} once a full rebuild has filled the cache in that layout. */
    static final String LAYOUT_KEY = "courtside:layout";
    private static final String REBUILD_LOCK_KEY = Ledger.PREFIX + "rebuild-lock";
    private static final String GENERATION_KEY = Ledger.PREFIX + "rebuild-generation";
    private static final RedisScript<Long> MARK_LAYOUT = new DefaultRedisScript<>("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
                redis.call('SET', KEYS[2], ARGV[2])
                return 1
            end
            return 0""", Long.class);

    private final RedisPipelines pipelines;
    private final StringRedisTemplate redis;

    CacheLayout(RedisPipelines pipelines) {
        this.pipelines = pipelines;
        this.redis = pipelines.template();
    }

    /** Whether the cache was filled, in the current layout, by a full rebuild that has not been lost since. */
    public boolean layoutCurrent() {
        return call(() -> String.valueOf(Ledger.LAYOUT_VERSION).equals(redis.opsForValue().get(LAYOUT_KEY)));
    }

    /**
     * Starts a full rebuild's generation: a key a flush erases, so that a rebuild which a flush interrupted does
     * not mark a cache complete that has lost the ledgers it loaded before the flush.
     */
    public String startGeneration() {
        String generation = UUID.randomUUID().toString();
        call(() -> {
            redis.opsForValue().set(GENERATION_KEY, generation);
            return null;
        });
        return generation;
    }

    /** @return whether the cache was marked complete: false when it was emptied since the generation started */
    public boolean markLayoutCurrent(String generation) {
        return call(() -> Long.valueOf(1).equals(redis.execute(MARK_LAYOUT, List.of(GENERATION_KEY, LAYOUT_KEY),
                generation, String.valueOf(Ledger.LAYOUT_VERSION))));
    }

    /** One full rebuild at a time across every instance; the lock expires if its holder dies. */
    public boolean lockRebuild(String owner, Duration expiry) {
        return call(() -> Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(REBUILD_LOCK_KEY, owner, expiry)));
    }

    public void unlockRebuild(String owner) {
        call(() -> {
            if (owner.equals(redis.opsForValue().get(REBUILD_LOCK_KEY))) {
                redis.delete(REBUILD_LOCK_KEY);
            }
            return null;
        });
    }

    private <T> T call(Supplier<T> command) {
        return pipelines.call(command);
    }
}
