package courtside.bench.verify;

import courtside.bench.Dataset;
import courtside.bench.Progress;
import courtside.bench.ProgressOption;
import courtside.bench.ServiceUrls;
import courtside.bench.ServiceClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.concurrent.Callable;

/** {@code verify}: every cached average against the SQL one; exits 1 on any difference. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Compares every cached season average (aggregation-service) with stats-service's SQL average.")
public final class VerifyCommand implements Callable<Integer> {

    private static final int MISMATCHES_PRINTED = 50;

    @Mixin
    private Dataset dataset;

    @Mixin
    private ServiceUrls urls;

    @Option(names = "--concurrency", defaultValue = "8", description = "Averages compared at once (default: ${DEFAULT-VALUE}).")
    private int concurrency;

    @Option(names = "--settle", defaultValue = "PT30S", description = "How long a difference may take to go away while the cache catches up, ISO-8601 (default: ${DEFAULT-VALUE}).")
    private Duration settle;

    @Mixin
    private ProgressOption progressOption;

    @Override
    public Integer call() throws Exception {
        SequencedSet<String> seasons = dataset.seasons();
        CacheVerification.Report report;
        try (ServiceClient stats = new ServiceClient(urls.stats(), Optional.empty());
             ServiceClient aggregation = new ServiceClient(urls.aggregation(), Optional.empty())) {
            report = new CacheVerification(stats, aggregation, concurrency, settle).verify(seasons, progressOption.mode());
        }
        System.out.printf("compared %,d season averages (%s) of %d season(s) in %.1f s; the cache answered %s%n",
                report.compared(), report.seasonsBySide(), seasons.size(), report.elapsed().toMillis() / 1000.0,
                report.cacheAnswers());
        if (report.allEqual()) {
            System.out.println("every cached average equals SQL");
            return 0;
        }
        System.out.printf("%,d cached average(s) differ from SQL:%n", report.mismatches().size());
        report.mismatches().stream().limit(MISMATCHES_PRINTED).forEach(mismatch -> System.out.println("  " + mismatch));
        return 1;
    }
}
