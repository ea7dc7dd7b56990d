package courtside.aggregation.ingest;

import courtside.model.StatLineTopic;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import java.time.Duration;
import java.util.Map;

@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    /** Created here too, so that this service may start before stats-service has published anything. */
    @Bean
    NewTopic statLineTopic(IngestSettings settings) {
        return TopicBuilder.name(settings.topic()).partitions(settings.partitions()).replicas(settings.replicas()).build();
    }

    @Bean
    NewTopic statLineDeadLetterTopic(IngestSettings settings) {
        return TopicBuilder.name(settings.topic() + StatLineTopic.DEAD_LETTER_SUFFIX)
                .partitions(settings.partitions()).replicas(settings.replicas()).build();
    }

    /**
     * The group's failure detection, from the settings: with Kafka's 45 s default, the partitions of a killed
     * instance stalled that long before another instance took them over.
     */
    @Bean
    DefaultKafkaConsumerFactoryCustomizer quickFailover(IngestSettings settings) {
        return factory -> factory.updateConfigs(Map.of(
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) settings.sessionTimeout().toMillis(),
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) settings.heartbeatInterval().toMillis()));
    }

    /**
     * Error handling of the listener, declared once. A record that can never be applied ({@link PoisonEventException},
     * reported by the listener with its index in the batch) goes to the dead-letter topic at once, with no retry:
     * the records before it are committed and those after it delivered again. Any other failure, such as Redis or
     * PostgreSQL being down, retries the batch with backoff for as long as it takes, and commits nothing
     * meanwhile, so no event is skipped; {@link IngestProgress} hears of each attempt, for the logs and readiness.
     */
    @Bean
    DefaultErrorHandler ingestErrorHandler(KafkaOperations<Object, Object> kafka, IngestSettings settings,
                                           IngestProgress progress, MeterRegistry registry) {
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(kafka,
                (record, failure) -> new TopicPartition(record.topic() + StatLineTopic.DEAD_LETTER_SUFFIX, -1));
        ExponentialBackOff backOff = new ExponentialBackOff(Duration.ofMillis(200).toMillis(), 2.0);
        backOff.setMaxInterval(settings.maxRetryInterval().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(new DeadLetters(publisher, registry), backOff);
        handler.addNotRetryableExceptions(PoisonEventException.class);
        handler.setRetryListeners(progress);
        // Spring Kafka logs each seek after a failure at ERROR with a stack trace; IngestProgress and DeadLetters
        // log what an operator needs (the reason, topic, partition and offset) at WARN instead.
        handler.setLogLevel(KafkaException.Level.DEBUG);
        return handler;
    }
}
