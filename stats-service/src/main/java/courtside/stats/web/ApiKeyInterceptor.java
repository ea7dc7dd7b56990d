package courtside.stats.web;

import courtside.stats.apikey.ApiKeySettings;
import courtside.stats.apikey.ApiKeys;
import courtside.stats.line.IngestRejection;
import courtside.support.problem.FieldProblems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.servlet.HandlerInterceptor;

import java.util.List;

/**
 * Requires one of the configured keys in {@code X-API-Key} on writes, unless anonymous writes were switched on
 * (see {@link ApiKeySettings}). A few shared keys and no users or sessions: a header
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

    /** A write without the right API key (401, with the scheme in {@code WWW-Authenticate}). */
    static final class MissingApiKeyException extends ErrorResponseException implements IngestRejection {

        MissingApiKeyException(boolean absent) {
            super(HttpStatus.UNAUTHORIZED, FieldProblems.problem(HttpStatus.UNAUTHORIZED, "API key required",
                    absent ? "Writes need the X-API-Key header" : "The X-API-Key header does not match", List.of()), null);
            getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + HEADER + "\"");
        }

        @Override
        public String reason() {
            return "unauthorized";
        }

        @Override
        public int lines() {
            return 1;
        }
    }
}
