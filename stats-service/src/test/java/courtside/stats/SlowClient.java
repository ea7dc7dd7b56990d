package courtside.stats;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.IntFunction;

/**
 * A client that sends its request slowly over a raw socket, as a slowloris (one header line now and then) or a
 * dribbling body (one byte now and then) does: no client library that would buffer the request or give up on its
 * own. It sends the start of a request, then one more piece each interval, until the server answers or drops the
 * connection. Both services' tests use it (aggregation-service through stats-service's test jar).
 */
public final class SlowClient implements AutoCloseable {

    /** How long the rest of an answer may take once its first byte came. */
    private static final Duration REST_OF_ANSWER = Duration.ofSeconds(10);

    private final Socket socket;
    private final long opened;

    private SlowClient(Socket socket, long opened) {
        this.socket = socket;
        this.opened = opened;
    }

    /** Connects and sends {@code start}, e.g. a request line and some headers, or a whole head and a body's first byte. */
    public static SlowClient open(int port, String start) {
        long opened = System.nanoTime();
        try {
            Socket socket = new Socket("localhost", port);
            socket.getOutputStream().write(start.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new SlowClient(socket, opened);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the server did with the slow request.
     *
     * @param endedByServer the server answered or closed the connection (rather than waiting for more)
     * @param after         from opening the connection to the server's first byte or its close, or to giving up
     * @param answer        what the server sent (ISO-8859-1), empty when it closed without a word
     */
    public record Outcome(boolean endedByServer, Duration after, String answer) {

        /** The answer's status code, or -1 when there was no answer. */
        public int status() {
            return answer.startsWith("HTTP/1.1 ") && answer.length() >= 12 ? Integer.parseInt(answer.substring(9, 12)) : -1;
        }
    }

    /**
     * Waits {@code every} for the server; while it says nothing, sends the next piece and waits again, for at most
     * {@code pieces} pieces.
     */
    public Outcome dribble(IntFunction<String> piece, int pieces, Duration every) {
        try {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            for (int sent = 0; ; sent++) {
                socket.setSoTimeout((int) every.toMillis());
                try {
                    int first = in.read(); // an answer (408, 400, 429) or the end of the stream: the server gave up on it
                    Duration after = since();
                    return new Outcome(true, after, first < 0 ? "" : (char) first + restOf(in));
                } catch (SocketTimeoutException stillOpen) {
                    if (sent == pieces) {
                        return new Outcome(false, since(), "");
                    }
                    try {
                        out.write(piece.apply(sent).getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                    } catch (SocketException reset) {
                        return new Outcome(true, since(), "");
                    }
                } catch (SocketException reset) {
                    return new Outcome(true, since(), "");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits up to {@code atMost} for the server to answer or close, sending nothing more. */
    public Outcome await(Duration atMost) {
        return dribble(sent -> "", 0, atMost);
    }

    /** The rest of one answer: its head, then its body by Content-Length or chunks, or all until the server closes. */
    private String restOf(InputStream in) throws IOException {
        socket.setSoTimeout((int) REST_OF_ANSWER.toMillis());
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        try {
            String head;
            int b;
            while ((head = rest.toString(StandardCharsets.ISO_8859_1)).indexOf("\r\n\r\n") < 0 && (b = in.read()) >= 0) {
                rest.write(b);
            }
            String lowerHead = head.toLowerCase(java.util.Locale.ROOT);
            int length = lowerHead.indexOf("\ncontent-length:");
            if (length >= 0) {
                int end = lowerHead.indexOf('\r', length);
                rest.write(in.readNBytes(Integer.parseInt(lowerHead.substring(length + 16, end).strip())));
            } else if (lowerHead.contains("\ntransfer-encoding: chunked")) {
                while (!rest.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n0\r\n\r\n") && (b = in.read()) >= 0) {
                    rest.write(b);
                }
            } else {
                in.transferTo(rest);
            }
        } catch (SocketTimeoutException | SocketException endOfWhatCame) {
            // The server stopped sending or reset the connection: what came is the answer.
        }
        return rest.toString(StandardCharsets.ISO_8859_1);
    }

    private Duration since() {
        return Duration.ofNanos(System.nanoTime() - opened);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
