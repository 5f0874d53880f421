package io.jvswitch.datapath.normal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

import io.jvswitch.datapath.exec.OutputSink;
import io.jvswitch.datapath.packet.MacAddresses;
import io.jvswitch.datapath.packet.VlanTags;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * NORMAL switching driven by textual packets and a fake clock. Outputs read as
 * {@code "port:untagged"} or {@code "port:vlan=V[,pcp=P]"}, in port order; drops as
 * {@code "drop:REASON"}.
 */
class NormalSwitchTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final String A = "00:00:00:00:00:0a";
    private static final String B = "00:00:00:00:00:0b";
    private static final String C = "00:00:00:00:00:0c";
    private static final String BCAST = "ff:ff:ff:ff:ff:ff";

    private final NormalDecision decision = new NormalDecision(16);
    private NormalSwitch sw;
    private long now;

    @BeforeEach
    void setUp() {
        now = 10 * SECOND;
        sw = new NormalSwitch(16, new MacLearningTable(2048, 300 * SECOND));
        sw.setPort(1, PortVlanConfig.access(1));
        sw.setPort(2, PortVlanConfig.access(1));
        sw.setPort(3, PortVlanConfig.access(2));
        sw.setPort(4, PortVlanConfig.trunk());
    }

    /** Runs one textual packet: {@code in_port=N,dl_src=..,dl_dst=..[,dl_vlan=V][,dl_vlan_pcp=P]}. */
    private String send(String packet) {
        int inPort = -1;
        long src = 0;
        long dst = 0;
        int vlan = -1;
        int pcp = 0;
        for (String pair : packet.split(",")) {
            String[] kv = pair.split("=", 2);
            switch (kv[0]) {
                case "in_port":
                    inPort = Integer.parseInt(kv[1]);
                    break;
                case "dl_src":
                    src = MacAddresses.parse(kv[1]);
                    break;
                case "dl_dst":
                    dst = MacAddresses.parse(kv[1]);
                    break;
                case "dl_vlan":
                    vlan = Integer.parseInt(kv[1]);
                    break;
                case "dl_vlan_pcp":
                    pcp = Integer.parseInt(kv[1]);
                    break;
                default:
                    throw new IllegalArgumentException(kv[0]);
            }
        }
        int tci = vlan < 0 ? VlanTags.NO_TAG : VlanTags.tci(pcp, vlan);
        int n = sw.decide(inPort, src, dst, tci, now, decision);
        if (n == 0) {
            return "drop:" + decision.dropReason();
        }
        StringJoiner out = new StringJoiner(" ");
        for (int k = 0; k < n; k++) {
            int edit = decision.vlanEdit(k);
            String how = edit == OutputSink.VLAN_UNTAGGED ? "untagged"
                : "vlan=" + VlanTags.vid(edit) + (VlanTags.pcp(edit) != 0 ? ",pcp=" + VlanTags.pcp(edit) : "");
            out.add(decision.port(k) + ":" + how);
        }
        return out.toString();
    }

    @Test
    void shouldFloodWithinVlanThenForwardToLearnedPortWhenReplyComes() {
        assertThat(send("in_port=1,dl_src=" + A + ",dl_dst=" + B)).isEqualTo("2:untagged 4:vlan=1");
        assertThat(decision.isFlooded()).isTrue();
        assertThat(send("in_port=2,dl_src=" + B + ",dl_dst=" + A)).isEqualTo("1:untagged");
        assertThat(send("in_port=1,dl_src=" + A + ",dl_dst=" + B)).isEqualTo("2:untagged");
        assertThat(decision.isFlooded()).isFalse();
    }

    @Test
    void shouldNeverSendBackOutIngressPortWhenDestinationLearnedThere() {
        send("in_port=1,dl_src=" + A + ",dl_dst=" + BCAST);
        assertThat(send("in_port=1,dl_src=" + B + ",dl_dst=" + A)).isEqualTo("drop:NO_OUTPUT");
    }

    @Test
    void shouldIsolateVlansWhenSameMacInTwo() {
        assertThat(send("in_port=3,dl_src=" + C + ",dl_dst=" + BCAST)).isEqualTo("4:vlan=2");
        assertThat(send("in_port=1,dl_src=" + A + ",dl_dst=" + C)).isEqualTo("2:untagged 4:vlan=1");
        assertThat(send("in_port=4,dl_vlan=2,dl_src=" + B + ",dl_dst=" + C)).isEqualTo("3:untagged");
        assertThat(send("in_port=4,dl_vlan=1,dl_src=" + B + ",dl_dst=" + C)).isEqualTo("1:untagged 2:untagged");
    }

    @Test
    void shouldDropTaggedFrameWhenArrivingOnAccessPort() {
        assertThat(send("in_port=1,dl_vlan=1,dl_src=" + A + ",dl_dst=" + BCAST)).isEqualTo("drop:VLAN_FILTERED");
        assertThat(sw.macTable().size()).isZero();
    }

    @Test
    void shouldKeepPriorityWhenPriorityTaggedFrameEntersAccessPort() {
        assertThat(send("in_port=1,dl_vlan=0,dl_vlan_pcp=5,dl_src=" + A + ",dl_dst=" + BCAST))
            .isEqualTo("2:untagged 4:vlan=1,pcp=5");
    }

    @Test
    void shouldFloodAgainWhenEntryAgedOut() {
        send("in_port=2,dl_src=" + B + ",dl_dst=" + BCAST);
        now += 299 * SECOND;
        assertThat(send("in_port=1,dl_src=" + A + ",dl_dst=" + B)).isEqualTo("2:untagged");
        now += 301 * SECOND;
        assertThat(send("in_port=1,dl_src=" + A + ",dl_dst=" + B)).isEqualTo("2:untagged 4:vlan=1");
    }

    @Test
    void shouldEvictOldestAndFloodToItWhenTableFull() {
        sw = new NormalSwitch(16, new MacLearningTable(2, 300 * SECOND));
        sw.setPort(1, PortVlanConfig.access(1));
        sw.setPort(2, PortVlanConfig.access(1));
        sw.setPort(3, PortVlanConfig.access(1));
        send("in_port=1,dl_src=" + A + ",dl_dst=" + BCAST);
        now++;
        send("in_port=2,dl_src=" + B + ",dl_dst=" + BCAST);
        now++;
        send("in_port=3,dl_src=" + C + ",dl_dst=" + BCAST);
        assertThat(sw.macTable().size()).isEqualTo(2);
        assertThat(send("in_port=3,dl_src=" + C + ",dl_dst=" + A)).isEqualTo("1:untagged 2:untagged");
        assertThat(send("in_port=3,dl_src=" + C + ",dl_dst=" + B)).isEqualTo("2:untagged");
    }

    @Test
    void shouldFollowMoveWhenAddressAppearsOnAnotherPort() {
        send("in_port=1,dl_src=" + A + ",dl_dst=" + BCAST);
        send("in_port=2,dl_src=" + A + ",dl_dst=" + BCAST);
        assertThat(send("in_port=4,dl_vlan=1,dl_src=" + B + ",dl_dst=" + A)).isEqualTo("2:untagged");
    }

    @Test
    void shouldNotLearnWhenSourceIsMulticastAndDropReservedDestinations() {
        send("in_port=1,dl_src=01:00:5e:00:00:01,dl_dst=" + BCAST);
        assertThat(sw.macTable().size()).isZero();
        assertThat(send("in_port=1,dl_src=" + A + ",dl_dst=01:80:c2:00:00:00")).isEqualTo("drop:RESERVED_MULTICAST");
    }

    @Test
    void shouldApplyAllFourVlanModesWhenFlooding() {
        sw = new NormalSwitch(16, new MacLearningTable());
        sw.setPort(1, PortVlanConfig.access(10));
        sw.setPort(2, PortVlanConfig.of(null, List.of(10, 20), "trunk"));
        sw.setPort(3, PortVlanConfig.of(10, List.of(20), "native-tagged"));
        sw.setPort(4, PortVlanConfig.of(10, List.of(20), "native-untagged"));
        sw.setPort(5, PortVlanConfig.of(20, List.of(), "native-untagged"));

        assertThat(send("in_port=1,dl_src=" + A + ",dl_dst=" + BCAST))
            .isEqualTo("2:vlan=10 3:vlan=10 4:untagged 5:vlan=10");
        assertThat(send("in_port=3,dl_src=" + B + ",dl_dst=" + BCAST))
            .isEqualTo("1:untagged 2:vlan=10 4:untagged 5:vlan=10");
        assertThat(send("in_port=4,dl_vlan=20,dl_src=" + C + ",dl_dst=" + BCAST))
            .isEqualTo("2:vlan=20 3:vlan=20 5:untagged");
        assertThat(send("in_port=5,dl_src=" + C + ",dl_dst=" + BCAST)).isEqualTo("2:vlan=20 3:vlan=20 4:vlan=20");
        assertThat(send("in_port=2,dl_src=" + C + ",dl_dst=" + BCAST)).isEqualTo("drop:VLAN_FILTERED");
        assertThat(send("in_port=2,dl_vlan=30,dl_src=" + C + ",dl_dst=" + BCAST)).isEqualTo("drop:VLAN_FILTERED");
    }

    @Test
    void shouldForgetPortAddressesWhenPortReconfiguredOrRemoved() {
        send("in_port=1,dl_src=" + A + ",dl_dst=" + BCAST);
        sw.setPort(1, PortVlanConfig.access(2));
        assertThat(sw.macTable().size()).isZero();
        send("in_port=1,dl_src=" + A + ",dl_dst=" + BCAST);
        sw.removePort(1);
        assertThat(sw.macTable().size()).isZero();
        assertThat(send("in_port=3,dl_src=" + C + ",dl_dst=" + BCAST)).isEqualTo("4:vlan=2");
    }
}
