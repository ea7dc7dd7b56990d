package courtside.support.ratelimit;

import jakarta.servlet.http.HttpServletRequest;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who a request comes from, as the rate limits count it: the peer's address, or, when the peer is a trusted proxy,
 * the nearest address in {@code X-Forwarded-For} that is not one of the trusted proxies. Addresses are normalised
 * ({@code ::1} and {@code 0:0:0:0:0:0:0:1} are one client) and anything that is not an address literal is ignored,
 * so a client cannot mint keys of its own.
 */
final class ClientAddress {

    private final Set<InetAddress> trustedProxies;

    ClientAddress(Collection<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(ClientAddress::literal).flatMap(Optional::stream)
                .collect(Collectors.toUnmodifiableSet());
    }

    static Optional<InetAddress> literal(String text) {
        try {
            return Optional.of(InetAddress.ofLiteral(text.strip()));
        } catch (IllegalArgumentException notAnAddress) {
            return Optional.empty();
        }
    }

    String of(HttpServletRequest request) {
        InetAddress peer = literal(request.getRemoteAddr()).orElse(null);
        if (peer == null) {
            return request.getRemoteAddr();
        }
        InetAddress client = peer;
        if (trustedProxies.contains(peer)) {
            List<String> forwarded = request.getHeaders("X-Forwarded-For") == null ? List.of()
                    : Collections.list(request.getHeaders("X-Forwarded-For")).stream()
                    .flatMap(header -> Arrays.stream(header.split(","))).toList();
            // Right to left: each trusted proxy appended the address it received the request from.
            for (int i = forwarded.size() - 1; i >= 0; i--) {
                Optional<InetAddress> hop = literal(forwarded.get(i));
                if (hop.isEmpty()) {
                    break;
                }
                client = hop.get();
                if (!trustedProxies.contains(client)) {
                    break;
                }
            }
        }
        return client.getHostAddress();
    }
}
