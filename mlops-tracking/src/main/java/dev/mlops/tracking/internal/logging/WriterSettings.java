package dev.mlops.tracking.internal.logging;

import dev.mlops.core.MlopsException;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * What the writer needs to know: queue capacity, how long callers and flushes wait, the heartbeat
 * interval, the clock and where failures are reported.
 *
 * @param queueCapacity the bounded queue's capacity in events
 * @param offerTimeout how long a caller waits for room before its point is dropped (and reported)
 * @param flushTimeout how long {@code flush()} and {@code close()} wait for the backend
 * @param heartbeatInterval how often the lease of running runs is renewed
 * @param clock epoch milliseconds
 * @param failureListener called with every write failure, on the thread writing the round (the writer thread, or a
 *     thread whose flush found no round in progress and wrote it)
 */
public record WriterSettings(int queueCapacity, Duration offerTimeout, Duration flushTimeout,
    Duration heartbeatInterval, LongSupplier clock, Consumer<MlopsException> failureListener) {}
