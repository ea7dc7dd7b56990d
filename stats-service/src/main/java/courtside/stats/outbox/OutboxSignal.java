package courtside.stats.outbox;

import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Wakes the relay when a transaction that wrote outbox records commits, so an event does not wait a poll. */
@Component
final class OutboxSignal {

    private final Semaphore rings = new Semaphore(0);

    void ring() {
        // One pending ring is enough: the relay drains everything committed when it wakes.
        if (rings.availablePermits() == 0) {
            rings.release();
        }
    }

    /** Waits for a ring or the timeout; clears pending rings. */
    void await(Duration timeout) throws InterruptedException {
        if (rings.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            rings.drainPermits();
        }
    }
}
