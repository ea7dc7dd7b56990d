package courtside.stats.web;

import courtside.stats.apikey.ApiKeys;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Requires one of the configured keys in {@code X-API-Key} on writes, unless anonymous writes were switched on
 * (see {@link courtside.stats.apikey.ApiKeySettings}). A few shared keys and no users or sessions: a header
 * comparison ({@link ApiKeys}), not a Spring Security filter chain. Runs before the body is read, so an
 * unauthenticated client cannot make the service parse anything.
 */
final class ApiKeyInterceptor implements HandlerInterceptor {

    static final String HEADER = ApiKeys.HEADER;

    private final ApiKeys keys;

    ApiKeyInterceptor(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        // A CORS preflight carries no key by design: it is answered by Spring's CORS handling (no origin is allowed by
        // default), not refused as an unauthenticated write, which would also spend the client's failed-auth budget.
        if (!keys.required() || HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod())
                || CorsUtils.isPreFlightRequest(request)) {
            return true;
        }
        String given = request.getHeader(HEADER);
        if (!keys.valid(given)) {
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
