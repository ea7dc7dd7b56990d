package courtside.stats.line;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.util.List;

/**
 * Which web pages may write through a browser ({@code COURTSIDE_CORS_ALLOWEDORIGINS}, comma-separated, e.g.
 * {@code https://scores.example.org}). Empty by default: a page of another origin can neither post nor delete lines,
 * and its preflight gets 403. Clients that are not browsers send no {@code Origin} and are not concerned.
 *
 * @param allowedOrigins origins (scheme, host and port) whose pages may call {@code POST /log} and
 *                       {@code DELETE /log/...}
 */
@Validated
@ConfigurationProperties("courtside.cors")
public record CrossOriginSettings(@DefaultValue List<String> allowedOrigins) {
}
