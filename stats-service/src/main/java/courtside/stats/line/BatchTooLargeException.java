package courtside.stats.line;

/** More lines in one request than a batch may hold (413). */
public final class BatchTooLargeException extends RuntimeException {

    private final int lines;
    private final int maxLines;

    BatchTooLargeException(int lines, int maxLines) {
        super(lines + " lines, at most " + maxLines);
        this.lines = lines;
        this.maxLines = maxLines;
    }

    public int lines() {
        return lines;
    }

    public int maxLines() {
        return maxLines;
    }
}
