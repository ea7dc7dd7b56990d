package courtside.stats.line;

import courtside.stats.StatsServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cross-origin writes: refused unless the page's origin is listed in {@code courtside.cors.allowed-origins}
 * (a preflight to {@code /log} answered 500 before; it answers 403 as a problem for an unlisted origin, and with
 * the CORS headers for a listed one).
 */
@StatsServiceTest
@TestPropertySource(properties = "courtside.cors.allowed-origins=https://scores.example.org")
class CrossOriginTests {

    @Autowired
    RestTestClient http;

    @Test
    void aListedOriginMayWrite() {
        http.options().uri("/log")
                .header(HttpHeaders.ORIGIN, "https://scores.example.org")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, HttpMethod.POST.name())
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "content-type,x-api-key")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://scores.example.org")
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, methods -> assertThat(methods).contains("POST"));
    }

    @Test
    void anotherOriginIsRefusedWithAProblem() {
        http.options().uri("/log/0022100001/2544")
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, HttpMethod.DELETE.name())
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.title").isEqualTo("Cross-origin request refused");
    }

    @Test
    void aListedOriginMayNotUseAnotherMethod() {
        http.options().uri("/log")
                .header(HttpHeaders.ORIGIN, "https://scores.example.org")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, HttpMethod.PUT.name())
                .exchange()
                .expectStatus().isForbidden();
    }
}
