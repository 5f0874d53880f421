package io.jvswitch.datapath.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jvswitch.datapath.EpollPortWaiter;
import io.jvswitch.datapath.linux.Epoll;
import io.jvswitch.datapath.packet.PacketBatch;

/**
 * The behaviour every {@link PortIo} on a real device must show, written once and run on each
 * port type. A subclass opens the port under test and a "peer" {@link PortIo} on the other side
 * of the wire (the other veth end, or a packet socket on the TAP itself), and knows how to set the
 * port's device down, delete it and change its MTU.
 *
 * <p>Test frames use the local experimental EtherType 0x88B5 and a fixed source MAC; everything
 * else the kernel may emit on the devices is ignored. Receives poll for at most two seconds.
 */
public abstract class PortIoContract {
    protected static final int TEST_ETHERTYPE = 0x88B5;
    private static final long WAIT_NS = 2_000_000_000L;
    private static final byte[] DST = {0x02, 0x4a, 0x56, 0x00, 0x00, 0x02};
    private static final byte[] SRC = {0x02, 0x4a, 0x56, 0x00, 0x00, 0x01};

    private final long seed = System.nanoTime();
    private final Random random = new Random(seed);
    protected PortIo port;
    protected PortIo peer;

    /** Creates devices and opens the port under test and its peer (both with the link up). */
    protected abstract void openPortAndPeer() throws Exception;

    /** The device the port under test is on. */
    protected abstract String portDevice();

    /** Sets the MTU of every device a frame crosses between port and peer. */
    protected abstract void setMtu(int mtu) throws Exception;

    /** Closes ports and removes devices. */
    protected abstract void cleanUp() throws Exception;

    /** Sets the port's device administratively up or down. */
    protected abstract void setPortLinkUp(boolean up) throws Exception;

    /** Deletes the port's device while the port is open. */
    protected abstract void deletePortDevice() throws Exception;

    @BeforeEach
    void open() throws Exception {
        openPortAndPeer();
    }

    @AfterEach
    void close() throws Exception {
        cleanUp();
    }

    private String seedInfo() {
        return "seed " + seed;
    }

    @Test
    void shouldCarryOneFrameEachWayWhenLinkIsUp() {
        byte[] toPort = frame(100, 1);
        send(peer, toPort);
        expectReceived(port, new PacketBatch(), toPort);

        byte[] toPeer = frame(60, 2);
        assertThat(send(port, toPeer)).isEqualTo(1);
        expectReceived(peer, new PacketBatch(), toPeer);
        assertThat(port.isLinkUp()).isTrue();
    }

    @Test
    void shouldCarryBurstsOf32InOrderWhenSentInOneBatch() {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < PacketBatch.MAX_BURST; i++) {
            frames.add(frame(60 + random.nextInt(1400), i));
        }
        assertThat(send(peer, frames.toArray(new byte[0][]))).isEqualTo(PacketBatch.MAX_BURST);
        expectReceived(port, new PacketBatch(), frames.toArray(new byte[0][]));

