package courtside.stats.line;

import courtside.model.SeasonType;
import courtside.model.FieldProblem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the body of {@code POST /log}: one line object or an array of them. Each element is bound and
 * validated on its own, so that every bad line is reported with its index and field, not just the first
 * error of the request.
 */
@Component
final class PostedLines {

    private final JsonMapper json;
    private final Validator validator;
    private final IngestSettings settings;

    PostedLines(JsonMapper json, Validator validator, IngestSettings settings) {
        this.json = json;
        this.validator = validator;
        this.settings = settings;
    }

    /** The lines of a request; {@code single} when the body was one object rather than an array. */
    record Posted(List<StatLineRequest> lines, boolean single) {
    }

    /**
     * @throws InvalidLinesException  when any line is malformed or breaks a rule (nothing is stored)
     * @throws BatchTooLargeException when the array holds more lines than a batch may
     */
    Posted read(JsonNode body) {
        if (body.isObject()) {
            return new Posted(List.of(bind(body, null, 1)), true);
        }
        if (!body.isArray()) {
            throw new InvalidLinesException(List.of(new FieldProblem(null, null,
                    "the body must be a line object or an array of line objects")), 1);
        }
        if (body.isEmpty()) {
            throw new InvalidLinesException(List.of(new FieldProblem(null, null, "a batch needs at least one line")), 0);
        }
        if (body.size() > settings.maxBatchLines()) {
            throw new BatchTooLargeException(body.size(), settings.maxBatchLines());
        }
        List<StatLineRequest> lines = new ArrayList<>(body.size());
        List<FieldProblem> problems = new ArrayList<>();
        Map<StatLineId, Integer> firstIndex = new HashMap<>();
        for (int index = 0; index < body.size(); index++) {
            try {
                StatLineRequest line = bind(body.get(index), index, body.size());
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
        if (!problems.isEmpty()) {
            throw new InvalidLinesException(problems, body.size());
        }
        return new Posted(lines, false);
    }

    private StatLineRequest bind(JsonNode node, Integer index, int lineCount) {
        if (!node.isObject()) {
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
