package io.jvswitch.datapath.normal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.management.ThreadMXBean;

import io.jvswitch.datapath.packet.VlanTags;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two PMDs' switches of one bridge joined by a share, driven with a fake clock: PMD 0 polls ports
 * 1 and 2, PMD 1 polls ports 3 and 4; every port is an access port of VLAN 1 in both switches.
 */
class MacLearningShareTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final int VLAN = 1;
    private static final long MAC_A = 0x0200_0000_000AL;
    private static final long MAC_B = 0x0200_0000_000BL;
    private static final long MAC_C = 0x0200_0000_000CL;
    private static final int PORTS = 8;

    private final NormalDecision decision = new NormalDecision(PORTS);
    private MacLearningShare share;
    private NormalSwitch sw0;
    private NormalSwitch sw1;
    private long now;

    @BeforeEach
    void setUp() {
        now = 1_000 * SECOND;
        share = new MacLearningShare(2, 64);
        sw0 = newSwitch(share.member(0), 300 * SECOND);
        sw1 = newSwitch(share.member(1), 300 * SECOND);
    }

    private static NormalSwitch newSwitch(MacLearningShare.Member member, long agingNs) {
        NormalSwitch sw = new NormalSwitch(PORTS, new MacLearningTable(2048, agingNs), member);
        for (int p = 1; p <= 4; p++) {
            sw.setPort(p, PortVlanConfig.access(VLAN));
        }
        return sw;
    }

    /** A frame from {@code src} to {@code dst} arrives on {@code inPort} of {@code sw}. */
    private int frame(NormalSwitch sw, int inPort, long src, long dst) {
        return sw.decide(inPort, src, dst, VlanTags.NO_TAG, now, decision);
    }

    @Test
    void shouldKnowAddressOnPeerWhenDrained() {
        frame(sw0, 1, MAC_A, MAC_B);
        assertThat(sw1.macTable().lookup(VLAN, MAC_A, now)).isEqualTo(MacLearningTable.NO_PORT);

        now += MS;
        assertThat(sw1.applySharedLearning(now)).isEqualTo(1);

        assertThat(sw1.macTable().lookup(VLAN, MAC_A, now)).isEqualTo(1);
        assertThat(frame(sw1, 3, MAC_B, MAC_A)).isEqualTo(1);
        assertThat(decision.isFlooded()).isFalse();
        assertThat(decision.port(0)).isEqualTo(1);
    }

    @Test
    void shouldMoveAddressOnPeerWhenItMoves() {
        frame(sw0, 1, MAC_A, MAC_B);
        sw1.applySharedLearning(now);
        now += MS;
        frame(sw1, 4, MAC_A, MAC_B);
        assertThat(share.member(1).publishedEvents()).isEqualTo(1);

        now += MS;
        assertThat(sw0.applySharedLearning(now)).isEqualTo(1);

        assertThat(sw0.macTable().lookup(VLAN, MAC_A, now)).isEqualTo(4);
        assertThat(sw1.macTable().lookup(VLAN, MAC_A, now)).isEqualTo(4);
        assertThat(sw0.macTable().moves()).isEqualTo(1);
    }

    @Test
    void shouldPublishRefreshWhenOneSecondPassedAndNotBefore() {
        sw1 = newSwitch(share.member(1), 2 * SECOND);
        frame(sw0, 1, MAC_A, MAC_B);
        assertThat(sw1.applySharedLearning(now)).isEqualTo(1);

        now += SECOND - 1;
        frame(sw0, 1, MAC_A, MAC_B);
        assertThat(share.member(0).publishedEvents()).isEqualTo(1);
        assertThat(sw1.applySharedLearning(now)).isZero();

        now += 1;
        frame(sw0, 1, MAC_A, MAC_B);
        assertThat(share.member(0).publishedEvents()).isEqualTo(2);
        assertThat(sw1.applySharedLearning(now)).isEqualTo(1);

        // Traffic keeps going on PMD 0 only: PMD 1's copy (aging 2 s) lives on through refreshes.
        for (int k = 0; k < 5; k++) {
            now += SECOND / 2;
            frame(sw0, 1, MAC_A, MAC_B);
            sw1.applySharedLearning(now);
        }
        assertThat(sw1.macTable().lookup(VLAN, MAC_A, now + SECOND)).isEqualTo(1);
        assertThat(share.member(0).publishedEvents()).isEqualTo(4);
        // Once the traffic stops, the refreshes stop and the peer's copy ages out.
        assertThat(sw1.macTable().lookup(VLAN, MAC_A, now + 2 * SECOND)).isEqualTo(MacLearningTable.NO_PORT);
    }

    @Test
    void shouldNotEchoWhenApplyingPeerAnnouncements() {
        frame(sw0, 1, MAC_A, MAC_B);
        frame(sw0, 2, MAC_B, MAC_A);
        assertThat(sw1.applySharedLearning(now)).isEqualTo(2);

        for (int k = 0; k < 3; k++) {
            now += 2 * SECOND;
            assertThat(sw0.applySharedLearning(now)).isZero();
            assertThat(sw1.applySharedLearning(now)).isZero();
        }
        assertThat(share.member(1).publishedEvents()).isZero();
        assertThat(share.member(1).appliedEvents()).isEqualTo(2);
        assertThat(share.member(0).appliedEvents()).isZero();
    }

    @Test
    void shouldCountDroppedAnnouncementsWhenInboxFull() {
        int sent = 5_000;
        for (int k = 0; k < sent; k++) {
            frame(sw0, 1, MAC_C + k, MAC_A);
        }
        MacLearningShare.Member member0 = share.member(0);
        assertThat(member0.droppedEvents()).isPositive();
        assertThat(share.droppedEvents()).isEqualTo(member0.droppedEvents());
        assertThat(member0.publishedEvents() + member0.droppedEvents()).isEqualTo(sent);

        int drained = sw1.applySharedLearning(now);
        assertThat(drained).isEqualTo((int) member0.publishedEvents());
        assertThat(sw1.macTable().size()).isEqualTo(drained);
        assertThat(sw1.macTable().lookup(VLAN, MAC_C, now)).isEqualTo(1);

        // With room again, announcements flow as before.
        now += MS;
        frame(sw0, 2, MAC_B, MAC_A);
        assertThat(sw1.applySharedLearning(now)).isEqualTo(1);
        assertThat(sw1.macTable().lookup(VLAN, MAC_B, now)).isEqualTo(2);
    }

    @Test
    void shouldPublishNothingWhenShareHasOneMember() {
        MacLearningShare alone = new MacLearningShare(1, 64);
        MacLearningShare.Member member = alone.member(0);
        NormalSwitch sw = newSwitch(member, 300 * SECOND);

        assertThat(member.peerCount()).isZero();
        assertThat(sw.share()).isNull();
        frame(sw, 1, MAC_A, MAC_B);
        member.publish(VLAN, MAC_B, 2);
        assertThat(member.publishedEvents()).isZero();
        assertThat(member.droppedEvents()).isZero();
        assertThat(sw.applySharedLearning(now)).isZero();
        assertThat(member.drain(sw.macTable(), now)).isZero();
        assertThat(sw.macTable().lookup(VLAN, MAC_A, now)).isEqualTo(1);
        assertThat(sw.macTable().lookup(VLAN, MAC_B, now)).isEqualTo(MacLearningTable.NO_PORT);
    }

    @Test
    void shouldSkipAnnouncementWhenItsPortLeftTheBridge() {
        frame(sw0, 1, MAC_A, MAC_B);
        sw1.removePort(1);

        assertThat(sw1.applySharedLearning(now)).isEqualTo(1);

        assertThat(sw1.macTable().lookup(VLAN, MAC_A, now)).isEqualTo(MacLearningTable.NO_PORT);
        assertThat(share.member(1).rejectedEvents()).isEqualTo(1);
        assertThat(share.member(1).appliedEvents()).isZero();
    }

    @Test
    void shouldReachEveryOtherMemberWhenShareHasThree() {
        MacLearningShare three = new MacLearningShare(3, 16);
        MacLearningTable[] tables = new MacLearningTable[3];
        for (int m = 0; m < 3; m++) {
            tables[m] = new MacLearningTable();
        }
        three.member(2).publish(VLAN, MAC_A, 7);

        assertThat(three.member(2).publishedEvents()).isEqualTo(2);
        assertThat(three.member(2).drain(tables[2], now)).isZero();
        for (int m = 0; m < 2; m++) {
            assertThat(three.member(m).drain(tables[m], now)).isEqualTo(1);
            assertThat(tables[m].lookup(VLAN, MAC_A, now)).isEqualTo(7);
        }
    }

    @Test
    void shouldRejectWhenSizesAreInvalid() {
        assertThatThrownBy(() -> new MacLearningShare(0, 64)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MacLearningShare(2, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldNotAllocateWhenSameAddressesSeenAgain() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        share = new MacLearningShare(2, 4096);
        sw0 = newSwitch(share.member(0), 300 * SECOND);
        sw1 = newSwitch(share.member(1), 300 * SECOND);
        steadyTraffic(20_000);

        // The JIT may still allocate once while it settles (seen: 160 bytes in the first run after
        // warm-up); a per-event allocation would show in every run.
        long[] allocated = new long[5];
        int run = 0;
        do {
            long before = threads.getCurrentThreadAllocatedBytes();
            steadyTraffic(20_000);
            allocated[run] = threads.getCurrentThreadAllocatedBytes() - before;
        } while (allocated[run++] != 0 && run < allocated.length);

        assertThat(allocated[run - 1]).as("bytes allocated per run of 40000 frames: %s", Arrays.toString(allocated))
            .isZero();
        assertThat(share.member(0).publishedEvents()).isGreaterThan(64);
        assertThat(share.member(1).appliedEvents()).isEqualTo(share.member(0).publishedEvents());
        assertThat(share.droppedEvents()).isZero();
    }

    /** 32 addresses on each PMD, each seen every round; 10 ms per round, so refreshes are due. */
    private void steadyTraffic(int rounds) {
        for (int r = 0; r < rounds; r++) {
            now += 10 * MS;
            sw0.applySharedLearning(now);
            sw1.applySharedLearning(now);
            int k = r & 31;
            frame(sw0, 1 + (k & 1), MAC_A + k, MAC_C + 32 + k);
            frame(sw1, 3 + (k & 1), MAC_C + 32 + k, MAC_A + k);
        }
        sw0.applySharedLearning(now);
        sw1.applySharedLearning(now);
    }

    @Test
    void shouldLearnEveryAddressOnBothWhenTwoThreadsShare() throws InterruptedException {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int perThread = 300;
        long[][] macs = new long[2][perThread];
        int[][] ports = new int[2][perThread];
        for (int t = 0; t < 2; t++) {
            for (int k = 0; k < perThread; k++) {
                // Distinct: the thread number and k sit beside the random bits.
                macs[t][k] = 0x0200_0000_0000L | ((long) t << 32) | ((long) random.nextInt(1 << 20) << 10) | k;
                ports[t][k] = 1 + 2 * t + random.nextInt(2);
            }
        }
        share = new MacLearningShare(2, 256);
        NormalSwitch[] switches = {
            newSwitch(share.member(0), 300 * SECOND), newSwitch(share.member(1), 300 * SECOND),
        };
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] threads = new Thread[2];
        for (int t = 0; t < 2; t++) {
            int self = t;
            threads[t] = new Thread(() -> {
                NormalDecision own = new NormalDecision(PORTS);
                Random traffic = new Random(seed + self);
                try {
                    start.await();
                    long end = System.nanoTime() + 200 * MS;
                    int k = 0;
                    for (long at = System.nanoTime(); at < end; at = System.nanoTime()) {
                        switches[self].applySharedLearning(at);
                        int i = k < perThread ? k : traffic.nextInt(perThread);
                        long dst = macs[1 - self][traffic.nextInt(perThread)];
                        switches[self].decide(ports[self][i], macs[self][i], dst, VlanTags.NO_TAG, at, own);
                        k++;
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "mac-share-" + t);
            threads[t].start();
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(thread.isAlive()).as("seed %d: %s still running", seed, thread.getName()).isFalse();
        }
        assertThat(failure.get()).as("seed %d", seed).isNull();
        long at = System.nanoTime();
        for (NormalSwitch sw : switches) {
            sw.applySharedLearning(at);
        }

        assertThat(share.droppedEvents()).as("seed %d", seed).isZero();
        for (int m = 0; m < 2; m++) {
            MacLearningTable table = switches[m].macTable();
            for (int t = 0; t < 2; t++) {
                for (int k = 0; k < perThread; k++) {
                    assertThat(table.lookup(VLAN, macs[t][k], at))
                        .as("seed %d: table %d, address %d of thread %d", seed, m, k, t).isEqualTo(ports[t][k]);
                }
            }
        }
    }
}