        assertThat(send(port, frames.toArray(new byte[0][]))).isEqualTo(PacketBatch.MAX_BURST);
        expectReceived(peer, new PacketBatch(), frames.toArray(new byte[0][]));
    }

    @Test
    void shouldCarryJumboFramesWhenMtuIs9000() throws Exception {
        setMtu(9000);
        byte[] jumbo = frame(9014, 7);
        send(peer, jumbo);
        expectReceived(port, new PacketBatch(), jumbo);
        assertThat(send(port, jumbo)).isEqualTo(1);
        expectReceived(peer, new PacketBatch(), jumbo);
    }

    @Test
    void shouldDropAndCountFramesLongerThanTheBatchCapacity() throws Exception {
        setMtu(9000);
        byte[] big = frame(4000, 1);
        byte[] small = frame(100, 2);
        send(peer, big, small);
        expectReceived(port, new PacketBatch(2048), small);
        assertThat(port.stats().rxDropped).isEqualTo(1);
    }

    @Test
    void shouldKeepTheVlanTagWhenATaggedFrameArrives() {
        byte[] tagged = vlanFrame(200, 10, 3, 5);
        send(peer, tagged);
        expectReceived(port, new PacketBatch(), tagged);

        byte[] taggedOut = vlanFrame(80, 4000, 0, 6);
        assertThat(send(port, taggedOut)).isEqualTo(1);
        expectReceived(peer, new PacketBatch(), taggedOut);
    }

    @Test
    void shouldNotReadBackItsOwnTransmissions() {
        assertThat(send(port, frame(100, 1), frame(100, 2), frame(100, 3))).isEqualTo(3);
        assertThat(receive(peer, 3, new PacketBatch())).hasSize(3);
        assertThat(describe(receiveFor(port, 200_000_000L, new PacketBatch()))).isEmpty();
    }

    @Test
    void shouldReportLinkDownAndRecoverWhenTheDeviceGoesDownAndUp() throws Exception {
        setPortLinkUp(false);
        assertThat(port.isLinkUp()).isFalse();
        PacketBatch batch = new PacketBatch();
        assertThatCode(() -> {
            assertThat(port.receive(batch)).isZero();
            port.send(batchOf(frame(100, 1)));
        }).doesNotThrowAnyException();

        setPortLinkUp(true);
        long deadline = System.nanoTime() + WAIT_NS;
        while (!port.isLinkUp() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(port.isLinkUp()).isTrue();
        receiveFor(port, 50_000_000L, new PacketBatch());
        byte[] after = frame(100, 9);
        send(peer, after);
        expectReceived(port, new PacketBatch(), after);
    }

    @Test
    void shouldReceiveNothingAndNotThrowWhenTheDeviceIsDeleted() throws Exception {
        deletePortDevice();
        assertThat(port.isLinkUp()).isFalse();
        assertThatCode(() -> {
            for (int i = 0; i < 3; i++) {
                assertThat(port.receive(new PacketBatch(2048))).isZero();
                assertThat(port.send(batchOf(frame(100, 1)))).isZero();
            }
        }).doesNotThrowAnyException();
        assertThat(port.isLinkUp()).isFalse();
    }

    @Test
    void shouldWakeAnEpollWaiterOnItsPollFdWhenAFrameArrives() throws Exception {
        try (Epoll epoll = Epoll.create(2)) {
            epoll.add(port.pollFd(), Epoll.EPOLLIN, 5);
            receiveFor(port, 20_000_000L, new PacketBatch());
            send(peer, frame(100, 1));
            assertThat(epoll.await(1000)).isEqualTo(1);
            assertThat(epoll.readyData(0)).isEqualTo(5);
            assertThat(epoll.readyEvents(0) & Epoll.EPOLLIN).isNotZero();
        }
    }

    @Test
    void shouldWakeAnEpollPortWaiterForAFrameThatCameBeforeOrDuringItsWait() throws Exception {
        try (EpollPortWaiter waiter = EpollPortWaiter.open()) {
            waiter.addFd(port.pollFd());
            receiveFor(port, 20_000_000L, new PacketBatch());
            long start = System.nanoTime();
            assertThat(waiter.waitForInput(60)).isZero();
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(40_000_000L);

            send(peer, frame(100, 1));
            Thread.sleep(20);
            assertThat(waiter.waitForInput(2000)).as("frame waiting before the wait began").isEqualTo(1);
            assertThat(waiter.waitForInput(2000)).as("still unread").isEqualTo(1);
            receiveFor(port, 50_000_000L, new PacketBatch());

            Thread sender = new Thread(() -> {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                send(peer, frame(100, 2));
            });
            sender.start();
            start = System.nanoTime();
            assertThat(waiter.waitForInput(5000)).as("frame arriving during the wait").isEqualTo(1);
            assertThat(System.nanoTime() - start).isLessThan(3_000_000_000L);
            sender.join();

            receiveFor(port, 50_000_000L, new PacketBatch());
            waiter.wakeup();
            start = System.nanoTime();
            assertThat(waiter.waitForInput(5000)).isZero();
            assertThat(System.nanoTime() - start).isLessThan(3_000_000_000L);
        }
    }

    @Test
    void shouldReleaseTheFdAndStayQuietWhenClosedTwice() {
        port.close();
        port.close();
        assertThat(port.pollFd()).isEqualTo(-1);
        assertThat(port.receive(new PacketBatch(2048))).isZero();
        assertThat(port.isLinkUp()).isFalse();
    }

    // ------------------------------------------------------------------ helpers

    /** An untagged test frame of {@code length} bytes whose payload starts with {@code sequence}. */
    protected byte[] frame(int length, int sequence) {
        byte[] frame = new byte[length];
        random.nextBytes(frame);
        System.arraycopy(DST, 0, frame, 0, 6);
        System.arraycopy(SRC, 0, frame, 6, 6);
        frame[12] = (byte) (TEST_ETHERTYPE >>> 8);
        frame[13] = (byte) TEST_ETHERTYPE;
        frame[14] = (byte) (sequence >>> 8);
        frame[15] = (byte) sequence;
        return frame;
    }

    /** A test frame with one 802.1Q tag. */
    protected byte[] vlanFrame(int length, int vid, int pcp, int sequence) {
        byte[] inner = frame(length - 4, sequence);
        byte[] frame = new byte[length];
        System.arraycopy(inner, 0, frame, 0, 12);
        frame[12] = (byte) 0x81;
        frame[13] = 0;
        int tci = pcp << 13 | vid;
        frame[14] = (byte) (tci >>> 8);
        frame[15] = (byte) tci;
        System.arraycopy(inner, 12, frame, 16, inner.length - 12);
        return frame;
    }

    protected static PacketBatch batchOf(byte[]... frames) {
        PacketBatch batch = new PacketBatch();
        for (byte[] frame : frames) {
            int i = batch.claim();
            batch.memory().putBytes(batch.frameOffset(i), frame);
            batch.setFrameLength(i, frame.length);
        }
        return batch;
    }

    protected static int send(PortIo io, byte[]... frames) {
        return io.send(batchOf(frames));
    }

    /** Receives from {@code io} until exactly {@code frames} (test frames only, in order) arrived. */
    protected void expectReceived(PortIo io, PacketBatch batch, byte[]... frames) {
        List<String> expected = describe(List.of(frames));
        assertThat(describe(receive(io, frames.length, batch))).as(seedInfo()).containsExactlyElementsOf(expected);
    }

    /** A short text naming a frame (length, sequence number, CRC) so failures print readably. */
    protected static String describe(byte[] frame) {
        CRC32 crc = new CRC32();
        crc.update(frame);
        int sequence = frame.length > 17 && frame[12] == (byte) 0x81
            ? (frame[18] & 0xFF) << 8 | frame[19] & 0xFF
            : (frame[14] & 0xFF) << 8 | frame[15] & 0xFF;
        return "len=" + frame.length + " seq=" + sequence + " crc=" + Long.toHexString(crc.getValue());
    }

    protected static List<String> describe(List<byte[]> frames) {
        List<String> descriptions = new ArrayList<>();
        for (byte[] frame : frames) {
            descriptions.add(describe(frame));
        }
        return descriptions;
    }

    /** Receives until {@code expected} test frames arrived or two seconds passed. */
    protected static List<byte[]> receive(PortIo io, int expected, PacketBatch batch) {
        List<byte[]> frames = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT_NS;
        while (frames.size() < expected && System.nanoTime() < deadline) {
            collect(io, batch, frames);
        }
        return frames;
    }

    /** Receives test frames for {@code durationNs}. */
    protected static List<byte[]> receiveFor(PortIo io, long durationNs, PacketBatch batch) {
        List<byte[]> frames = new ArrayList<>();
        long deadline = System.nanoTime() + durationNs;
        while (System.nanoTime() < deadline) {
            collect(io, batch, frames);
        }
        return frames;
    }

    private static void collect(PortIo io, PacketBatch batch, List<byte[]> frames) {
        batch.clear();
        io.receive(batch);
        for (int i = 0; i < batch.count(); i++) {
            byte[] frame = new byte[batch.frameLength(i)];
            batch.memory().getBytes(batch.frameOffset(i), frame);
            if (isTestFrame(frame)) {
                frames.add(frame);
            }
        }
    }

    private static boolean isTestFrame(byte[] frame) {
        if (frame.length < 18) {
            return false;
        }
        for (int i = 0; i < 6; i++) {
            if (frame[6 + i] != SRC[i]) {
                return false;
            }
        }
        int type = (frame[12] & 0xFF) << 8 | frame[13] & 0xFF;
        int inner = (frame[16] & 0xFF) << 8 | frame[17] & 0xFF;
        return type == TEST_ETHERTYPE || type == 0x8100 && inner == TEST_ETHERTYPE;
    }
}
