package courtside.support.problem;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import java.util.List;

/** Nothing stored matches: an unknown player, team, season or line (404), with a title saying which. */
public final class NotFoundException extends ErrorResponseException {

    public NotFoundException(String title, String detail) {
        super(HttpStatus.NOT_FOUND, FieldProblems.problem(HttpStatus.NOT_FOUND, title, detail, List.of()), null);
    }
}
