package io.jvswitch.flowtable.text;

import io.jvswitch.flowtable.FlowFlag;
import io.jvswitch.flowtable.FlowMod;
import io.jvswitch.flowtable.FlowRule;
import io.jvswitch.flowtable.action.Action;
import io.jvswitch.flowtable.action.ActionList;
import io.jvswitch.flowtable.match.Match;
import io.jvswitch.flowtable.match.MatchField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FlowFormatterTest {
    private final FlowParser parser = new FlowParser();
    private final FlowFormatter formatter = new FlowFormatter();

    private String normalized(String text) {
        return formatter.formatNoStats(parser.parseFlow(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ip,nw_dst=10.0.0.1/8,actions=drop|ip,nw_dst=10.0.0.0/8 actions=drop",
        "ip,nw_dst=10.1.2.3/255.0.255.0,actions=drop|ip,nw_dst=10.0.2.0/255.0.255.0 actions=drop",
        "ip,nw_tos=17,actions=drop|ip,nw_tos=16 actions=drop",
        "dl_type=0x0806,actions=drop|arp actions=drop",
        "dl_type=0x0800,nw_proto=6,actions=drop|tcp actions=drop",
        "ip,nw_proto=47,actions=drop|ip,nw_proto=47 actions=drop",
        "dl_type=0x88cc,actions=drop|dl_type=0x88cc actions=drop",
        "tcp,tp_src=1024/0xfc00,actions=drop|tcp,tp_src=0x400/0xfc00 actions=drop",
        "tcp,tp_dst=0xffff/0xffff,actions=drop|tcp,tp_dst=65535 actions=drop",
        "dl_vlan=0xffff,actions=drop|vlan_tci=0x0000 actions=drop",
        "vlan_tci=0x300a,actions=drop|dl_vlan=10,dl_vlan_pcp=1 actions=drop",
        "vlan_tci=0x100a/0x0fff,actions=drop|vlan_tci=0x000a/0x0fff actions=drop",
        "dl_src=AA:BB:CC:DD:EE:FF/ff:ff:ff:00:00:00,actions=drop|dl_src=aa:bb:cc:00:00:00/ff:ff:ff:00:00:00 "
            + "actions=drop",
        "priority=32768,actions=drop|actions=drop",
        "priority=0,actions=NORMAL|priority=0 actions=NORMAL",
        "actions=|actions=drop",
        "in_port=local,actions=in_port,local,all,flood,normal,controller:7|in_port=LOCAL "
            + "actions=IN_PORT,LOCAL,ALL,FLOOD,NORMAL,CONTROLLER:7",
        "actions=1,output:2|actions=output:1,output:2",
        "arp,nw_src=10.0.0.1,nw_proto=2,actions=drop|arp,arp_spa=10.0.0.1,arp_op=2 actions=drop",
        "udp6,tp_dst=53,ipv6_label=0x12345,actions=drop|udp6,ipv6_label=0x12345,tp_dst=53 actions=drop",
        "ipv6,ipv6_src=2001:db8::1/32,actions=drop|ipv6,ipv6_src=2001:db8::/32 actions=drop",
        "ipv6,ipv6_src=2001:db8::/ffff:0:ffff::,actions=drop|ipv6,ipv6_src=2001::/ffff:0:ffff:: actions=drop",
        "icmp6,icmp_type=135,nd_target=fe80::1,actions=drop|icmp6,icmp_type=135,nd_target=fe80::1 actions=drop",
        "tcp,tcp_flags=0x012/0x0ff,actions=drop|tcp,tcp_flags=-fin+syn-rst-psh+ack-urg-ece-cwr actions=drop",
        "tcp,tcp_flags=0x012,actions=drop|'tcp,tcp_flags=syn|ack actions=drop'",
        "ip,nw_frag=not_later,actions=drop|ip,nw_frag=not_later actions=drop",
        "cookie=0x1,table=1,idle_timeout=10,priority=100,ip,nw_src=10.0.0.0/24,actions=output:3|cookie=0x1, "
            + "table=1, idle_timeout=10, priority=100,ip,nw_src=10.0.0.0/24 actions=output:3",
        "hard_timeout=5,importance=3,send_flow_rem,actions=drop|hard_timeout=5, actions=drop",
        "send_flow_rem,check_overlap,actions=goto_table:1|send_flow_rem check_overlap actions=goto_table:1",
        "ip,actions=set_field:64->nw_ttl|ip actions=load:0x40->NXM_NX_IP_TTL[]",
        "dl_vlan=5,actions=set_field:4106->vlan_vid|dl_vlan=5 actions=mod_vlan_vid:10",
        "actions=resubmit(,1),resubmit:3,resubmit(2,5)|actions=resubmit(,1),resubmit:3,resubmit(2,5)",
        "actions=mod_vlan_vid:10,push_vlan:0x8100,mod_vlan_vid:20|actions=push_vlan:0x8100,"
            + "set_field:4106->vlan_vid,push_vlan:0x8100,set_field:4116->vlan_vid",
        "tcp,actions=mod_tp_dst:80,goto_table:1|tcp actions=set_field:80->tcp_dst,goto_table:1",
        "dl_vlan=0xffff,actions=pop_vlan|vlan_tci=0x0000/0x1fff actions=pop_vlan",
        "ipv6,actions=set_field:fe80::1->ipv6_src|ipv6 actions=set_field:fe80::1->ipv6_src"})
    void shouldNormalizeAsOvsOfctlWhenPrintingAParsedFlow(String text, String expected) {
        assertThat(normalized(text)).isEqualTo(expected);
    }

    @Test
    void shouldPrintTheDumpFlowsLayoutWhenGivenStats() {
        FlowRule rule = parser.parseFlow("cookie=0x1f,idle_timeout=30,tcp,nw_src=10.0.0.0/24,tp_dst=80,"
                + "actions=mod_nw_dst:10.0.0.9,mod_tp_dst:8080,NORMAL");
        String line = formatter.formatWithStats(rule, new FlowDumpStats(58_000_000L, 0, 0, 0, 0));
        assertThat(line).isEqualTo("cookie=0x1f, duration=0.058s, table=0, n_packets=0, n_bytes=0, idle_timeout=30,"
                + " idle_age=0, tcp,nw_src=10.0.0.0/24,tp_dst=80 actions=mod_nw_dst:10.0.0.9,mod_tp_dst:8080,NORMAL");
        String whole = formatter.formatWithStats(FlowRule.defaultNormal(),
                new FlowDumpStats(85_000_000_000L, 9, 570, 35, 3));
        assertThat(whole).isEqualTo("cookie=0x0, duration=85s, table=0, n_packets=9, n_bytes=570, idle_age=35, "
                + "hard_age=3, priority=0 actions=NORMAL");
        String unknownAges = formatter.formatWithStats(FlowRule.defaultNormal(),
                new FlowDumpStats(1_234_567_890L, 1, 2, -1, 1));
        assertThat(unknownAges).isEqualTo("cookie=0x0, duration=1.234s, table=0, n_packets=1, n_bytes=2, "
                + "priority=0 actions=NORMAL");
    }

    @Test
    void shouldPrintPortNamesWhenNamesAreGiven() {
        PortNames names = PortNames.of(Map.of("p3", 3, "tap1.0", 4, "1x", 5));
        FlowParser named = new FlowParser(names);
        FlowRule rule = named.parseFlow("priority=40,in_port=p3,actions=output:\"tap1.0\",output:5,output:6,LOCAL");
        assertThat(new FlowFormatter(names).formatNoStats(rule))
                .isEqualTo("priority=40,in_port=p3 actions=output:\"tap1.0\",output:\"1x\",output:6,LOCAL");
        assertThat(formatter.formatNoStats(rule)).isEqualTo("priority=40,in_port=3 actions=output:4,output:5,"
                + "output:6,LOCAL");
    }

    @Test
    void shouldPrintTheCommandFirstWhenFormattingANonAddFlowMod() {
        assertThat(formatter.formatFlowMod(parser.parseFlowModLine("delete ip,nw_src=10.0.0.1/8")))
                .isEqualTo("delete ip,nw_src=10.0.0.0/8");
        assertThat(formatter.formatFlowMod(parser.parseFlowModLine("delete_strict priority=5")))
                .isEqualTo("delete_strict priority=5");
        assertThat(formatter.formatFlowMod(parser.parseFlowModLine("delete")))
                .isEqualTo("delete");
        assertThat(formatter.formatFlowMod(parser.parseFlowModLine("delete table=1,out_port=2")))
                .isEqualTo("delete table=1, out_port=2");
        assertThat(formatter.formatFlowMod(parser.parseFlowModLine("modify_strict priority=5,tcp,actions=normal")))
                .isEqualTo("modify_strict priority=5,tcp actions=NORMAL");
        assertThat(formatter.formatFlowMod(parser.parseFlowModLine("add in_port=1,actions=drop")))
                .isEqualTo("in_port=1 actions=drop");
        FlowMod reparsed = parser.parseFlowModLine(formatter.formatFlowMod(
                parser.parseFlowModLine("modify cookie=0x5/0xf,ip,actions=output:1")));
        assertThat(reparsed.cookieMask()).isEqualTo(0xf);
        assertThat(reparsed.command()).isEqualTo(FlowMod.Command.MODIFY);
    }

    @Test
    void shouldPrintRulesBuiltWithoutTheParserWhenTheyUseTheModel() {
        Match m = Match.builder().dlType(0x0800).nwProto(17).tpDst(4789).build();
        FlowRule rule = new FlowRule(m, 10, 2, 0xabcL, 0, 60, 0, Set.of(FlowFlag.RESET_COUNTS),
                ActionList.of(Action.SetField.of(MatchField.NW_TTL, 9), new Action.Output(3)));
        assertThat(formatter.formatNoStats(rule)).isEqualTo("cookie=0xabc, table=2, hard_timeout=60, "
                + "priority=10,udp,tp_dst=4789 actions=load:0x9->NXM_NX_IP_TTL[],output:3");
    }

    @Test
    void shouldFormatIpv6AsInetNtopWhenPrintingAddresses() {
        assertThat(Values.formatIpv6(0, 1)).isEqualTo("::1");
        assertThat(Values.formatIpv6(0, 0)).isEqualTo("::");
        assertThat(Values.formatIpv6(0, 0xffff01020304L)).isEqualTo("::ffff:1.2.3.4");
        assertThat(Values.formatIpv6(0, 0x01020304L)).isEqualTo("::1.2.3.4");
        assertThat(Values.formatIpv6(0x20010db800000000L, 0x0000000100000001L)).isEqualTo("2001:db8::1:0:1");
        assertThat(Values.formatIpv6(0x0001000200030004L, 0x0005000600070008L)).isEqualTo("1:2:3:4:5:6:7:8");
        assertThat(Values.formatIpv6(0x2001000000000000L, 0)).isEqualTo("2001::");
        assertThat(Values.formatIpv6(0xfe80000000000000L, 0)).isEqualTo("fe80::");
        assertThat(Values.formatIpv6(0x0001000000000000L, 0x0000000000000001L)).isEqualTo("1::1");
    }
}
