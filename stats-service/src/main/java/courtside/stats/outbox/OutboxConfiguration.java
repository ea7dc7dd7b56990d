package courtside.stats.outbox;

import courtside.model.CourtsideJson;
import courtside.model.StatLineEventCodec;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class OutboxConfiguration {

    /** The stat-line topic; the relay creates it (or adds partitions) once Kafka is reachable. */
    @Bean
    NewTopic statLineTopic(OutboxSettings settings) {
        return TopicBuilder.name(settings.topic()).partitions(settings.partitions()).replicas(settings.replicas()).build();
    }

    /** Events use the same JSON settings as the HTTP layer, from common-model. */
    @Bean
    StatLineEventCodec statLineEventCodec() {
        return new StatLineEventCodec(CourtsideJson.configure(JsonMapper.builder()).build());
    }
}
