package courtside.stats.line;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import tools.jackson.core.StreamReadConstraints;

/**
 * What bounds the cost of one {@code POST /log} and of all of them at once: the body cap
 * ({@link IngestSettings#maxRequestSize()}), the JSON parsing limits and the ingest bulkhead.
 */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    /** Far above the longest legal string (a name of 100 characters, 600 when every one is escaped). */
    static final int MAX_STRING_LENGTH = 10_000;
    /** Far above the longest legal number (a 64-bit id has 19 digits). */
    static final int MAX_NUMBER_LENGTH = 100;
    /** Far above the longest field name ({@code team_abbreviation}). */
    static final int MAX_NAME_LENGTH = 256;
    /** A batch is an array of flat objects: depth 2. */
    static final int MAX_NESTING_DEPTH = 16;
    /** About twice the tokens of 1,000 full lines (26 fields, a name and a value each). */
    static final long MAX_TOKEN_COUNT = 120_000;

    /**
     * Jackson's own defaults allow a nesting of 500, strings of 20 M characters and numbers of 1,000 digits: a body
     * within the size cap could still cost far more than any real batch. These limits fail such a body fast, while
     * it is read, with 413.
     */
    @Bean
    JsonFactoryBuilderCustomizer boundedBodies(IngestSettings settings) {
        return factory -> factory.streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxNameLength(MAX_NAME_LENGTH)
                .maxTokenCount(MAX_TOKEN_COUNT)
                .maxDocumentLength(settings.maxRequestSize().toBytes())
                .build());
    }

    /** resilience4j's semaphore bulkhead: a well-kept one instead of a hand-made semaphore with its own metrics. */
    @Bean
    Bulkhead ingestBulkhead(IngestConcurrency concurrency) {
        return Bulkhead.of("ingest", BulkheadConfig.custom()
                .maxConcurrentCalls(concurrency.maxConcurrent())
                .maxWaitDuration(concurrency.maxWait())
                .build());
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimit(IngestSettings settings,
                                                                    HandlerExceptionResolver handlerExceptionResolver) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestSizeLimitFilter(settings.maxRequestSize().toBytes(), handlerExceptionResolver));
        registration.addUrlPatterns("/log");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
        return registration;
    }
}
