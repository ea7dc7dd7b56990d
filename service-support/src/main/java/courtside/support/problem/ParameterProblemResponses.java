package courtside.support.problem;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * What both services' problem responses share: every way a query or path parameter can be bad (an undecodable query
 * string, a value that does not convert, a broken constraint, a query record that does not bind) is answered with
 * {@link InvalidRequestParameterException}, through {@link #handleErrorResponseException} so that a service that
 * counts or decorates its answers there sees these too. Each service's {@code @RestControllerAdvice} extends it
 * with what is its own (a lost database, metrics).
 */
public abstract class ParameterProblemResponses extends ResponseEntityExceptionHandler {

    /** A query string Tomcat cannot decode (%zz, bytes that are not UTF-8): the client's fault, not the service's. */
    @ExceptionHandler
    protected ResponseEntity<Object> undecodableParameter(InvalidParameterException e, WebRequest request) {
        return answer(InvalidRequestParameterException.undecodable(), request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return answer(InvalidRequestParameterException.of(e), request);
    }

    /** A query record that did not bind (a value of the wrong type) or, validated on its own, broke a constraint. */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        return answer(InvalidRequestParameterException.of(e), request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        return answer(InvalidRequestParameterException.of(e), request);
    }

    /** Answers a problem the service raised itself as Spring answers any {@link ErrorResponseException}. */
    protected final ResponseEntity<Object> answer(ErrorResponseException e, WebRequest request) {
        return handleErrorResponseException(e, e.getHeaders(), e.getStatusCode(), request);
    }
}
