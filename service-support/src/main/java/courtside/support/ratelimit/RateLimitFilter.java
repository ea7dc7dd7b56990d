package courtside.support.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Per-client token buckets (Bucket4j) in front of everything else: an expensive read or a write over its client's
 * budget, or a write without a valid key from a client that keeps failing authentication, is answered 429 with
 * {@code Retry-After} before it reaches a controller or its body is read. The buckets live in a Caffeine map bounded
 * in size and idle time, so a flood of distinct addresses costs bounded memory.
 * <p>
 * A client is an address, and an address may be shared (a NAT, compose's gateway, a proxy not listed in
 * {@code trusted-proxies}): a write that carries a valid key is therefore never refused by the failed-authentication
 * budget, or a guesser behind the same address would lock the scorer out. It still spends the writes budget.
 */
public final class RateLimitFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final RateLimitSettings settings;
    private final ClientAddress clientAddress;
    private final Set<String> unlimited;
    private final List<PathPattern> expensiveReads;
    private final Cache<String, ClientBudgets> clients;
    private final JsonMapper json;
    private final Predicate<HttpServletRequest> carriesValidKey;

    /**
     * @param carriesValidKey whether a request carries a key the service accepts; asked only of writes from a client
     *                        whose failed-authentication budget is spent
     */
    public RateLimitFilter(RateLimitSettings settings, JsonMapper json, Predicate<HttpServletRequest> carriesValidKey) {
        this.settings = settings;
        this.json = json;
        this.carriesValidKey = carriesValidKey;
        this.clientAddress = new ClientAddress(settings.trustedProxies());
        this.unlimited = settings.unlimitedClients().stream().map(ClientAddress::literal)
                .flatMap(Optional::stream).map(InetAddress::getHostAddress)
                .collect(Collectors.toUnmodifiableSet());
        this.expensiveReads = settings.expensiveReadPaths().stream().map(PathPatternParser.defaultInstance::parse).toList();
        this.clients = Caffeine.newBuilder().maximumSize(settings.maxClients())
                .expireAfterAccess(settings.forgetIdleAfter()).build();
    }

    /** A client's three buckets. */
    private record ClientBudgets(Bucket expensiveReads, Bucket writes, Bucket failedAuthentication) {
    }

    private ClientBudgets newBudgets(String client) {
        return new ClientBudgets(bucket(settings.expensiveReads()), bucket(settings.writes()),
                bucket(settings.failedAuthentication()));
    }

    private static Bucket bucket(RateLimitSettings.Budget budget) {
        return Bucket.builder().addLimit(limit -> limit.capacity(budget.requests())
                .refillGreedy(budget.requests(), budget.per())).build();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String client = clientAddress.of(request);
        if (!settings.enabled() || unlimited.contains(client)) {
            chain.doFilter(request, response);
            return;
        }
        ClientBudgets budgets = clients.get(client, this::newBudgets);
        boolean write = !SAFE_METHODS.contains(request.getMethod());
        if (write) {
            long failedAuthWait = budgets.failedAuthentication().estimateAbilityToConsume(1).getNanosToWaitForRefill();
            // The key is looked at only once the budget is spent: an ordinary write costs no digest here.
            if (failedAuthWait > 0 && !carriesValidKey.test(request)) {
                tooMany(request, response, client, "failed authentication", failedAuthWait);
                return;
            }
            if (refused(request, response, client, "writes", budgets.writes())) {
                return;
            }
        } else if (isExpensiveRead(request) && refused(request, response, client, "expensive reads", budgets.expensiveReads())) {
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
                budgets.failedAuthentication().tryConsume(1);
            }
        }
    }

    private boolean isExpensiveRead(HttpServletRequest request) {
        PathContainer path = PathContainer.parsePath(request.getRequestURI());
        return expensiveReads.stream().anyMatch(pattern -> pattern.matches(path));
    }

    private boolean refused(HttpServletRequest request, HttpServletResponse response, String client, String budget,
                            Bucket bucket) throws IOException {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return false;
        }
        tooMany(request, response, client, budget, probe.getNanosToWaitForRefill());
        return true;
    }

    private void tooMany(HttpServletRequest request, HttpServletResponse response, String client, String budget,
                         long waitNanos) throws IOException {
        long retryAfter = Math.max(1, (long) Math.ceil(waitNanos / (double) TimeUnit.SECONDS.toNanos(1)));
        log.debug("Rate limit of {} reached by {} ({} {})", budget, client, request.getMethod(), request.getRequestURI());
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", "Too many requests");
        problem.put("status", HttpStatus.TOO_MANY_REQUESTS.value());
        problem.put("detail", "This client has used its budget of %s; retry in %d s".formatted(budget, retryAfter));
        problem.put("instance", request.getRequestURI());
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json.writeValueAsString(problem));
    }
}
