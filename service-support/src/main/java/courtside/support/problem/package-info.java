/**
 * Problem responses (RFC 9457) as both services write them: exceptions carry their own problem detail
 * ({@link org.springframework.web.ErrorResponseException}), built with {@link courtside.support.problem.FieldProblems}.
 */
package courtside.support.problem;
