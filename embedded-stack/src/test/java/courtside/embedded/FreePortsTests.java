package courtside.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The ports the stack picks for its servers. A picked port is probed free and only bound a moment later,
 * while the other servers of the stack start and open outgoing connections: a port from the kernel's
 * ephemeral range can be taken in between as the local end of one of them (CI saw "Redis did not start").
 */
class FreePortsTests {

    @Test
    void aPickedPortIsNeverOneTheKernelHandsToOutgoingConnections() throws IOException {
        FreePorts.EphemeralRange range = FreePorts.EphemeralRange.ofThisMachine();
        int low = range.low();
        int high = range.high();

        for (int i = 0; i < 200; i++) {
            int port = FreePorts.pick();
            assertThat(port < low || port > high).as("port %d outside %d-%d", port, low, high).isTrue();
        }
    }

    @Test
    void theEphemeralRangeIsReadFromTheKernel() {
        assertThat(Files.isReadable(Path.of("/proc/sys/net/ipv4/ip_local_port_range")))
                .as("a Linux machine").isTrue();

        FreePorts.EphemeralRange range = FreePorts.EphemeralRange.ofThisMachine();

        // Files.readString would have read "3" from "32768\t60999": both bounds, as the kernel writes them.
        assertThat(range.low()).isGreaterThan(1_000);
        assertThat(range.high()).isGreaterThan(range.low());
    }

    @Test
    void aPickedPortIsFreeOnLoopback() throws IOException {
        int port = FreePorts.pick();

        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void aPortInUseIsNotPicked() throws IOException {
        try (ServerSocket taken = new ServerSocket(FreePorts.pick(), 1, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < 200; i++) {
                assertThat(FreePorts.pick()).isNotEqualTo(taken.getLocalPort());
            }
        }
    }
}
