package io.jvswitch.datapath.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.jvswitch.api.CommandReply;
import io.jvswitch.api.CommandRequest;
import io.jvswitch.api.ControlGrpc;
import io.jvswitch.api.VersionReply;
import io.jvswitch.api.VersionRequest;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlServerTest {

    @TempDir
    Path dir;

    private final CommandRegistry commands = new CommandRegistry();
    private final CountDownLatch slowRelease = new CountDownLatch(1);
    private ControlServer server;
    private EventLoopGroup group;
    private ManagedChannel channel;
    private Path socket;

    @BeforeEach
    void startServer() throws Exception {
        socket = dir.resolve("jvs.sock");
        Files.writeString(socket, "stale");
        commands.register("echo", ctx -> CommandResult.ok(ctx.invokedAs() + ":" + String.join(",", ctx.args())
                + ":" + ctx.stdoutIsTty() + ":" + new String(ctx.stdin(), StandardCharsets.UTF_8)));
        commands.register("boom", ctx -> {
            throw new IllegalStateException("kaput\nsecond line");
        });
        commands.register("slow", ctx -> {
            slowRelease.await(5, TimeUnit.SECONDS);
            return CommandResult.ok("late");
        });
        server = new ControlServer(socket, new ControlServiceAdapter(commands,
                () -> VersionReply.newBuilder().setVersion("9.9").setDbSchemaVersion("8.3.1").build()));
        server.start();
        group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        channel = NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()))
                .channelType(EpollDomainSocketChannel.class).eventLoopGroup(group).usePlaintext().build();
    }

    @AfterEach
    void stop() {
        slowRelease.countDown();
        channel.shutdownNow();
        group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
        server.close();
    }

    private CommandReply run(String program, String... args) {
        return ControlGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS).run(
                CommandRequest.newBuilder().setProgram(program).addAllArgs(List.of(args)).setInvokedAs("ovs-vsctl")
                        .build());
    }

    @Test
    void shouldReplaceStaleFileWithSocketOfMode0660WhenStarted() throws Exception {
        assertThat(Files.getPosixFilePermissions(socket)).isEqualTo(PosixFilePermissions.fromString("rw-rw----"));
        assertThat(Files.isRegularFile(socket)).isFalse();
    }

    @Test
    void shouldDispatchToHandlerByProgramWhenRunCalled() {
        CommandReply reply = ControlGrpc.newBlockingStub(channel).run(CommandRequest.newBuilder().setProgram("echo")
                .addArgs("a").addArgs("b").setInvokedAs("jvs-x").setStdoutIsTty(true)
                .setStdin(ByteString.copyFromUtf8("in")).build());
        assertThat(reply.getStdout()).isEqualTo("jvs-x:a,b:true:in");
        assertThat(reply.getExitCode()).isZero();
    }

    @Test
    void shouldReplyWithPrefixedErrorWhenProgramUnknown() {
        CommandReply reply = run("vsctl", "show");
        assertThat(reply.getExitCode()).isEqualTo(1);
        assertThat(reply.getStderr()).startsWith("ovs-vsctl: ").contains("\"vsctl\"").endsWith("\n");
    }

    @Test
    void shouldReplyWithInternalErrorWhenHandlerThrows() {
        CommandReply reply = run("boom");
        assertThat(reply.getExitCode()).isEqualTo(1);
        assertThat(reply.getStderr()).isEqualTo("ovs-vsctl: internal error: kaput\n");
    }

    @Test
    void shouldAnswerVersionWhenAsked() {
        VersionReply reply = ControlGrpc.newBlockingStub(channel).version(VersionRequest.getDefaultInstance());
        assertThat(reply.getVersion()).isEqualTo("9.9");
        assertThat(reply.getDbSchemaVersion()).isEqualTo("8.3.1");
    }

    @Test
    void shouldKeepServingWhenClientLeavesMidCall() {
        assertThatThrownBy(() -> ControlGrpc.newBlockingStub(channel).withDeadlineAfter(100, TimeUnit.MILLISECONDS)
                .run(CommandRequest.newBuilder().setProgram("slow").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
        slowRelease.countDown();
        assertThat(run("echo", "x").getStdout()).isEqualTo("ovs-vsctl:x:false:");
    }

    @Test
    void shouldRefuseOversizedRequestAndKeepServing() {
        ByteString huge = ByteString.copyFrom(new byte[ControlServer.MAX_INBOUND_MESSAGE_LENGTH + 1]);
        assertThatThrownBy(() -> ControlGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                .run(CommandRequest.newBuilder().setProgram("echo").setStdin(huge).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
        assertThat(run("echo", "y").getStdout()).isEqualTo("ovs-vsctl:y:false:");
    }

    @Test
    void shouldAnswerEachOfManyConcurrentClientsWithItsOwnReply() throws Exception {
        int clients = 24;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> replies = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                String arg = "c" + i;
                replies.add(pool.submit(() -> run("echo", arg).getStdout()));
            }
            for (int i = 0; i < clients; i++) {
                assertThat(replies.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("ovs-vsctl:c" + i + ":false:");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldRemoveSocketWhenClosed() {
        server.close();
        assertThat(socket).doesNotExist();
    }

    @Test
    void shouldRefuseSecondServiceOfSameNameWhenAdded() {
        CommandRegistry other = new CommandRegistry();
        assertThatThrownBy(() -> server.addService(new ControlServiceAdapter(other, VersionReply::getDefaultInstance)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("jvswitch.v1.Control");
    }
}
