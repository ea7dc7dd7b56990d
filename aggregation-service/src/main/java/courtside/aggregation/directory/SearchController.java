package courtside.aggregation.directory;

import courtside.support.problem.InvalidRequestParameterException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Finds players and teams by name, for the dashboard's search box. */
@RestController
final class SearchController {

    private final NameSearch names;

    SearchController(NameSearch names) {
        this.names = names;
    }

    @Operation(summary = "Players and teams with a word of their name (or the whole name) that starts with q (case ignored)")
    @GetMapping("/search")
    NameSearch.Found search(
            @RequestParam @Size(max = 100, message = "must be 2 to 100 characters") String q,
            @RequestParam(defaultValue = "20") @Min(value = 1, message = "must be between 1 and 100")
            @Max(value = 100, message = "must be between 1 and 100") int limit) {
        // Spaces around the text do not count: "   " once passed as three characters and matched everyone.
        String text = q.strip();
        if (text.length() < 2) {
            throw InvalidRequestParameterException.of("q", "must be 2 to 100 characters, not counting spaces at either end");
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw InvalidRequestParameterException.of("q", "must not contain control characters");
        }
        return names.search(text, limit);
    }
}
