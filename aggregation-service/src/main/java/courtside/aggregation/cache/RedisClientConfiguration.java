package courtside.aggregation.cache;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

@Configuration(proxyBeanMethods = false)
class RedisClientConfiguration {

    static final int COMMANDS_PER_FLUSH = 64;

    /**
     * While Redis is down, fail a command at once instead of queueing it until the timeout: a read then falls
     * back to PostgreSQL without waiting (X-Cache: BYPASS), and the consumer backs off and retries.
     *
     * <p>Set on the options Spring Boot builds, not on new ones: replacing them (as a client-configuration
     * customizer did before) also dropped spring.data.redis.connect-timeout, so every reconnect attempt into a
     * network that drops packets waited Lettuce's default 10 s instead of 500 ms.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
        return builder -> builder.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    /**
     * Spring Data Redis flushes each command of a pipeline to the socket by default, which wakes Lettuce's event
     * loop once per command. Here a pipeline is written every {@value #COMMANDS_PER_FLUSH} commands: not only when
     * it closes, because a rebuild's pipeline holds whole ledgers and buffering all of it can exhaust the heap
     * (the measurements: docs/performance/README.md, "Measurements behind the settings").
     */
    @Bean
    static BeanPostProcessor flushPipelinesOnce() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof LettuceConnectionFactory factory) {
                    factory.setPipeliningFlushPolicy(LettuceConnection.PipeliningFlushPolicy.buffered(COMMANDS_PER_FLUSH));
                }
                return bean;
            }
        };
    }

    /**
     * Reconnect within a second or two of Redis coming back, not after Lettuce's default of up to 30 s; and notice a
     * connection the network silently dropped ({@link ShotClock}), which Lettuce alone never reconnects.
     */
    @Bean
    ClientResourcesBuilderCustomizer quickReconnect(RedisSettings settings) {
        return builder -> builder
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2,
                        TimeUnit.MILLISECONDS))
                .nettyCustomizer(new NettyCustomizer() {
                    @Override
                    public void afterChannelInitialized(Channel channel) {
                        // First in the pipeline: it sees every byte Redis sends before Lettuce decodes it.
                        channel.pipeline().addFirst(new ShotClock(settings.answerWithin()));
                    }
                });
    }
}
