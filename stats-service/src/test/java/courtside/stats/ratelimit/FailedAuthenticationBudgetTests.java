package courtside.stats.ratelimit;

import courtside.model.CourtsideJson;
import courtside.stats.apikey.ApiKeySettings;
import courtside.stats.apikey.ApiKeys;
import courtside.support.ratelimit.RateLimitFilter;
import courtside.support.ratelimit.RateLimitSettings;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The failed-authentication budget of one address, played through the filter alone with small budgets: once spent,
 * writes without a valid key are refused before anything else sees them, and writes with one pass but spend the
 * writes budget like any other. Validity is {@link ApiKeys}' verdict, the one the write side's key check uses.
 */
class FailedAuthenticationBudgetTests {

    private static final String KEY = "scorers-table-key";
    private static final String SHARED_ADDRESS = "203.0.113.7";

    /** What reached the service behind the filter (the body is read there, never before). */
    private final List<String> reachedTheService = new ArrayList<>();
    private final ApiKeys keys = new ApiKeys(new ApiKeySettings(List.of(KEY), false));
    private final RateLimitFilter filter = new RateLimitFilter(new RateLimitSettings(true, null, List.of(),
            new RateLimitSettings.Budget(4, Duration.ofHours(1)), new RateLimitSettings.Budget(1, Duration.ofHours(1)),
            List.of(), List.of(), 100, Duration.ofMinutes(10)), CourtsideJson.mapper(), keys::validIn);

    /** The write side: 401 without the right key, else 201. */
    private final FilterChain service = (request, response) -> {
        String key = ((jakarta.servlet.http.HttpServletRequest) request).getHeader(ApiKeys.HEADER);
        reachedTheService.add(key);
        ((HttpServletResponse) response).setStatus(keys.valid(key) ? 201 : 401);
    };

    @Test
    void onceWrongKeysSpentTheBudgetOnlyWritesWithAValidKeyPassAndTheySpendTheWritesBudget() throws Exception {
        assertThat(post("guess-1").getStatus()).isEqualTo(401);

        MockHttpServletResponse wrong = post("guess-2");
        assertThat(wrong.getStatus()).isEqualTo(429);
        assertThat(wrong.getHeader("Retry-After")).isNotNull();
        assertThat(wrong.getContentAsString()).contains("failed authentication");
        assertThat(post(null).getStatus()).as("no key").isEqualTo(429);
        assertThat(reachedTheService).as("refused before the service").containsExactly("guess-1");

        assertThat(post(KEY).getStatus()).isEqualTo(201);
        assertThat(post(KEY).getStatus()).isEqualTo(201);
        assertThat(post(KEY).getStatus()).isEqualTo(201);
        // The fourth write of this address (guess-1 was the first): its writes budget is spent too.
        MockHttpServletResponse overBudget = post(KEY);
        assertThat(overBudget.getStatus()).isEqualTo(429);
        assertThat(overBudget.getContentAsString()).contains("writes");
    }

    private MockHttpServletResponse post(String key) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/log");
        request.setRemoteAddr(SHARED_ADDRESS);
        if (key != null) {
            request.addHeader(ApiKeys.HEADER, key);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, service);
        return response;
    }
}
