package courtside.aggregation.directory;

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

    private final Directory directory;

    SearchController(Directory directory) {
        this.directory = directory;
    }

    @Operation(summary = "Players and teams whose name contains q (case ignored)")
    @GetMapping("/search")
    Directory.Found search(
            @RequestParam @Size(min = 2, max = 100, message = "must be 2 to 100 characters") String q,
            @RequestParam(defaultValue = "20") @Min(value = 1, message = "must be between 1 and 100")
            @Max(value = 100, message = "must be between 1 and 100") int limit) {
        return directory.search(q.strip(), limit);
    }
}
