package courtside.support.ratelimit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * Per-client rate limits ({@code courtside.rate-limit}) of both services: token buckets keyed by the client's address,
 * one budget for expensive reads, one for writes, one for failed authentication (401 answers). Other reads (health,
 * the API docs, a cached average) have none. Which reads are expensive is each service's to say: its default comes
 * with {@link #withDefaultExpensiveReadPaths}.
 *
 * @param enabled              off only for a trusted, closed setting
 * @param expensiveReads       requests to {@code expensiveReadPaths} (GET) a client may send
 * @param expensiveReadPaths   path patterns (Spring's {@code PathPattern} syntax) of the expensive reads; when not
 *                             configured, the service's own ({@code null} until then)
 * @param writes               POST, PUT, PATCH and DELETE requests a client may send
 * @param failedAuthentication 401 answers a client may get; once spent, its writes without a valid key get 429 until
 *                             it refills (a write with a valid key passes: the client may be a shared address)
 * @param trustedProxies       addresses whose {@code X-Forwarded-For} is believed (a reverse proxy in front);
 *                             from any other address the header is ignored, so a client cannot pick its own key
 * @param unlimitedClients     addresses with no limit at all (e.g. the bench on loopback); empty by default
 * @param maxClients           clients whose buckets are kept at once; beyond, the least recently seen are forgotten
 * @param forgetIdleAfter      a client's buckets are dropped after this long without a request
 */
@Validated
@ConfigurationProperties("courtside.rate-limit")
public record RateLimitSettings(
        @DefaultValue("true") boolean enabled,
        @Valid Budget expensiveReads,
        List<String> expensiveReadPaths,
        @Valid Budget writes,
        @Valid Budget failedAuthentication,
        @DefaultValue List<String> trustedProxies,
        @DefaultValue List<String> unlimitedClients,
        @DefaultValue("20000") @Min(1) long maxClients,
        @DefaultValue("10m") @NotNull Duration forgetIdleAfter) {

    public RateLimitSettings {
        // A budget given in the configuration gives both of its fields; one not given keeps these.
        expensiveReads = expensiveReads != null ? expensiveReads : new Budget(60, Duration.ofSeconds(10));
        // A feed follower posts one batch per game in progress every few seconds: 100 games every 10 s fit with room.
        writes = writes != null ? writes : new Budget(300, Duration.ofSeconds(10));
        failedAuthentication = failedAuthentication != null ? failedAuthentication : new Budget(10, Duration.ofMinutes(1));
        expensiveReadPaths = expensiveReadPaths == null ? null : List.copyOf(expensiveReadPaths);
        trustedProxies = List.copyOf(trustedProxies);
        unlimitedClients = List.copyOf(unlimitedClients);
    }

    /** These settings, with {@code paths} as the expensive reads unless the configuration names its own. */
    public RateLimitSettings withDefaultExpensiveReadPaths(List<String> paths) {
        return expensiveReadPaths != null ? this : new RateLimitSettings(enabled, expensiveReads, paths, writes,
                failedAuthentication, trustedProxies, unlimitedClients, maxClients, forgetIdleAfter);
    }

    /**
     * A token bucket: at most {@code requests} at once (a burst), refilled evenly over {@code per}.
     *
     * @param requests the bucket's capacity, and what it refills in {@code per}
     * @param per      the refill period
     */
    public record Budget(@Min(1) long requests, @NotNull Duration per) {
    }
}
