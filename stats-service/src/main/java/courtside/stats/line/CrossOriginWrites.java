package courtside.stats.line;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.List;

/**
 * Cross-origin requests to the write side, answered before anything else looks at them: a preflight or a write
 * from an origin not in {@link CrossOriginSettings#allowedOrigins()} gets 403 as a problem response; an allowed one
 * gets the CORS headers (including {@code X-API-Key} among the allowed request headers). A filter rather than
 * Spring MVC's own CORS handling so that the refusal is a problem and comes before the body cap and the API key.
 */
@Configuration(proxyBeanMethods = false)
class CrossOriginWrites {

    @Bean
    FilterRegistrationBean<CorsFilter> crossOriginWritesFilter(CrossOriginSettings settings, JsonMapper json) {
        CorsConfiguration writes = new CorsConfiguration();
        writes.setAllowedOrigins(settings.allowedOrigins());
        writes.setAllowedMethods(List.of(HttpMethod.POST.name(), HttpMethod.DELETE.name()));
        writes.setAllowedHeaders(List.of(HttpHeaders.CONTENT_TYPE, "X-API-Key"));
        writes.setExposedHeaders(List.of(HttpHeaders.RETRY_AFTER));
        writes.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/log", writes);
        source.registerCorsConfiguration("/log/**", writes);
        CorsFilter filter = new CorsFilter(source);
        filter.setCorsProcessor(new ProblemRefusal(json));
        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/log", "/log/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 50);
        return registration;
    }

    /** Spring's CORS rules, with the refusal written as an RFC 9457 problem instead of plain text. */
    private static final class ProblemRefusal extends DefaultCorsProcessor {
        private final JsonMapper json;

        ProblemRefusal(JsonMapper json) {
            this.json = json;
        }

        @Override
        protected void rejectRequest(ServerHttpResponse response) throws IOException {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                    "Cross-origin writes are refused unless the origin is allowed (courtside.cors.allowed-origins)");
            problem.setTitle("Cross-origin request refused");
            response.setStatusCode(HttpStatus.FORBIDDEN);
            response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            response.getBody().write(json.writeValueAsBytes(problem));
            response.flush();
        }
    }
}
