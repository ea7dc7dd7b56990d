package courtside.model;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class StatLineEventCodecTests {

    private final StatLineEventCodec codec = new StatLineEventCodec();

    // Nikola Jokic, DEN vs PHX on 2021-10-20: game 0022100012 of the bundled season.
    private final StatLineChanged jokic = new StatLineChanged(UUID.fromString("6c1f0d3e-4f1b-4a8e-9d62-2f7c7f8f2b11"),
            StatLineChanged.Change.CORRECTED, 2, Instant.parse("2021-10-21T04:12:00Z"), "0022100012",
            LocalDate.parse("2021-10-20"), "2021-22", SeasonType.REGULAR, 203999L, "Nikola Jokic", 1610612743L, "DEN",
            new BoxScore(27, 13, 2, 2, 0, 3, 3, new BigDecimal("34.717"), 0, 13, 22, 1, 6, 0, 0, 2, 11, 28));

    @Test
    void writesSnakeCaseJsonWithTheFullLineVersionAndDeletedFlag() {
        String json = codec.write(jokic);

        assertThat(json).contains("\"event_id\":\"6c1f0d3e-4f1b-4a8e-9d62-2f7c7f8f2b11\"", "\"change\":\"corrected\"",
                "\"version\":2", "\"game_date\":\"2021-10-20\"", "\"season_type\":\"regular\"",
                "\"minutes_played\":34.717", "\"fg3m\":1", "\"deleted\":false", "\"occurred_at\":\"2021-10-21T04:12:00Z\"");
    }

    @Test
    void readsBackWhatItWrote() {
        assertThat(codec.read(codec.write(jokic))).isEqualTo(jokic);
    }

    @Test
    void keepsMinutesExact() {
        StatLineChanged read = codec.read(codec.write(jokic));
        assertThat(read.stats().minutesPlayed()).isEqualByComparingTo("34.717");
    }

    @Test
    void toleratesFieldsAddedByANewerProducer() {
        String newer = codec.write(jokic).replace("\"version\":2", "\"version\":2,\"arena\":\"Footprint Center\"");
        assertThat(codec.read(newer)).isEqualTo(jokic);
    }

    @Test
    void rejectsARecordThatIsNotAnEvent() {
        assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> codec.read("{\"hello\":1}"));
        assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> codec.read("not json"));
    }

    @Test
    void aRemovalIsMarkedDeleted() {
        StatLineChanged removed = new StatLineChanged(UUID.randomUUID(), StatLineChanged.Change.REMOVED, 3,
                jokic.occurredAt(), jokic.gameId(), jokic.gameDate(), jokic.season(), jokic.seasonType(), jokic.playerId(),
                jokic.playerName(), jokic.teamId(), jokic.teamAbbreviation(), new BoxScore(27, 13, 2, 2, 0, 3, 3,
                jokic.stats().minutesPlayed(), 0, null, null, null, null, null, null, null, null, null));

        assertThat(removed.deleted()).isTrue();
        assertThat(removed.eventType()).isEqualTo("stat-line.removed");
        assertThat(codec.write(removed)).contains("\"deleted\":true", "\"fgm\":null");
    }
}
