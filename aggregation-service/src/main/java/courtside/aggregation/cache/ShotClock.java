package courtside.aggregation.cache;

import io.lettuce.core.protocol.CommandHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A shot clock on one connection to Redis: when the connection owes answers (Lettuce's command stack is not empty)
 * and has not heard a byte from Redis for {@code answerWithin}, it is closed, and Lettuce reconnects as after any
 * other disconnect (in at most 2 s, see {@link RedisClientConfiguration}) while commands fail at once meanwhile.
 *
 * <p>Why: when the network drops packets silently (a blackhole: no RST, no ICMP), nothing tells the client the
 * connection is dead. Commands time out (1 s) but the connection stays established, and the kernel retransmits
 * what it sent with an exponential backoff (0.2 s, 0.4 s, ... 26 s after a 30 s cut), so after the network returns
 * the old connection only resumes at its next retransmission: answers stayed BYPASS for 20-27 s
 * ({@code RedisBlackholeTests}). Linux's {@code TCP_USER_TIMEOUT} would close it in the kernel, but Lettuce sets it
 * only with the native epoll transport, which this service does not ship (the JDK's NIO cannot set it); keepalive
 * probes are not sent while data waits to be acknowledged, so they do not help either.
 *
 * <p>Runs on the connection's event loop, as Lettuce's own handler does, so it reads the command stack safely.
 */
final class ShotClock extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ShotClock.class);
    private static final long NOT_OWING = Long.MIN_VALUE;

    private final long answerWithinNanos;
    private final long checkEveryNanos;
    private long lastHeard;
    private long owingSince = NOT_OWING;
    private ScheduledFuture<?> checks;

    ShotClock(Duration answerWithin) {
        this.answerWithinNanos = answerWithin.toNanos();
        // A quarter of the limit, at most half a second: the connection is closed at most that late.
        this.checkEveryNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(20), Math.min(answerWithinNanos / 4,
                TimeUnit.MILLISECONDS.toNanos(500)));
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        lastHeard = System.nanoTime();
        checks = ctx.executor().scheduleAtFixedRate(() -> check(ctx), checkEveryNanos, checkEveryNanos, TimeUnit.NANOSECONDS);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        lastHeard = System.nanoTime();
        super.channelRead(ctx, msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stop();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    private void check(ChannelHandlerContext ctx) {
        CommandHandler commands = ctx.pipeline().get(CommandHandler.class);
        if (commands == null || commands.getStack().isEmpty()) {
            owingSince = NOT_OWING;
            return;
        }
        long now = System.nanoTime();
        if (owingSince == NOT_OWING) {
            owingSince = now;
        }
        long silentFor = now - Math.max(owingSince, lastHeard);
        if (silentFor >= answerWithinNanos) {
            log.warn("Redis at {} has owed {} answers for {} ms without sending a byte: closing the connection to open a new one",
                    ctx.channel().remoteAddress(), commands.getStack().size(), TimeUnit.NANOSECONDS.toMillis(silentFor));
            stop();
            ctx.close();
        }
    }

    private void stop() {
        if (checks != null) {
            checks.cancel(false);
            checks = null;
        }
    }
}
