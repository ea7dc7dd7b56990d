package courtside.bench;

import courtside.model.BoxScoreLine;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DatasetTests {

    @Test
    void syntheticSeasonsComeBeforeTheRealOneWhichStaysTheLatest() {
        Dataset threeSeasons = CommandLine.populateCommand(new Dataset(), "--seasons", "3");

        List<BoxScoreLine> lines = threeSeasons.lines();

        assertThat(Dataset.seasonsOf(lines)).containsExactly("2019-20", "2020-21", "2021-22");
        assertThat(lines).hasSize(3 * 26_039);
    }

    @Test
    void theSeasonsAreKnownWithoutBuildingTheLines() {
        Dataset threeSeasons = CommandLine.populateCommand(new Dataset(), "--seasons", "3");

        assertThat(threeSeasons.seasons()).containsExactlyElementsOf(Dataset.seasonsOf(threeSeasons.lines()));
        assertThat(CommandLine.populateCommand(new Dataset()).seasons()).containsExactly("2021-22");
    }
}
