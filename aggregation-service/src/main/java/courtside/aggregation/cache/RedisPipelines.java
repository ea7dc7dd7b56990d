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
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Pipelined Redis commands and Lua scripts for every class that keeps something in Redis, with one answer to
 * two problems Spring Data Redis leaves to the caller: a pipeline sends scripts by SHA, which a restarted Redis
 * no longer knows (NOSCRIPT), and every Redis failure must surface as {@link CacheUnavailableException}.
 */
@Component
public final class RedisPipelines {

    private final StringRedisTemplate redis;

    public RedisPipelines(StringRedisTemplate redis) {
        this.redis = redis;
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
            if (!mentionsNoScript(e)) {
                throw new CacheUnavailableException(e);
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
            throw new CacheUnavailableException(e);
        }
    }

    /** One call, its Redis failures as {@link CacheUnavailableException}. */
    public <T> T call(Supplier<T> command) {
        try {
            return command.get();
        } catch (DataAccessException e) {
            throw new CacheUnavailableException(e);
        }
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

    private static boolean mentionsNoScript(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().contains("NOSCRIPT")) {
                return true;
            }
            if (cause instanceof RedisPipelineException pipeline && pipeline.getPipelineResult().stream()
                    .anyMatch(r -> r instanceof Throwable t && t.getMessage() != null && t.getMessage().contains("NOSCRIPT"))) {
                return true;
            }
        }
        return false;
    }
}
