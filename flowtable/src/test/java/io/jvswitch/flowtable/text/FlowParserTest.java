package io.jvswitch.flowtable.text;

import io.jvswitch.flowtable.FlowFlag;
import io.jvswitch.flowtable.FlowMod;
import io.jvswitch.flowtable.FlowRule;
import io.jvswitch.flowtable.OfPort;
import io.jvswitch.flowtable.action.Action;
import io.jvswitch.flowtable.action.ActionList;
import io.jvswitch.flowtable.match.Match;
import io.jvswitch.flowtable.match.MatchField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlowParserTest {
    private final FlowParser parser = new FlowParser(PortNames.of(Map.of("vnet0", 5, "tap1.0", 7)));

    private FlowRule flow(String text) {
        return parser.parseFlow(text);
    }

    private void assertRejected(String text, String message) {
        assertThatThrownBy(() -> parser.parseFlow(text)).isInstanceOf(FlowSyntaxException.class)
                .hasMessage(message);
    }

    @Test
    void shouldUseDefaultsWhenOnlyActionsAreGiven() {
        FlowRule r = flow("actions=drop");
        assertThat(r.match()).isEqualTo(Match.CATCH_ALL);
        assertThat(r.priority()).isEqualTo(32768);
        assertThat(r.tableId()).isZero();
        assertThat(r.cookie()).isZero();
        assertThat(r.actions()).isEqualTo(ActionList.DROP);
    }

    @Test
    void shouldReadTheNonMatchKeywordsWhenGiven() {
        FlowRule r = flow("cookie=0x1f,table=3,priority=100,idle_timeout=10,hard_timeout=0x14,importance=7,"
                + "send_flow_rem,check_overlap,reset_counts,no_packet_counts,no_byte_counts,actions=normal");
        assertThat(r.cookie()).isEqualTo(0x1f);
        assertThat(r.tableId()).isEqualTo(3);
        assertThat(r.priority()).isEqualTo(100);
        assertThat(r.idleTimeout()).isEqualTo(10);
        assertThat(r.hardTimeout()).isEqualTo(20);
        assertThat(r.importance()).isEqualTo(7);
        assertThat(r.flags()).containsExactlyInAnyOrder(FlowFlag.values());
        assertThat(r.actions()).isEqualTo(ActionList.NORMAL);
    }

    @Test
    void shouldIgnoreDumpFlowsEchoBackKeysWhenFedDumpOutput() {
        FlowRule r = flow(" cookie=0x0, duration=85.137s, table=0, n_packets=9, n_bytes=570, idle_age=35,"
                + " hard_age=3, priority=0 actions=NORMAL");
        assertThat(r).isEqualTo(FlowRule.defaultNormal());
    }

    @Test
    void shouldAcceptSpacesAsSeparatorsWhenNoCommasAreUsed() {
        assertThat(flow("ip nw_src=1.2.3.4 actions=drop").match())
                .isEqualTo(flow("ip,nw_src=1.2.3.4,actions=drop").match());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ip|0x0800|-1", "ipv4|0x0800|-1", "ip4|0x0800|-1", "icmp|0x0800|1", "tcp|0x0800|6", "udp|0x0800|17",
        "sctp|0x0800|132", "arp|0x0806|-1", "rarp|0x8035|-1", "ipv6|0x86dd|-1", "ip6|0x86dd|-1",
        "icmp6|0x86dd|58", "tcp6|0x86dd|6", "udp6|0x86dd|17", "sctp6|0x86dd|132", "mpls|0x8847|-1"})
    void shouldSetTypeAndProtocolWhenAShorthandIsGiven(String shorthand, String dlType, int proto) {
        Match m = flow(shorthand + ",actions=drop").match();
        assertThat(m.value(MatchField.DL_TYPE)).isEqualTo(Long.decode(dlType));
        if (proto < 0) {
            assertThat(m.isWildcarded(MatchField.NW_PROTO)).isTrue();
        } else {
            assertThat(m.value(MatchField.NW_PROTO)).isEqualTo(proto);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "eth_src=00:11:22:33:44:55|dl_src=00:11:22:33:44:55",
        "eth_dst=00:11:22:33:44:55|dl_dst=00:11:22:33:44:55",
        "eth_type=0x88cc|dl_type=0x88cc",
        "ip,ip_src=1.2.3.4|ip,nw_src=1.2.3.4",
        "ip,ip_dst=1.2.3.4|ip,nw_dst=1.2.3.4",
        "ip,ip_proto=47|ip,nw_proto=47",
        "ip,ip_ecn=1|ip,nw_ecn=1",
        "ip,ip_frag=yes|ip,nw_frag=yes",
        "tcp,tcp_src=1|tcp,tp_src=1",
        "udp,udp_dst=53|udp,tp_dst=53",
        "sctp,sctp_dst=9|sctp,tp_dst=9",
        "ip,ip_dscp=4|ip,nw_tos=16",
        "vlan_vid=0x100a|dl_vlan=10",
        "icmp6,icmpv6_type=135|icmp6,icmp_type=135",
        "arp,nw_src=10.0.0.1|arp,arp_spa=10.0.0.1",
        "dl_type=2048|ip",
        "tcp,tp_dst=0x50|tcp,tp_dst=80",
        "in_port=vnet0|in_port=5",
        "in_port=local|in_port=65534",
        "in_port=\"tap1.0\"|in_port=7"})
    void shouldParseAliasesToTheSameMatchWhenSpelledDifferently(String alias, String canonical) {
        assertThat(flow(alias + ",actions=drop").match()).isEqualTo(flow(canonical + ",actions=drop").match());
    }

    @Test
    void shouldWildcardAFieldWhenGivenStarOrAny() {
        assertThat(flow("ip,nw_src=*,actions=drop").match()).isEqualTo(flow("ip,actions=drop").match());
        assertThat(flow("in_port=ANY,actions=drop").match()).isEqualTo(Match.CATCH_ALL);
        assertThat(flow("dl_src=*,actions=drop").match()).isEqualTo(Match.CATCH_ALL);
    }

    @Test
    void shouldMaskValuesWhenMasksAreGiven() {
        Match m = flow("ip,nw_dst=10.1.2.3/8,nw_src=10.1.2.3/255.0.255.0,actions=drop").match();
        assertThat(m.value(MatchField.NW_DST)).isEqualTo(0x0a000000L);
        assertThat(m.mask(MatchField.NW_DST)).isEqualTo(0xff000000L);
        assertThat(m.value(MatchField.NW_SRC)).isEqualTo(0x0a000200L);
        Match mac = flow("dl_dst=01:02:03:04:05:06/ff:ff:ff:00:00:00,actions=drop").match();
        assertThat(mac.value(MatchField.DL_DST)).isEqualTo(0x010203000000L);
        Match tp = flow("tcp,tp_src=1024/0xfc00,actions=drop").match();
        assertThat(tp.mask(MatchField.TP_SRC)).isEqualTo(0xfc00);
        Match v6 = flow("ipv6,ipv6_src=2001:db8::1/32,actions=drop").match();
        assertThat(v6.valueHigh(MatchField.IPV6_SRC)).isEqualTo(0x20010db800000000L);
        assertThat(v6.maskHigh(MatchField.IPV6_SRC)).isEqualTo(0xffffffff00000000L);
        assertThat(v6.maskLow(MatchField.IPV6_SRC)).isZero();
    }

    @Test
    void shouldDropTheEcnBitsWhenNwTosIsGiven() {
        assertThat(flow("ip,nw_tos=17,actions=drop").match().value(MatchField.NW_TOS)).isEqualTo(16);
    }

    @Test
    void shouldMatchNoVlanHeaderWhenDlVlanIsFfff() {
        Match m = flow("dl_vlan=0xffff,actions=drop").match();
        assertThat(m.mask(MatchField.VLAN_TCI)).isEqualTo(0xffff);
        assertThat(m.value(MatchField.VLAN_TCI)).isZero();
    }

    @Test
    void shouldParseFragmentAndTcpFlagSyntaxWhenGivenByName() {
        Match m = flow("ip,nw_frag=first,actions=drop").match();
        assertThat(m.value(MatchField.NW_FRAG)).isEqualTo(1);
        assertThat(m.mask(MatchField.NW_FRAG)).isEqualTo(3);
        Match f = flow("tcp,tcp_flags=+syn-ack,actions=drop").match();
        assertThat(f.value(MatchField.TCP_FLAGS)).isEqualTo(0x002);
        assertThat(f.mask(MatchField.TCP_FLAGS)).isEqualTo(0x012);
        Match g = flow("tcp,tcp_flags=syn|ack,actions=drop").match();
        assertThat(g.value(MatchField.TCP_FLAGS)).isEqualTo(0x012);
        assertThat(g.mask(MatchField.TCP_FLAGS)).isEqualTo(0xfff);
    }

    @Test
    void shouldParseEveryActionWhenGivenInItsForms() {
        ActionList a = flow("tcp,dl_vlan=5,actions=output:1,2,vnet0,output:\"tap1.0\",normal,FLOOD,all,in_port,local,"
                + "controller,controller:100,controller(max_len=64),mod_dl_src:AA:BB:CC:DD:EE:FF,"
                + "mod_dl_dst:00:00:00:00:00:01,mod_vlan_vid:10,mod_vlan_pcp:3,strip_vlan,mod_nw_src:1.2.3.4,"
                + "mod_nw_dst:5.6.7.8,mod_nw_tos:16,mod_tp_src:80,mod_tp_dst:8080,dec_ttl,resubmit:3,"
                + "resubmit(,1),resubmit(2,5),push_vlan:0x8100,pop_vlan,set_field:64->nw_ttl,goto_table:4").actions();
        assertThat(a.asList()).containsExactly(new Action.Output(1), new Action.Output(2), new Action.Output(5),
                new Action.Output(7), Action.Normal.INSTANCE, Action.Flood.INSTANCE, Action.All.INSTANCE,
                Action.InPort.INSTANCE, Action.Local.INSTANCE, new Action.Controller(65535),
                new Action.Controller(100), new Action.Controller(64), new Action.ModDlSrc(0xaabbccddeeffL),
                new Action.ModDlDst(1), new Action.ModVlanVid(10), new Action.ModVlanPcp(3),
                Action.StripVlan.INSTANCE, new Action.ModNwSrc(0x01020304), new Action.ModNwDst(0x05060708),
                new Action.ModNwTos(16), new Action.ModTpSrc(80), new Action.ModTpDst(8080), Action.DecTtl.INSTANCE,
                new Action.Resubmit(3, 255), new Action.Resubmit(OfPort.IN_PORT, 1), new Action.Resubmit(2, 5),
                new Action.PushVlan(0x8100), Action.PopVlan.INSTANCE, Action.SetField.of(MatchField.NW_TTL, 64),
                new Action.GotoTable(4));
    }

    @Test
    void shouldMapSetFieldToTheEquivalentModActionWhenOneExists() {
        ActionList a = flow("tcp,actions=set_field:00:11:22:33:44:55->eth_src,set_field:1.2.3.4->ip_dst,"
                + "set_field:5->ip_dscp,set_field:80->tcp_dst").actions();
        assertThat(a.asList()).containsExactly(new Action.ModDlSrc(0x001122334455L), new Action.ModNwDst(0x01020304),
                new Action.ModNwTos(20), new Action.ModTpDst(80));
    }

    @Test
    void shouldAcceptALonePopVlanWhenNoTagIsKnown() {
        assertThat(flow("actions=pop_vlan").actions().asList()).containsExactly(Action.PopVlan.INSTANCE);
        assertThat(flow("dl_vlan=3,actions=pop_vlan,push_vlan:0x8100").actions().size()).isEqualTo(2);
    }

    @Test
    void shouldNarrowAPartialPcpMaskWhenTheFlowNeedsOpenFlow13() {
        Match m = flow("vlan_tci=0x5028/0xda2c,actions=push_vlan:0x88a8").match();
        assertThat(m.mask(MatchField.VLAN_TCI)).isEqualTo(0xfa2c);
        assertThat(flow("vlan_tci=0x5028/0xda2c,actions=drop").match().mask(MatchField.VLAN_TCI)).isEqualTo(0xda2c);
    }

    @Test
    void shouldTreatEmptyAndDropActionsAsDropWhenAlone() {
        assertThat(flow("actions=").actions()).isEqualTo(ActionList.DROP);
        assertThat(flow("actions=drop,drop").actions()).isEqualTo(ActionList.DROP);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "nw_src=1.2.3.4,actions=drop|nw_src requires ip or arp (dl_type=0x0800/0x0806)",
        "tp_dst=80,actions=drop|tp_dst requires tcp, udp or sctp (nw_proto=6/17/132 with ip or ipv6)",
        "udp,tcp_dst=80,actions=drop|tcp_dst requires tcp or tcp6 (nw_proto=6 with ip or ipv6)",
        "arp_op=1,actions=drop|arp_op requires arp or rarp (dl_type=0x0806/0x8035)",
        "ipv6_src=::1,actions=drop|ipv6_src requires ipv6 (dl_type=0x86dd)",
        "icmp6,nd_target=::1,actions=drop|nd_target requires icmp6 with icmp_type=135 or 136 and icmp_code=0",
        "dl_vlan=5000,actions=drop|dl_vlan=5000: VLAN id out of range (0..4095, or 0xffff for no 802.1Q header)",
        "dl_vlan_pcp=8,actions=drop|dl_vlan_pcp=8: value out of range for dl_vlan_pcp (0..7)",
        "priority=70000,actions=drop|invalid priority \"70000\"",
        "table=255,actions=drop|table=255: a flow must be added to one table (0..254)",
        "foo=1,actions=drop|unknown keyword foo",
        "ip|must specify an action",
        "actions=bogus|unknown action bogus",
        "actions=drop,output:1|\"drop\" must not be accompanied by any other action or instruction",
        "ip,nw_src=1.2.3,actions=drop|1.2.3: invalid IP address",
        "cookie=1/1,actions=drop|flow additions cannot use a cookie mask",
        "in_port=vnet9,actions=drop|vnet9: invalid or unknown port for in_port",
        "actions=output:vnet9|vnet9: output to unknown port",
        "actions=enqueue:1:2|enqueue: action not supported by jvswitch",
        "actions=set_field:10->vlan_vid|set_field:10->vlan_vid requires a VLAN header (match dl_vlan or "
            + "vlan_tci=0x1000/0x1000, or push_vlan first)",
        "actions=set_field:64->nw_ttl|set_field:64->nw_ttl requires ip or ipv6 (dl_type=0x0800/0x86dd)",
        "table=3,actions=goto_table:2|goto_table:2: must go to a later table than the flow's table 3",
        "actions=goto_table:1,output:2|invalid instruction ordering: apply_actions must appear before goto_table,"
            + " for OpenFlow 1.1+ compatibility",
        "actions=output:0|output:0: invalid output port (1..65279 or a reserved port: NORMAL, FLOOD, ALL, IN_PORT,"
            + " LOCAL, CONTROLLER)",
        "tcp,nw_frag=later,tp_dst=80,actions=drop|tp_dst requires a first fragment or an unfragmented packet, but "
            + "nw_frag=later matches only later fragments (they carry no transport header)",
        "tcp,tp_src=1/0x10000,actions=drop|1/0x10000: mask too large for 2-byte field tcp_src",
        "ip,nw_proto=6/0xf,actions=drop|6/0xf: invalid mask for field nw_proto",
        "priority,actions=drop|field priority missing value",
        "actions=mod_nw_src:1.2.3.4,goto_table:1|mod_nw_src requires ip (dl_type=0x0800) in the match of a flow "
            + "with OpenFlow 1.1+ actions (push_vlan, pop_vlan, goto_table)",
        "ip,actions=mod_tp_dst:80,push_vlan:0x8100|mod_tp_dst requires tcp, udp or sctp (nw_proto=6/17/132 with ip "
            + "or ipv6) in the match of a flow with OpenFlow 1.1+ actions (push_vlan, pop_vlan, goto_table)",
        "actions=strip_vlan,push_vlan:0x8100|strip_vlan requires a VLAN header (match dl_vlan or "
            + "vlan_tci=0x1000/0x1000, or push_vlan first) in a flow with OpenFlow 1.1+ actions (push_vlan, "
            + "goto_table)",
        "vlan_tci=0x2000/0x2000,actions=goto_table:1|vlan_tci=0x2000/0x2000: VLAN PCP bits can only be matched "
            + "together with the 0x1000 (header present) bit in a flow with OpenFlow 1.1+ actions"})
    void shouldRejectWithOneLineNamingTheCulpritWhenTheFlowIsInvalid(String text, String message) {
        assertRejected(text, message);
    }

    @Test
    void shouldRejectPriorityAndActionsWhenParsingALooseDelete() {
        assertThatThrownBy(() -> parser.parseFlowMod("priority=5,in_port=1", FlowMod.Command.DELETE))
                .hasMessage("unknown keyword priority");
        assertThatThrownBy(() -> parser.parseFlowMod("in_port=1,actions=drop", FlowMod.Command.DELETE))
                .hasMessage("unknown keyword actions");
        assertThatThrownBy(() -> parser.parsePattern("priority=5")).hasMessage("unknown keyword priority");
        assertThatThrownBy(() -> parser.parseFlowMod("cookie=5", FlowMod.Command.DELETE))
                .hasMessage("cannot set cookie");
        assertThatThrownBy(() -> parser.parseFlowMod("in_port=1,send_flow_rem", FlowMod.Command.DELETE))
                .hasMessage("field send_flow_rem missing value");
    }

    @Test
    void shouldBuildFlowModsWhenParsingEachCommand() {
        FlowMod del = parser.parseFlowMod("in_port=1,cookie=0x10/0xf0,out_port=vnet0", FlowMod.Command.DELETE);
        assertThat(del.tableId()).isEqualTo(FlowMod.ALL_TABLES);
        assertThat(del.cookie()).isEqualTo(0x10);
        assertThat(del.cookieMask()).isEqualTo(0xf0);
        assertThat(del.outPort()).isEqualTo(5);
        FlowMod strict = parser.parseFlowMod("priority=10,in_port=2", FlowMod.Command.DELETE_STRICT);
        assertThat(strict.priority()).isEqualTo(10);
        FlowMod mod = parser.parseFlowMod("in_port=9,cookie=0x7,priority=3,actions=output:1", FlowMod.Command.MODIFY);
        assertThat(mod.newCookie()).hasValue(7);
        assertThat(mod.priority()).isEqualTo(3);
        assertThat(mod.actions().asList()).containsExactly(new Action.Output(1));
    }

    @Test
    void shouldTakeTheCommandFromTheLineWhenParsingAFlowsFileLine() {
        assertThat(parser.parseFlowModLine("delete_strict priority=5,in_port=1").command())
                .isEqualTo(FlowMod.Command.DELETE_STRICT);
        assertThat(parser.parseFlowModLine("modify in_port=1 actions=drop").command())
                .isEqualTo(FlowMod.Command.MODIFY);
        assertThat(parser.parseFlowModLine("in_port=1 actions=drop").command()).isEqualTo(FlowMod.Command.ADD);
        assertThat(parser.parseFlowModLine("add in_port=1 actions=drop").match().value(MatchField.IN_PORT))
                .isEqualTo(1);
    }

    @Test
    void shouldParseADumpPatternWhenGivenFilters() {
        FlowPattern p = parser.parsePattern("table=2,ip,out_port=3,cookie=0x1/0x1");
        assertThat(p.tableId()).isEqualTo(2);
        assertThat(p.outPort()).isEqualTo(3);
        assertThat(p.cookieMask()).isEqualTo(1);
        assertThat(p.match().value(MatchField.DL_TYPE)).isEqualTo(0x0800);
        assertThat(parser.parsePattern("").tableId()).isEqualTo(FlowMod.ALL_TABLES);
    }
}
