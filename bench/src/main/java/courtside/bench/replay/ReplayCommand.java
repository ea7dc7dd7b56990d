package courtside.bench.replay;

import courtside.bench.Dataset;
import courtside.bench.Progress;
import courtside.bench.ProgressOption;
import courtside.bench.ServiceClient;
import courtside.model.BoxScoreLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;

/** {@code replay}: posts a season's box scores through stats-service, as the scorekeeping clients would. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Posts box-score lines through stats-service's POST /log.")
public final class ReplayCommand implements Callable<Integer> {

    @Mixin
    private Dataset dataset;

    @Option(names = "--stats-url", defaultValue = "http://localhost:8080", description = "stats-service (default: ${DEFAULT-VALUE}).")
    private URI statsUrl;

    @Option(names = "--batch-size", defaultValue = "100", description = "Lines per request, 1 to 1000; 1 posts single objects (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--concurrency", defaultValue = "4", description = "Clients posting at once (default: ${DEFAULT-VALUE}).")
    private int concurrency;

    @Option(names = "--rate", paramLabel = "LINES_PER_SECOND", description = "Post at this rate instead of as fast as the service takes them.")
    private Double rate;

    @Option(names = "--api-key", defaultValue = "${env:STATS_API_KEY}", description = "X-API-Key for writes (default: $STATS_API_KEY).")
    private String apiKey;

    @Option(names = "--duplicates", defaultValue = "0", description = "Share of lines posted twice, unchanged (default: ${DEFAULT-VALUE}).")
    private double duplicates;

    @Option(names = "--corrections", defaultValue = "0", description = "Share of lines posted first with a free throw too many, then corrected (default: ${DEFAULT-VALUE}).")
    private double corrections;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the injected duplicates and corrections (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Mixin
    private ProgressOption progressOption;

    @Override
    public Integer call() throws Exception {
        ReplayPlan plan = new ReplayPlan(batchSize, concurrency,
                rate == null ? OptionalDouble.empty() : OptionalDouble.of(rate), duplicates, corrections, seed);
        List<BoxScoreLine> lines = dataset.lines();
        System.out.printf("replaying %,d lines of %s into %s: batches of %d, %d clients%s%n", lines.size(),
                String.join(", ", Dataset.seasonsOf(lines)), statsUrl, batchSize, concurrency,
                rate == null ? "" : ", %,.0f lines/s".formatted(rate));
        SeasonReplay.Result result;
        try (ServiceClient stats = new ServiceClient(statsUrl, Optional.ofNullable(apiKey));
             Progress progress = Progress.of("replay", "lines", lines.size(), progressOption.mode(), System.out)) {
            result = new SeasonReplay(stats, plan).replay(lines, progress, request -> { });
        }
        System.out.printf("posted %,d lines in %.1f s (%,.0f lines/s): %s; %,d rejected%n", result.lines(),
                result.elapsed().toMillis() / 1000.0, result.linesPerSecond(), result.outcomes(), result.rejected());
        result.firstRejections().forEach(rejection -> System.out.println("  rejected: " + rejection));
        return result.rejected() == 0 ? 0 : 1;
    }
}
