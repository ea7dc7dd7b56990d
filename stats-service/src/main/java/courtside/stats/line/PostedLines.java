package courtside.stats.line;

import courtside.model.SeasonType;
import courtside.model.FieldProblem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the body of {@code POST /log}: one line object or an array of them, streamed. Each element is bound and
 * validated on its own, so that every bad line is reported with its index and field, not just the first
 * error of the request.
 */
@Component
final class PostedLines {

    private final JsonMapper json;
    private final ObjectReader element;
    private final Validator validator;
    private final IngestSettings settings;

    PostedLines(JsonMapper json, Validator validator, IngestSettings settings) {
        this.json = json;
        // One element at a time: the tokens after an element are the rest of the batch, not trailing garbage
        // (the end of the body is checked once, after the last element).
        this.element = json.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.validator = validator;
        this.settings = settings;
    }

    /** The lines of a request; {@code single} when the body was one object rather than an array. */
    record Posted(List<StatLineRequest> lines, boolean single) {
    }

    /**
     * Reads the body as a stream: one element at a time is parsed into a small tree and bound, so a request never
     * holds more than the lines of one batch, and an array longer than a batch is refused at its first line too
     * many, without reading the rest. The body is decoded as strict UTF-8 (RFC 8259): a malformed or overlong byte
     * sequence is an error, not a replacement character stored in a name.
     *
     * @throws InvalidLinesException   when any line is malformed or breaks a rule (nothing is stored)
     * @throws BatchTooLargeException  when the array holds more lines than a batch may
     * @throws UnreadableBodyException when the body is not JSON, not UTF-8 or over a parsing limit
     */
    Posted read(InputStream body) {
        Reader utf8 = new InputStreamReader(body, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        try (JsonParser parser = json.createParser(utf8)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new UnreadableBodyException(null);
            }
            if (first != JsonToken.START_ARRAY) {
                JsonNode node = this.element.readTree(parser);
                requireEnd(parser);
                if (node == null || !node.isObject()) {
                    throw new InvalidLinesException(List.of(new FieldProblem(null, null,
                            "the body must be a line object or an array of line objects")), 1);
                }
                return new Posted(List.of(bind(node, null, 1)), true);
            }
            return readBatch(parser);
        } catch (JacksonException e) {
            throw new UnreadableBodyException(e);
        }
    }

    private Posted readBatch(JsonParser parser) {
        List<StatLineRequest> lines = new ArrayList<>();
        List<FieldProblem> problems = new ArrayList<>();
        Map<StatLineId, Integer> firstIndex = new HashMap<>();
        int index = 0;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken(), index++) {
            if (token == null) {
                throw new UnreadableBodyException(null);
            }
            if (index == settings.maxBatchLines()) {
                throw new BatchTooLargeException(index + 1, settings.maxBatchLines());
            }
            JsonNode element = this.element.readTree(parser);
            try {
                // The count is not known before the end: a line's problems name the lines read so far.
                StatLineRequest line = bind(element, index, index + 1);
                Integer earlier = firstIndex.putIfAbsent(line.id(), index);
                if (earlier != null) {
                    problems.add(new FieldProblem(index, "player_id", "line %d already has player %d in game %s; post one line per player and game"
                            .formatted(earlier, line.playerId(), line.gameId())));
                }
                lines.add(line);
            } catch (InvalidLinesException e) {
                problems.addAll(e.problems());
            }
        }
        requireEnd(parser);
        if (index == 0) {
            throw new InvalidLinesException(List.of(new FieldProblem(null, null, "a batch needs at least one line")), 0);
        }
        if (!problems.isEmpty()) {
            throw new InvalidLinesException(problems, index);
        }
        return new Posted(lines, false);
    }

    /** Nothing may follow the line or the batch: two documents, or trailing text, have no single meaning. */
    private static void requireEnd(JsonParser parser) {
        if (parser.nextToken() != null) {
            throw new UnreadableBodyException(null);
        }
    }

    private StatLineRequest bind(JsonNode node, Integer index, int lineCount) {
        if (node == null || !node.isObject()) {
            throw new InvalidLinesException(List.of(new FieldProblem(index, null, "must be a line object")), lineCount);
        }
        StatLineRequest line;
        try {
            line = json.treeToValue(node, StatLineRequest.class);
        } catch (JacksonException e) {
            throw new InvalidLinesException(List.of(new FieldProblem(index, fieldOf(e), messageFor(e))), lineCount);
        }
        List<FieldProblem> problems = new ArrayList<>();
        for (ConstraintViolation<StatLineRequest> violation : validator.validate(line)) {
            problems.add(new FieldProblem(index, FieldProblem.wireName(violation.getPropertyPath().toString()), violation.getMessage()));
        }
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing(FieldProblem::field, Comparator.nullsFirst(String::compareTo)));
            throw new InvalidLinesException(problems, lineCount);
        }
        return line;
    }

    private static String fieldOf(JacksonException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return unknown.getPropertyName();
        }
        List<JacksonException.Reference> path = e.getPath();
        return path.isEmpty() ? null : path.getLast().getPropertyName();
    }

    private static String messageFor(JacksonException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "unknown field: a misspelt stat would be lost, so the line is refused";
        }
        Class<?> target = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        if (target == null) {
            return "has the wrong type or format";
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
            return "must be a whole number";
        }
        if (target == BigDecimal.class) {
            return "must be a number";
        }
        if (target == LocalDate.class) {
            return "must be a date as YYYY-MM-DD";
        }
        if (target == SeasonType.class) {
            return "must be 'regular' or 'playoffs'";
        }
        if (target == String.class) {
            return "must be a string";
        }
        return "has the wrong type or format";
    }
}
