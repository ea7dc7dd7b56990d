package courtside.aggregation.cache;

import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisPipelineException;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Pipelined Redis commands and Lua scripts for every class that keeps something in Redis, with one answer to
 * two problems Spring Data Redis leaves to the caller: a pipeline sends scripts by SHA, which a restarted Redis
 * no longer knows (NOSCRIPT), and every Redis failure must surface as {@link CacheUnavailableException}.
 */
@Component
public final class RedisPipelines {

    /** What a noeviction Redis answers a write once {@code maxmemory} is reached (also inside a script). */
    private static final String OUT_OF_MEMORY = "OOM command not allowed";

    private final StringRedisTemplate redis;
    /** When a command last failed because Redis was full: readiness shows it ({@link RedisHealthIndicator}). */
    private volatile Instant lastOutOfMemory;

    public RedisPipelines(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** When a write was last refused because Redis's memory was full, if ever. */
    public Optional<Instant> lastOutOfMemory() {
        return Optional.ofNullable(lastOutOfMemory);
    }

    /** A script from {@code scripts/} on the classpath. */
    public static <T> DefaultRedisScript<T> script(String name, Class<T> result) {
        return new DefaultRedisScript<>(source(name), result);
    }

    /** A script's source, for scripts that fill in constants before use. */
    public static String source(String name) {
        try {
            return new ClassPathResource("scripts/" + name).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs the commands in one pipeline. After a Redis restart has emptied its script cache, the scripts are
     * loaded again and the pipeline is repeated: every caller's scripts are idempotent.
     *
     * @param scripts the scripts the commands call by SHA
     */
    public List<Object> pipelined(Consumer<RedisConnection> commands, List<? extends RedisScript<?>> scripts) {
        try {
            return run(commands);
        } catch (DataAccessException e) {
            if (!mentions(e, "NOSCRIPT")) {
                throw unavailable(e);
            }
        }
        try {
            redis.execute((RedisCallback<Void>) connection -> {
                for (RedisScript<?> script : scripts) {
                    connection.scriptingCommands().scriptLoad(script.getScriptAsString().getBytes(StandardCharsets.UTF_8));
                }
                return null;
            });
            return run(commands);
        } catch (DataAccessException e) {
            throw unavailable(e);
        }
    }

    /** One call, its Redis failures as {@link CacheUnavailableException}. */
    public <T> T call(Supplier<T> command) {
        try {
            return command.get();
        } catch (DataAccessException e) {
            throw unavailable(e);
        }
    }

    private CacheUnavailableException unavailable(DataAccessException e) {
        if (mentions(e, OUT_OF_MEMORY)) {
            lastOutOfMemory = Instant.now();
        }
        return new CacheUnavailableException(e);
    }

    /** The template, for single commands made through {@link #call}. */
    public StringRedisTemplate template() {
        return redis;
    }

    public static byte[][] bytes(List<String> values) {
        byte[][] bytes = new byte[values.size()][];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = values.get(i).getBytes(StandardCharsets.UTF_8);
        }
        return bytes;
    }

    public static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private List<Object> run(Consumer<RedisConnection> commands) {
        return redis.executePipelined((RedisCallback<Object>) connection -> {
            commands.accept(connection);
            return null;
        });
    }

    /** Whether Redis's answer to the command, or to one command of a pipeline, says {@code text}. */
    private static boolean mentions(Throwable e, String text) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().contains(text)) {
                return true;
            }
            if (cause instanceof RedisPipelineException pipeline && pipeline.getPipelineResult().stream()
                    .anyMatch(r -> r instanceof Throwable t && t.getMessage() != null && t.getMessage().contains(text))) {
                return true;
            }
        }
        return false;
    }
}
