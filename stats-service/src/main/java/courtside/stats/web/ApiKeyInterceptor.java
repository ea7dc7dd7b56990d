package courtside.stats.web;

import courtside.stats.line.IngestSettings;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Requires {@code X-API-Key} on writes when {@code STATS_API_KEY} is set. One shared key and no users or
 * sessions: a header comparison, not a Spring Security filter chain. Runs before the body is read, so an
 * unauthenticated client cannot make the service parse anything.
 */
final class ApiKeyInterceptor implements HandlerInterceptor {

    static final String HEADER = "X-API-Key";

    private final byte[] expected;

    ApiKeyInterceptor(IngestSettings settings) {
        this.expected = settings.apiKeyRequired() ? settings.apiKey().getBytes(StandardCharsets.UTF_8) : null;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (expected == null || HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod())) {
            return true;
        }
        String given = request.getHeader(HEADER);
        // Constant-time, so the comparison does not leak how much of a guessed key was right.
        if (given == null || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            throw new MissingApiKeyException(given == null);
        }
        return true;
    }

    /** A write without the right API key. */
    static final class MissingApiKeyException extends RuntimeException {
        private final boolean absent;

        MissingApiKeyException(boolean absent) {
            super(absent ? "X-API-Key header is required" : "X-API-Key is wrong");
            this.absent = absent;
        }

        boolean absent() {
            return absent;
        }
    }
}
