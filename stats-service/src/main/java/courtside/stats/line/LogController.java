package courtside.stats.line;

import courtside.stats.web.NotFoundException;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import courtside.model.LineRules;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The write side: {@code POST /log} and {@code DELETE /log/{game_id}/{player_id}}. */
@RestController
final class LogController {

    private final PostedLines posted;
    private final LineRecorder recorder;
    private final IngestMetrics metrics;
    private final Bulkhead bulkhead;
    private final BodyReceiver receiver;

    LogController(PostedLines posted, LineRecorder recorder, IngestMetrics metrics, Bulkhead ingestBulkhead,
                  BodyReceiver receiver) {
        this.posted = posted;
        this.recorder = recorder;
        this.metrics = metrics;
        this.bulkhead = ingestBulkhead;
        this.receiver = receiver;
    }

    @Operation(summary = "Log one box-score line or a batch of up to 1,000 (all stored or none)",
            description = "Posting a stored line again with the same values changes nothing; with different values "
                    + "it is a correction and its version goes up by one.")
    @PostMapping(path = "/log", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(oneOf = {StatLineRequest.class, StatLineRequest[].class})))
    ResponseEntity<Object> log(HttpServletRequest http) throws IOException {
        Optional<BodyReceiver.Received> received = BodyReceiver.received(http);
        if (received.isEmpty()) {
            // The body is read inside the bulkhead: the place is taken before the first byte is read, so that however
            // many clients post at once, only so many bodies and batches are in memory and in the database together.
            // Reading it before taking a place would not hold a place while a slow client sends, but Tomcat serves up
            // to max-connections (2,000) requests at once on virtual threads (threads.max, 200, on platform threads),
            // and 2,000 bodies of 2 MB (or 200: 400 MB) would not fit in the heap; inside, at most max-concurrent (12)
            // do. A slow client is bounded instead by the deadline on the whole body (BodyReceiver), after which its
            // place is free again.
            bulkhead.acquirePermission();
            receiver.receive(http, bulkhead::onComplete);
            return null; // the request comes back here with its body, or with why it has none
        }
        try {
            PostedLines.Posted request = posted.read(received.get().open());
            List<StoredLine> stored = recorder.record(request.lines());
            Map<StoredLine.Outcome, Long> outcomes = stored.stream()
                    .collect(Collectors.groupingBy(StoredLine::outcome, Collectors.counting()));
            outcomes.forEach((outcome, count) -> metrics.accepted(outcome.wireName(), count.intValue()));
            return ResponseEntity.status(HttpStatus.CREATED).body(request.single() ? stored.getFirst() : stored);
        } finally {
            received.get().freePlace();
        }
    }

    @Operation(summary = "Remove a line, e.g. one logged under the wrong team; it drops out of every average")
    @DeleteMapping("/log/{game_id}/{player_id}")
    ResponseEntity<Void> remove(
            @PathVariable("game_id") @Pattern(regexp = LineRules.GAME_ID_FORMAT, message = "must be 1-32 characters of A-Z, a-z, 0-9, _ or -") String gameId,
            @PathVariable("player_id") @Positive(message = "must be a positive integer") long playerId) {
        return recorder.remove(new StatLineId(gameId, playerId))
                .map(removed -> {
                    metrics.accepted("removed", 1);
                    return ResponseEntity.noContent().<Void>build();
                })
                .orElseThrow(() -> new NotFoundException("Line not found",
                        "No line of player %d in game %s".formatted(playerId, gameId)));
    }
}
