package io.jvswitch.bench.control;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.jvswitch.api.ConfigGrpc;
import io.jvswitch.api.TransactReply;
import io.jvswitch.api.TransactRequest;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainSocketAddress;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: transactions per second through the gRPC {@code Config.Transact} API of a running
 * {@code jvs-vswitchd} (each acknowledged only after its journal record is fsynced), and the
 * latency distribution of one transaction.
 *
 * <p>Run against a daemon on a scratch run directory (it adds and removes ports on a bridge named
 * {@code bench-br}, which must exist: {@code jvs-vsctl add-br bench-br}):
 * {@code java -cp benchmarks/target/benchmarks.jar io.jvswitch.bench.control.ConfigTransactThroughput
 * $JVS_RUNDIR/jvs.sock 500}.
 */
public final class ConfigTransactThroughput {
    private ConfigTransactThroughput() {
    }

    /** Entry point: {@code SOCKET [TRANSACTIONS]}. */
    public static void main(String[] args) throws Exception {
        String socket = args[0];
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        ManagedChannel channel = NettyChannelBuilder.forAddress(new DomainSocketAddress(socket))
                .channelType(EpollDomainSocketChannel.class).eventLoopGroup(group).usePlaintext().build();
        try {
            ConfigGrpc.ConfigBlockingStub stub = ConfigGrpc.newBlockingStub(channel);
            long[] latencyNs = new long[count];
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long t0 = System.nanoTime();
                TransactReply reply = stub.transact(TransactRequest.newBuilder()
                        .setOperationsJson(operations(i)).build());
                latencyNs[i] = System.nanoTime() - t0;
                if (reply.getResultsJson().contains("\"error\"")) {
                    throw new IllegalStateException("transaction " + i + " failed: " + reply.getResultsJson());
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(latencyNs);
            System.out.printf("transactions=%d seconds=%.2f rate=%.0f/s p50=%.2fms p99=%.2fms%n", count, seconds,
                    count / seconds, latencyNs[count / 2] / 1e6, latencyNs[count * 99 / 100] / 1e6);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        }
    }

    /** One libvirt-like change: the Bridge's external_ids key "bench" set to the transaction number. */
    private static String operations(int i) {
        return "[{\"op\":\"mutate\",\"table\":\"Bridge\",\"where\":[[\"name\",\"==\",\"bench-br\"]],"
                + "\"mutations\":[[\"external_ids\",\"delete\",[\"set\",[\"bench\"]]]]},"
                + "{\"op\":\"mutate\",\"table\":\"Bridge\",\"where\":[[\"name\",\"==\",\"bench-br\"]],"
                + "\"mutations\":[[\"external_ids\",\"insert\",[\"map\",[[\"bench\",\"" + i + "\"]]]]]}]";
    }
}
