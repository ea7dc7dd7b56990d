package courtside.aggregation.leaders;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.util.Map;

/**
 * Leader tables ({@code courtside.leaders}).
 *
 * @param minAttempts      the attempts a player needs in the season to be ranked by a shooting percentage when the
 *                         request names a minimum of games but none of attempts: one made shot out of one is not a
 *                         100 % shooter
 * @param gamesPercent     the league's qualification when the request names no minimum: the share (in percent) of
 *                         the season's games a player needs, of the most games any team has played so far in that
 *                         season (the season's length once it is over): 70, so 58 of 82
 * @param seasonGames      a full season's games per team, which the league's minimum makes are set for
 * @param minMade          by percentage, the makes the league asks for over a full season (FG% 300 FGM, 3P% 82 3PM,
 *                         FT% 125 FTM; TS% and eFG% those of FG%), prorated to the games played so far as the
 *                         minimum of games is
 */
@ConfigurationProperties("courtside.leaders")
@Validated
public record LeaderSettings(@DefaultValue Map<String, Long> minAttempts,
                             @DefaultValue("70") @Min(0) @Max(100) int gamesPercent,
                             @DefaultValue("82") @Min(1) int seasonGames,
                             @DefaultValue Map<String, Long> minMade) {

    public LeaderSettings {
        minAttempts = Map.copyOf(minAttempts);
        minMade = Map.copyOf(minMade);
    }
}
