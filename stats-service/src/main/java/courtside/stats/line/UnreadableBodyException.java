package courtside.stats.line;

/**
 * The body of {@code POST /log} could not be read as JSON: malformed, not UTF-8, over a parsing limit or over the
 * body cap. Nothing was stored; the cause tells which (the problem response picks the status from it).
 */
public final class UnreadableBodyException extends RuntimeException {

    UnreadableBodyException(Throwable cause) {
        super("the request body could not be read", cause);
    }
}
