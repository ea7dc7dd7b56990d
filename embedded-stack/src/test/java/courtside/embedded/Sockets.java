package courtside.embedded;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Plain TCP probes: whether something accepts connections on a loopback port, independent of any client. */
final class Sockets {

    private Sockets() {
    }

    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
