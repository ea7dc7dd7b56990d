package courtside.bench;

import courtside.model.BoxScoreFile;
import courtside.model.BoxScoreLine;
import courtside.model.Season;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;

/**
 * Which box scores a command works on: CSV files (by default the bundled 2021-22 season) and, to see how costs
 * grow with data, synthetic seasons made from them by shifting season, dates and game ids back one year each.
 * {@code replay} and {@code verify} take the same options, so that verify checks what replay posted.
 */
public final class Dataset {

    @Option(names = "--file", paramLabel = "CSV",
            description = "A box-score CSV in the layout of sample-data/ (repeatable; default: the bundled 2021-22 season).")
    private List<Path> files = new ArrayList<>();

    @Option(names = "--seasons", paramLabel = "N", defaultValue = "1",
            description = "Seasons to post: the real one plus N-1 synthetic seasons before it (default: ${DEFAULT-VALUE}).")
    private int seasons = 1;

    /** Every line, oldest season first, so that the real season stays the latest. */
    public List<BoxScoreLine> lines() {
        List<BoxScoreLine> real = realLines();
        List<BoxScoreLine> lines = new ArrayList<>(real.size() * seasons);
        for (int startYear : syntheticStartYears(real)) {
            for (BoxScoreLine line : real) {
                lines.add(line.inSeasonStartingIn(startYear));
            }
        }
        lines.addAll(real);
        return lines;
    }

    /** The seasons {@link #lines()} holds, in the same order, without building the synthetic lines. */
    public SequencedSet<String> seasons() {
        List<BoxScoreLine> real = realLines();
        SequencedSet<String> seasons = new LinkedHashSet<>();
        syntheticStartYears(real).forEach(startYear -> seasons.add(Season.startingIn(startYear)));
        seasons.addAll(seasonsOf(real));
        return seasons;
    }

    private List<BoxScoreLine> realLines() {
        if (seasons < 1) {
            throw new IllegalArgumentException("--seasons must be 1 or more, not " + seasons);
        }
        return files.isEmpty() ? BoxScoreFile.sampleSeason() : BoxScoreFile.read(files);
    }

    /** The first years of the synthetic seasons, oldest first: the N-1 years before the real season's. */
    private List<Integer> syntheticStartYears(List<BoxScoreLine> real) {
        if (seasons == 1) {
            return List.of();
        }
        SequencedSet<String> realSeasons = seasonsOf(real);
        if (realSeasons.size() != 1) {
            throw new IllegalArgumentException("--seasons shifts one season; the files hold " + realSeasons);
        }
        int realStart = Season.startYear(realSeasons.getFirst());
        List<Integer> startYears = new ArrayList<>(seasons - 1);
        for (int back = seasons - 1; back >= 1; back--) {
            startYears.add(realStart - back);
        }
        return startYears;
    }

    /** The seasons of the lines, in the order they first appear. */
    public static SequencedSet<String> seasonsOf(List<BoxScoreLine> lines) {
        SequencedSet<String> seasons = new LinkedHashSet<>();
        lines.forEach(line -> seasons.add(line.season()));
        return seasons;
    }
}
