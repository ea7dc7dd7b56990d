package courtside.stats.line;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Receives the body of {@code POST /log} under a whole-body deadline ({@link IngestSettings#bodyReadTimeout()}).
 * <p>
 * Tomcat's connection timeout bounds each pause of a client, not the whole body: a client with a valid key that sends
 * a byte every few seconds would hold its ingest place for as long as it likes, and twelve of them every place. A
 * blocking read cannot be given a deadline of its own (its wait is Tomcat's per-read timeout), so the body is read
 * with the Servlet API's non-blocking I/O instead: the request goes asynchronous, the bytes are collected as they
 * come, without a thread waiting for them, and the asynchronous request's timeout, counted from its start, is the
 * deadline (Tomcat checks it about once a second). Whether the body is in, broken or late, the request is dispatched
 * again to its handler, which finds the outcome here ({@link #received}) and answers through the usual exception
 * handling (408 when late, or when the client paused past the connection timeout). The filters in front (rate limits,
 * the body cap) do not run again on that dispatch; the API key check does, and passes as it did.
 * <p>
 * The body is collected whole before it is parsed, so each place holds at most one body of
 * {@link IngestSettings#maxRequestSize()} (allocated by its declared length, at most the cap) besides the lines
 * parsed from it.
 */
@Component
final class BodyReceiver {

    private static final String RECEIVED = BodyReceiver.class.getName() + ".received";
    private static final int CHUNK = 8 * 1024;

    private final Duration deadline;
    private final int maxBytes;

    BodyReceiver(IngestSettings settings) {
        this.deadline = settings.bodyReadTimeout();
        this.maxBytes = (int) Math.min(Integer.MAX_VALUE - 8, settings.maxRequestSize().toBytes());
    }

    /**
     * Starts receiving the body. {@code freePlace} runs exactly once: when the handler calls
     * {@link Received#freePlace()}, or at the latest when the exchange ends, however it ends.
     */
    void receive(HttpServletRequest request, Runnable freePlace) throws IOException {
        Place place = new Place(freePlace);
        try {
            ServletInputStream in = request.getInputStream();
            AsyncContext async = request.startAsync();
            async.setTimeout(deadline.toMillis());
            long declared = request.getContentLengthLong();
            Reception reception = new Reception(async, in, place, declared > 0 ? (int) Math.min(declared, maxBytes) : CHUNK);
            async.addListener(reception);
            in.setReadListener(reception);
        } catch (IOException | RuntimeException e) {
            place.free();
            throw e;
        }
    }

    /** The outcome of {@link #receive}, once the request is back at its handler; empty on its first visit. */
    static Optional<Received> received(HttpServletRequest request) {
        return Optional.ofNullable((Received) request.getAttribute(RECEIVED));
    }

    /** A body received whole, or why not. */
    static final class Received {
        private final byte[] bytes;
        private final int length;
        private final Throwable failure;
        private final boolean late;
        private final Duration deadline;
        private final Place place;

        private Received(byte[] bytes, int length, Throwable failure, boolean late, Duration deadline, Place place) {
            this.bytes = bytes;
            this.length = length;
            this.failure = failure;
            this.late = late;
            this.deadline = deadline;
            this.place = place;
        }

        /**
         * The body.
         *
         * @throws BodyTooSlowException    when it did not arrive whole within the deadline, or the client stopped sending
         * @throws UnreadableBodyException when it broke off or went over the cap (the cause tells which)
         */
        InputStream open() {
            if (late || failure instanceof SocketTimeoutException) {
                throw new BodyTooSlowException(deadline, !late);
            }
            if (failure != null) {
                throw new UnreadableBodyException(failure);
            }
            return new ByteArrayInputStream(bytes, 0, length);
        }

        void freePlace() {
            place.free();
        }
    }

    /** An ingest place, freed once whoever gets there first. */
    private static final class Place {
        private final Runnable free;
        private final AtomicBoolean freed = new AtomicBoolean();

        Place(Runnable free) {
            this.free = free;
        }

        void free() {
            if (freed.compareAndSet(false, true)) {
                free.run();
            }
        }
    }

    /** Collects the bytes as they come and, the first time anything ends it, sends the request back to its handler. */
    private final class Reception implements ReadListener, AsyncListener {
        private final AsyncContext async;
        private final ServletInputStream in;
        private final Place place;
        private final AtomicBoolean settled = new AtomicBoolean();
        private byte[] bytes;
        private int length;
        private volatile Throwable readFailure;

        Reception(AsyncContext async, ServletInputStream in, Place place, int initialCapacity) {
            this.async = async;
            this.in = in;
            this.place = place;
            this.bytes = new byte[initialCapacity];
        }

        @Override
        public void onDataAvailable() {
            try {
                while (!settled.get() && in.isReady()) {
                    if (length == bytes.length) {
                        // Doubling, but never past the cap: the size filter's stream refuses more than that anyway.
                        bytes = Arrays.copyOf(bytes, Math.max(length + 1, Math.min(length * 2, maxBytes + 1)));
                    }
                    int read = in.read(bytes, length, Math.min(CHUNK, bytes.length - length));
                    if (read < 0) {
                        return; // the end: onAllDataRead follows
                    }
                    length += read;
                }
            } catch (IOException | RuntimeException e) {
                settle(e, false);
            }
        }

        @Override
        public void onAllDataRead() {
            settle(null, false);
        }

        /**
         * Only noted: Tomcat goes on to report the error to the asynchronous request's listeners, and only a dispatch
         * made there ({@link #onError(AsyncEvent)}) holds. One made here would be overridden by the container's error
         * dispatch, a 500 (a client silent for the connection timeout, 5 s, is reported this way).
         */
        @Override
        public void onError(Throwable failure) {
            readFailure = failure == null ? new SocketTimeoutException("the client stopped sending") : failure;
        }

        @Override
        public void onError(AsyncEvent event) {
            Throwable failure = readFailure != null ? readFailure : event.getThrowable();
            settle(failure == null ? new SocketTimeoutException("the client stopped sending") : failure, false);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            settle(readFailure, readFailure == null);
        }

        @Override
        public void onComplete(AsyncEvent event) {
            place.free();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // Nothing starts anew: the handler answers on the dispatch.
        }

        private void settle(Throwable failure, boolean late) {
            if (settled.compareAndSet(false, true)) {
                async.getRequest().setAttribute(RECEIVED, new Received(bytes, length, failure, late, deadline, place));
                async.dispatch();
            }
        }
    }
}
