package courtside.aggregation.rebuild;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of the rebuild from PostgreSQL ({@code fetch-size}, under the same prefix, is the source's:
 * {@link courtside.aggregation.source.SourceSettings}).
 *
 * @param playersPerLoad player ledgers read in one query and written in one pipelined round trip
 * @param teamsPerLoad  the same for team ledgers, which are much bigger (every line of the team)
 * @param linesPerLoad  at most this many stored lines in one load (a ledger bigger than that alone): what bounds the
 *                      memory a load holds, whatever the number of seasons stored
 * @param parallelLoads chunks of ledgers a full rebuild loads at once (each takes a database connection)
 * @param progressEvery how often a full rebuild logs how far it is
 * @param retryEvery    how long to wait before trying the startup rebuild again after a failure
 */
@Validated
@ConfigurationProperties("courtside.rebuild")
public record RebuildSettings(
        @DefaultValue("200") @Min(1) @Max(10_000) int playersPerLoad,
        @DefaultValue("2") @Min(1) @Max(1_000) int teamsPerLoad,
        @DefaultValue("20000") @Min(1) int linesPerLoad,
        @DefaultValue("3") @Min(1) @Max(8) int parallelLoads,
        @DefaultValue("2s") Duration progressEvery,
        @DefaultValue("10s") Duration retryEvery) {
}
