package io.jvswitch.datapath.packet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EthernetViewTest {
    @Test
    void shouldReadAndWriteAddressesWhenWrapped() {
        PacketBatch batch = new PacketBatch(2048);
        byte[] frame = TestFrames.parse("dl_src=00:11:22:33:44:55,dl_dst=ff:ff:ff:ff:ff:ff,dl_vlan=7");
        int i = TestFrames.load(batch, frame, 0);
        EthernetView eth = new EthernetView().wrap(batch, i);

        assertThat(eth.source()).isEqualTo(0x0011_2233_4455L);
        assertThat(eth.destination()).isEqualTo(MacAddresses.BROADCAST);
        assertThat(eth.vlanTci()).isEqualTo(7);
        eth.source(0x0A0B_0C0D_0E0FL).destination(0x0102_0304_0506L);
        assertThat(MacAddresses.format(eth.source())).isEqualTo("0a:0b:0c:0d:0e:0f");
        assertThat(MacAddresses.format(eth.destination())).isEqualTo("01:02:03:04:05:06");
    }

    @Test
    void shouldClassifyMulticastAndReservedWhenAsked() {
        assertThat(MacAddresses.isMulticast(MacAddresses.parse("01:00:5e:00:00:01"))).isTrue();
        assertThat(MacAddresses.isMulticast(MacAddresses.parse("02:00:5e:00:00:01"))).isFalse();
        assertThat(MacAddresses.isReserved(MacAddresses.parse("01:80:c2:00:00:00"))).isTrue();
        assertThat(MacAddresses.isReserved(MacAddresses.parse("01:80:c2:00:00:0e"))).isTrue();
        assertThat(MacAddresses.isReserved(MacAddresses.parse("01:80:c2:00:00:10"))).isFalse();
    }
}
