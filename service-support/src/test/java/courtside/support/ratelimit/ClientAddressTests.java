package courtside.support.ratelimit;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Whose budget a request spends: a client cannot choose its key by sending X-Forwarded-For itself. */
class ClientAddressTests {

    private final ClientAddress behindProxy = new ClientAddress(List.of("10.0.0.5", "::1"));

    @Test
    void fromAnUntrustedPeerTheHeaderIsIgnored() {
        assertThat(new ClientAddress(List.of()).of(request("203.0.113.9", "198.51.100.1"))).isEqualTo("203.0.113.9");
        assertThat(behindProxy.of(request("203.0.113.9", "198.51.100.1"))).isEqualTo("203.0.113.9");
    }

    @Test
    void fromATrustedProxyTheNearestUntrustedHopIsTheClient() {
        // The client put a fake first hop in; the proxy appended the address it really saw.
        assertThat(behindProxy.of(request("10.0.0.5", "1.2.3.4, 198.51.100.7"))).isEqualTo("198.51.100.7");
        assertThat(behindProxy.of(request("10.0.0.5", "198.51.100.7, 10.0.0.5"))).isEqualTo("198.51.100.7");
        assertThat(behindProxy.of(request("0:0:0:0:0:0:0:1", "198.51.100.8"))).isEqualTo("198.51.100.8");
    }

    @Test
    void aHopThatIsNotAnAddressEndsTheSearchSoNoClientMintsKeys() {
        assertThat(behindProxy.of(request("10.0.0.5", "random-" + System.nanoTime()))).isEqualTo("10.0.0.5");
        assertThat(behindProxy.of(request("10.0.0.5", "evil.example, 198.51.100.9"))).isEqualTo("198.51.100.9");
        assertThat(behindProxy.of(request("10.0.0.5", null))).isEqualTo("10.0.0.5");
    }

    private static MockHttpServletRequest request(String peer, String forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/search");
        request.setRemoteAddr(peer);
        if (forwardedFor != null) {
            request.addHeader("X-Forwarded-For", forwardedFor);
        }
        return request;
    }
}
