package courtside.aggregation.leaders;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.Map;

/**
 * Leader tables ({@code courtside.leaders}).
 *
 * @param minAttempts the attempts a player needs in the season to be ranked by a shooting percentage, when the
 *                    request does not say: one made shot out of one is not a 100 % shooter
 */
@ConfigurationProperties("courtside.leaders")
public record LeaderSettings(@DefaultValue Map<String, Long> minAttempts) {

    public LeaderSettings {
        minAttempts = Map.copyOf(minAttempts);
    }
}
