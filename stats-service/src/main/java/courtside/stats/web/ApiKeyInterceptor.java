package courtside.stats.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.servlet.HandlerInterceptor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Requires one of the configured keys in {@code X-API-Key} on writes, unless anonymous writes were switched on
 * (see {@link ApiKeySettings}). A few shared keys and no users or sessions: a header comparison, not a Spring
 * Security filter chain. Runs before the body is read, so an unauthenticated client cannot make the service parse
 * anything.
 */
final class ApiKeyInterceptor implements HandlerInterceptor {

    static final String HEADER = "X-API-Key";

    /** SHA-256 of each accepted key; empty when writes are anonymous. */
    private final List<byte[]> accepted;

    ApiKeyInterceptor(ApiKeySettings settings) {
        this.accepted = settings.keys().stream().map(ApiKeyInterceptor::digest).toList();
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        // A CORS preflight carries no key by design: it is answered by Spring's CORS handling (no origin is allowed by
        // default), not refused as an unauthenticated write, which would also spend the client's failed-auth budget.
        if (accepted.isEmpty() || HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod())
                || CorsUtils.isPreFlightRequest(request)) {
            return true;
        }
        String given = request.getHeader(HEADER);
        if (given == null || !matchesAKey(digest(given))) {
            throw new MissingApiKeyException(given == null);
        }
        return true;
    }

    /**
     * Constant time: digests of equal length, compared with {@link MessageDigest#isEqual} against every key without
     * stopping at a match, so the answer's timing tells neither how much of a guess was right, nor its length, nor
     * which key matched.
     */
    private boolean matchesAKey(byte[] given) {
        boolean match = false;
        for (byte[] key : accepted) {
            match |= MessageDigest.isEqual(key, given);
        }
        return match;
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
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
