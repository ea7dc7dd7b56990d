package courtside.aggregation.cache;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the service's Redis client notices a dead connection that nobody reported dead.
 *
 * @param answerWithin a connection that owes Redis's answers and has heard nothing back for this long is closed and
 *                     opened again ({@link ShotClock}). Longer than any one command should take (the command
 *                     timeout is 1 s); what a network cut costs once it is over is the reconnect delay (at most 2 s),
 *                     not this.
 */
@ConfigurationProperties("courtside.redis")
public record RedisClientSettings(@DefaultValue("3s") Duration answerWithin) {

    public RedisClientSettings {
        if (answerWithin.isNegative() || answerWithin.isZero()) {
            throw new IllegalArgumentException("courtside.redis.answer-within must be positive: " + answerWithin);
        }
    }
}
