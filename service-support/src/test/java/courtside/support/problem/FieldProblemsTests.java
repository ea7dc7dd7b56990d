package courtside.support.problem;

import courtside.model.FieldProblem;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FieldProblemsTests {

    @Test
    void aProblemListsItsErrorsOnlyWhenThereAreAny() {
        ProblemDetail none = FieldProblems.problem(HttpStatus.NOT_FOUND, "Player not found", "No lines of player 7", List.of());
        assertThat(none.getProperties()).isNull();
        assertThat(none.getTitle()).isEqualTo("Player not found");
        assertThat(none.getStatus()).isEqualTo(404);

        List<FieldProblem> errors = List.of(new FieldProblem(0, "minutes_played", "must be at least 0"));
        ProblemDetail some = FieldProblems.problem(HttpStatus.BAD_REQUEST, "Invalid box-score line", "1 problem", errors);
        assertThat(some.getProperties()).containsEntry(FieldProblems.ERRORS, errors);
    }

    @Test
    void notFoundCarriesItsOwnProblem() {
        NotFoundException e = new NotFoundException("Line not found", "No line of player 7 in game g1");
        assertThat(e.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(e.getBody().getTitle()).isEqualTo("Line not found");
        assertThat(e.getBody().getDetail()).isEqualTo("No line of player 7 in game g1");
    }
}
