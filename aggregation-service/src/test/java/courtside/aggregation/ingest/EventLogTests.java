package courtside.aggregation.ingest;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import courtside.aggregation.ledger.LineState;
import courtside.model.BoxScore;
import courtside.model.SeasonType;
import courtside.model.StatLineChanged;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The readable event log: one structured entry per line taken, with the event's keys and a sentence. */
class EventLogTests {

    /** Nikola Jokic at PHX on 2021-10-20, as the sample season has it. */
    private static StatLineChanged jokic(StatLineChanged.Change change, long version, int points, int ftm) {
        return new StatLineChanged(UUID.fromString("00000000-0000-0000-0000-000000000001"), change, version,
                Instant.parse("2021-10-21T03:00:00Z"), "0022100012", LocalDate.of(2021, 10, 20), "2021-22",
                SeasonType.REGULAR, 203999, "Nikola Jokic", 1610612743L, "DEN", new BoxScore(points, 13, 2, 2, 0, 3, 3,
                new BigDecimal("34.717"), 0, 13, 22, 1, 6, ftm, ftm, 2, 11, 28));
    }

    @Test
    void aNewLineReadsAsASentenceAndIsOneEcsJsonObjectWithTheEventsKeys() {
        StatLineChanged recorded = jokic(StatLineChanged.Change.RECORDED, 1, 27, 0);
        String logged = captureEcs(() -> EventLog.applied(recorded, LineState.of(recorded), null, "PHX", "applied"));

        JsonNode entry = JsonMapper.builder().build().readTree(logged.strip());
        assertThat(entry.get("message").asString())
                .isEqualTo("Nikola Jokic (DEN) had 27 points, 13 rebounds and 2 assists in 34:43 vs PHX on October 20th, 2021");
        assertThat(entry.get("log").get("logger").asString()).isEqualTo("courtside.events");
        assertThat(entry.get("player_id").longValue()).isEqualTo(203999);
        assertThat(entry.get("game_id").asString()).isEqualTo("0022100012");
        assertThat(entry.get("event_type").asString()).isEqualTo("stat-line.recorded");
        assertThat(entry.get("opponent_abbreviation").asString()).isEqualTo("PHX");
        assertThat(entry.get("points").asString()).isEqualTo("27");
        assertThat(entry.get("minutes_played").asString()).isEqualTo("34.717");
    }

    @Test
    void aCorrectionSaysWhatChangedAndARemovalSaysWhatWentAway() {
        LineState before = LineState.of(jokic(StatLineChanged.Change.RECORDED, 1, 27, 0));
        String corrected = EventLog.sentence(jokic(StatLineChanged.Change.CORRECTED, 2, 28, 1), before, "PHX",
                java.util.Map.of("points", "27 → 28"));
        assertThat(corrected).isEqualTo("Corrected: Nikola Jokic (DEN) had 28 points, 13 rebounds and 2 assists in 34:43 "
                + "vs PHX on October 20th, 2021; points 27 → 28");

        StatLineChanged correction = jokic(StatLineChanged.Change.CORRECTED, 2, 28, 1);
        String logged = captureEcs(() -> EventLog.applied(correction, LineState.of(correction), before, "PHX", "applied"));
        JsonNode entry = JsonMapper.builder().build().readTree(logged.strip());
        assertThat(entry.get("changed").get("points").asString()).isEqualTo("27 → 28");
        assertThat(entry.get("changed").get("ftm").asString()).isEqualTo("0 → 1");
        assertThat(entry.get("changed").has("rebounds")).isFalse();

        assertThat(EventLog.sentence(jokic(StatLineChanged.Change.REMOVED, 3, 28, 1), before, null, java.util.Map.of()))
                .isEqualTo("Removed the line of Nikola Jokic (DEN) on October 20th, 2021");
    }

    @Test
    void minutesReadAsAGameClockAndDatesWithTheirOrdinal() {
        assertThat(EventLog.clock(new BigDecimal("33.733"))).isEqualTo("33:44");
        assertThat(EventLog.clock(new BigDecimal("0"))).isEqualTo("0:00");
        assertThat(EventLog.clock(new BigDecimal("47.999"))).isEqualTo("48:00");
        assertThat(EventLog.date(LocalDate.of(2021, 11, 1))).isEqualTo("November 1st, 2021");
        assertThat(EventLog.date(LocalDate.of(2022, 1, 2))).isEqualTo("January 2nd, 2022");
        assertThat(EventLog.date(LocalDate.of(2022, 3, 13))).isEqualTo("March 13th, 2022");
        assertThat(EventLog.date(LocalDate.of(2022, 3, 23))).isEqualTo("March 23rd, 2022");
        assertThat(EventLog.date(LocalDate.of(2021, 12, 11))).isEqualTo("December 11th, 2021");
    }

    /** What the event log writes through Spring Boot's own ECS encoder, as the services log in production. */
    private static String captureEcs(Runnable logging) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        if (context.getObject(Environment.class.getName()) == null) {
            context.putObject(Environment.class.getName(), new StandardEnvironment());
        }
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setContext(context);
        encoder.setFormat("ecs");
        encoder.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(out);
        appender.start();
        Logger logger = context.getLogger("courtside.events");
        logger.addAppender(appender);
        try {
            logging.run();
        } finally {
            logger.detachAppender(appender);
            appender.stop();
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
