package courtside.stats;

import courtside.model.BoxScoreFile;
import courtside.model.CourtsideJson;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

/**
 * The JSON bodies tests post, written as a scorekeeping client writes them. The real 2021-22 season itself comes
 * from {@link BoxScoreFile#sampleSeason()}.
 */
public final class SampleSeason {

    private static final JsonMapper JSON = CourtsideJson.mapper();

    private SampleSeason() {
    }

    /** The JSON body of a batch. */
    public static String json(List<Map<String, Object>> lines) {
        return JSON.writeValueAsString(lines);
    }

    public static String json(Map<String, Object> line) {
        return JSON.writeValueAsString(line);
    }
}
