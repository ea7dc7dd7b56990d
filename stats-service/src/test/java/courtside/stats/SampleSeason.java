package courtside.stats;

import courtside.model.BoxScoreFile;
import courtside.model.BoxScoreLine;
import courtside.model.CourtsideJson;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

/**
 * The real 2021-22 regular season from {@code sample-data/}, every appearance including the three with zero
 * minutes, and the JSON bodies tests post.
 */
public final class SampleSeason {

    private static final JsonMapper JSON = CourtsideJson.mapper();

    private SampleSeason() {
    }

    /** Every line of the main file plus the zero-minute appearances, in file order. */
    public static List<BoxScoreLine> allAppearances() {
        return BoxScoreFile.sampleSeason();
    }

    /** The JSON body of a batch. */
    public static String json(List<Map<String, Object>> lines) {
        return JSON.writeValueAsString(lines);
    }

    public static String json(Map<String, Object> line) {
        return JSON.writeValueAsString(line);
    }
}
