package courtside.stats.line;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.data.domain.PageRequest;

/**
 * The paging of a line query: {@code ?page=0&size=50}, or {@code ?last=N} for the N most recent lines.
 *
 * @param page the page, from 0 (0 when not given)
 * @param size lines a page (50 when not given)
 * @param last the most recent lines to give instead of a page, or {@code null}
 */
record LinePaging(
        @Min(value = 0, message = PAGE_RANGE) @Max(value = MAX_PAGE, message = PAGE_RANGE) Integer page,
        @Min(value = 1, message = SIZE_RANGE) @Max(value = MAX_SIZE, message = SIZE_RANGE) Integer size,
        @Min(value = 1, message = SIZE_RANGE) @Max(value = MAX_SIZE, message = SIZE_RANGE) Integer last) {

    /**
     * The last page a client may ask for: page × size must stay within the int offset Hibernate passes to
     * PostgreSQL (2,147,483,647 would overflow it into a negative offset and a 500). A million pages of 500 is
     * 500 M lines, beyond any player's or team's.
     */
    static final int MAX_PAGE = 1_000_000;
    static final int MAX_SIZE = 500;
    static final String PAGE_RANGE = "must be between 0 and " + MAX_PAGE;
    static final String SIZE_RANGE = "must be between 1 and " + MAX_SIZE;
    private static final int DEFAULT_SIZE = 50;

    /** {@code last=N} is the first page of N lines; otherwise the page asked for. */
    PageRequest pageRequest() {
        return last != null ? PageRequest.of(0, last)
                : PageRequest.of(page == null ? 0 : page, size == null ? DEFAULT_SIZE : size);
    }
}
