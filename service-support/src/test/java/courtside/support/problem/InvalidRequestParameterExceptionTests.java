package courtside.support.problem;

import courtside.model.FieldProblem;
import courtside.model.SeasonType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpStatus;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InvalidRequestParameterExceptionTests {

    @Test
    void oneParameterIsNamedInTheDetailAndListed() {
        InvalidRequestParameterException e = InvalidRequestParameterException.of("stat", "must be one of points, rebounds");
        assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(e.getBody().getTitle()).isEqualTo("Invalid request parameter");
        assertThat(e.getBody().getDetail()).isEqualTo("stat must be one of points, rebounds");
        assertThat(e.getBody().getProperties()).containsEntry(FieldProblems.ERRORS,
                List.of(new FieldProblem(null, "stat", "must be one of points, rebounds")));
    }

    @Test
    void aValueOfTheWrongTypeSaysWhatIsExpected() {
        assertThat(InvalidRequestParameterException.of(new TypeMismatchException("bad", SeasonType.class)).getBody()
                .getProperties()).containsEntry(FieldProblems.ERRORS,
                List.of(new FieldProblem(null, null, "must be 'regular' or 'playoffs'")));
        assertThat(InvalidRequestParameterException.of(new TypeMismatchException("x", Integer.class)).getBody().getProperties())
                .containsEntry(FieldProblems.ERRORS, List.of(new FieldProblem(null, null, "must be an integer")));
    }

    @Test
    void anUndecodableQueryStringNamesNoParameter() {
        InvalidRequestParameterException e = InvalidRequestParameterException.undecodable();
        assertThat(e.getBody().getDetail()).isEqualTo("The query string is not valid percent-encoded UTF-8");
        assertThat(e.getBody().getProperties()).isNull();
    }
}
