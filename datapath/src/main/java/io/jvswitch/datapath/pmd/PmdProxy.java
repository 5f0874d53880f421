package io.jvswitch.datapath.pmd;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.jvswitch.datapath.port.PortIo;

/**
 * The control plane's only way into a {@link PmdAgent}: each call becomes a command that runs
 * on the PMD thread between duty cycles (Aeron's SenderProxy). In {@link ThreadingMode#INVOKER}
 * the command runs inline, on the caller, which is then the thread driving {@code doWork()}.
 *
 * <p>Every method returns a future completed on the PMD thread once the command ran, so the
 * control plane knows, e.g., when a removed port may be closed.
 *
 * <p>Threading: any thread.
 */
public final class PmdProxy {
    /** How long {@link #submit} keeps retrying a full command queue before giving up. */
    public static final long OFFER_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);

    private final PmdAgent agent;
    private final ThreadingMode mode;
    private long failedOffers;

    /** A proxy for {@code agent} run in {@code mode}. */
    public PmdProxy(PmdAgent agent, ThreadingMode mode) {
        this.agent = agent;
        this.mode = mode;
    }

    /** Adds {@code port} as datapath port {@code dpPortIndex}: polled and usable as an output. */
    public CompletableFuture<Void> addPort(int dpPortIndex, PortIo port) {
        return submit(() -> {
            agent.onAddPort(dpPortIndex, port);
            return null;
        });
    }

    /**
     * Lets this PMD send to datapath port {@code dpPortIndex} through {@code sender} (a handle from
     * {@link PortIo#openSender()}) without polling it: another PMD polls the port.
     */
    public CompletableFuture<Void> addTxPort(int dpPortIndex, PortIo sender) {
        return submit(() -> {
            agent.onAddTxPort(dpPortIndex, sender);
            return null;
        });
    }

    /** Removes datapath port {@code dpPortIndex}; once the future completes the PMD no longer uses it. */
    public CompletableFuture<Void> removePort(int dpPortIndex) {
        return submit(() -> {
            agent.onRemovePort(dpPortIndex);
            return null;
        });
    }

    /** Replaces the PMD's batch processor. */
    public CompletableFuture<Void> setProcessor(BatchProcessor processor) {
        return submit(() -> {
            agent.onSetProcessor(processor);
            return null;
        });
    }

    /**
     * Runs {@code task} on the PMD thread (e.g. dumping or flushing a MAC table the PMD owns) and
     * completes the future with its result or exception.
     */
    public <T> CompletableFuture<T> submit(Callable<T> task) {
        CompletableFuture<T> future = new CompletableFuture<>();
        Runnable command = () -> {
            try {
                future.complete(task.call());
            } catch (Exception | Error e) {
                future.completeExceptionally(e);
            }
        };
        if (mode == ThreadingMode.INVOKER) {
            command.run();
            return future;
        }
        long deadline = System.nanoTime() + OFFER_TIMEOUT_NS;
        while (!agent.commandQueue().offer(command)) {
            synchronized (this) {
                failedOffers++;
            }
            if (System.nanoTime() - deadline > 0) {
                future.completeExceptionally(new IllegalStateException(agent.roleName() + " command queue full"));
                return future;
            }
            Thread.yield();
        }
        PortWaiter waiter = agent.waiter();
        if (waiter != null) {
            waiter.wakeup();
        }
        return future;
    }

    /** Times a command found the queue full (a sign of a stuck or overloaded PMD). */
    public synchronized long failedOffers() {
        return failedOffers;
    }
}
