package courtside.stats.line;

import courtside.support.problem.NotFoundException;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import courtside.model.LineRules;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The write side: {@code POST /log} and {@code DELETE /log/{game_id}/{player_id}}. */
@RestController
final class LogController {

    private final PostedLines posted;
    private final LineRecorder recorder;
    private final IngestMetrics metrics;
    private final Bulkhead bulkhead;
    private final IngestConcurrency concurrency;

    LogController(PostedLines posted, LineRecorder recorder, IngestMetrics metrics, Bulkhead ingestBulkhead,
                  IngestConcurrency concurrency) {
        this.posted = posted;
        this.recorder = recorder;
        this.metrics = metrics;
        this.bulkhead = ingestBulkhead;
        this.concurrency = concurrency;
    }

    @Operation(summary = "Log one box-score line or a batch of up to 1,000 (all stored or none)",
            description = "Posting a stored line again with the same values changes nothing; with different values "
                    + "it is a correction and its version goes up by one.")
    @PostMapping(path = "/log", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(oneOf = {StatLineRequest.class, StatLineRequest[].class})))
    ResponseEntity<Object> log(InputStream body) {
        // The body is read inside the bulkhead: the place is taken before the first byte is parsed, so that
        // however many clients post at once, only so many batches are in memory and in the database together.
        try {
            bulkhead.acquirePermission();
        } catch (BulkheadFullException e) {
            throw new IngestBusyException(concurrency.retryAfter(), e);
        }
        try {
            PostedLines.Posted request = posted.read(body);
            List<StoredLine> stored = recorder.record(request.lines());
            Map<StoredLine.Outcome, Long> outcomes = stored.stream()
                    .collect(Collectors.groupingBy(StoredLine::outcome, Collectors.counting()));
            outcomes.forEach((outcome, count) -> metrics.accepted(outcome.wireName(), count.intValue()));
            return ResponseEntity.status(HttpStatus.CREATED).body(request.single() ? stored.getFirst() : stored);
        } finally {
            bulkhead.onComplete();
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
