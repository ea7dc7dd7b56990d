package courtside.aggregation.ingest;

import courtside.model.StatLineTopic;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import java.time.Duration;

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
     * Error handling of the listener, declared once: a record that cannot be read goes to the dead-letter topic
     * (with its original bytes and the reason in headers) and consumption goes on; any other failure, such as
     * Redis or PostgreSQL being down, retries the batch with backoff for as long as it takes, and commits
     * nothing meanwhile, so no event is skipped.
     */
    @Bean
    DefaultErrorHandler ingestErrorHandler(KafkaOperations<Object, Object> kafka) {
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(kafka,
                (record, failure) -> new TopicPartition(record.topic() + StatLineTopic.DEAD_LETTER_SUFFIX, -1));
        ExponentialBackOff backOff = new ExponentialBackOff(Duration.ofMillis(200).toMillis(), 2.0);
        backOff.setMaxInterval(Duration.ofSeconds(5).toMillis());
        return new DefaultErrorHandler(deadLetters, backOff);
    }
}
