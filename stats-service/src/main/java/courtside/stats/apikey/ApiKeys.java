package courtside.stats.apikey;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The one place that decides whether a write's {@code X-API-Key} is one of the accepted keys ({@link ApiKeySettings}).
 * The API key check of the write side and the rate limits' failed-authentication budget both ask here, so they can
 * never disagree about a key.
 */
@Component
public final class ApiKeys {

    public static final String HEADER = "X-API-Key";

    /** SHA-256 of each accepted key; empty when writes are anonymous. */
    private final List<byte[]> accepted;

    public ApiKeys(ApiKeySettings settings) {
        this.accepted = settings.keys().stream().map(ApiKeys::digest).toList();
    }

    /** Writes need a key: at least one is configured. */
    public boolean required() {
        return !accepted.isEmpty();
    }

    /** The request's {@value #HEADER} is one of the accepted keys; never when no key is configured. */
    public boolean validIn(HttpServletRequest request) {
        return valid(request.getHeader(HEADER));
    }

    /**
     * Constant time: digests of equal length, compared with {@link MessageDigest#isEqual} against every key without
     * stopping at a match, so the answer's timing tells neither how much of a guess was right, nor its length, nor
     * which key matched.
     */
    public boolean valid(String given) {
        if (given == null) {
            return false;
        }
        byte[] digest = digest(given);
        boolean match = false;
        for (byte[] key : accepted) {
            match |= MessageDigest.isEqual(key, digest);
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
}
