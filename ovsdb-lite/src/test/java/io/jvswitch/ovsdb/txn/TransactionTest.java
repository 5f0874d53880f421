package io.jvswitch.ovsdb.txn;

import static org.assertj.core.api.Assertions.assertThat;

import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.DatabaseSnapshot;
import io.jvswitch.ovsdb.Row;
import io.jvswitch.ovsdb.Schema;
import io.jvswitch.ovsdb.Uuid;
import io.jvswitch.ovsdb.json.Json;
import io.jvswitch.ovsdb.json.JsonParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransactionTest {
    private Database db;
    private Uuid ovs;

    @BeforeEach
    void setUp() {
        db = Database.inMemory(Schema.vswitch());
        ovs = db.snapshot().openVswitchRow().uuid();
    }

    /** Runs a transaction written with ' for " and OVS for the Open_vSwitch row's uuid. */
    private TxnResult tx(String ops) {
        return db.transact(ops.replace('\'', '"').replace("OVS", ovs.toString()));
    }

    private TxnResult addBridge(String name) {
        return tx("[{'op':'insert','table':'Interface','uuid-name':'i','row':{'name':'" + name
                + "','type':'internal'}},"
                + "{'op':'insert','table':'Port','uuid-name':'p','row':{'name':'" + name
                + "','interfaces':['named-uuid','i']}},"
                + "{'op':'insert','table':'Bridge','uuid-name':'b','row':{'name':'" + name
                + "','ports':['named-uuid','p']}},"
                + "{'op':'mutate','table':'Open_vSwitch','where':[['_uuid','==',['uuid','OVS']]],"
                + "'mutations':[['bridges','insert',['set',[['named-uuid','b']]]]]}]");
    }

    private TxnResult addPort(String bridge, String name) {
        return tx("[{'op':'insert','table':'Interface','uuid-name':'i','row':{'name':'" + name + "'}},"
                + "{'op':'insert','table':'Port','uuid-name':'p','row':{'name':'" + name
                + "','interfaces':['named-uuid','i']}},"
                + "{'op':'mutate','table':'Bridge','where':[['name','==','" + bridge + "']],"
                + "'mutations':[['ports','insert',['named-uuid','p']]]}]");
    }

    private DatabaseSnapshot snap() {
        return db.snapshot();
    }

    @Test
    void shouldSeedOneOpenVswitchRowWhenCreated() {
        assertThat(snap().table("Open_vSwitch").size()).isEqualTo(1);
        assertThat(snap().openVswitchRow().getLong("next_cfg")).isZero();
    }

    @Test
    void shouldResolveNamedUuidsUsedBeforeTheirInsertWhenCommitting() {
        TxnResult r = tx("[{'op':'update','table':'Open_vSwitch','where':[['_uuid','==',['uuid','OVS']]],"
                + "'row':{'bridges':['named-uuid','b']}},"
                + "{'op':'insert','table':'Bridge','uuid-name':'b','row':{'name':'br0','ports':['named-uuid','p']}},"
                + "{'op':'insert','table':'Port','uuid-name':'p','row':{'name':'br0','interfaces':['named-uuid','i']}},"
                + "{'op':'insert','table':'Interface','uuid-name':'i','row':{'name':'br0','type':'internal'}},"
                + "{'op':'comment','comment':'test'}]");
        assertThat(r.isSuccess()).as(r.toString()).isTrue();
        assertThat(r.results()).hasSize(5);
        assertThat(r.results().get(0).toString()).isEqualTo("{\"count\":1}");
        assertThat(r.results().get(4).toString()).isEqualTo("{}");
        Uuid bridge = r.insertedUuid(1);
        assertThat(r.namedUuids()).containsEntry("b", bridge);
        Row br = snap().table("Bridge").findByName("br0");
        assertThat(br.uuid()).isEqualTo(bridge);
        assertThat(br.getUuids("ports")).containsExactly(r.insertedUuid(2));
        assertThat(snap().openVswitchRow().getUuids("bridges")).containsExactly(bridge);
        Row port = snap().refs(br, "ports").get(0);
        assertThat(snap().refs(port, "interfaces")).extracting(i -> i.getString("type")).containsExactly("internal");
    }

    @Test
    void shouldResolveNamedUuidInWhereClauseWhenMutatingARowOfTheSameTransaction() {
        addBridge("br0");
        TxnResult r = tx("[{'op':'insert','table':'Interface','uuid-name':'i','row':{'name':'vnet0',"
                + "'external_ids':['map',[['attached-mac','52:54:00:71:b1:b6']]]}},"
                + "{'op':'mutate','table':'Interface','where':[['_uuid','==',['named-uuid','i']]],"
                + "'mutations':[['external_ids','insert',['map',[['iface-status','active']]]]]},"
                + "{'op':'insert','table':'Port','uuid-name':'p','row':{'name':'vnet0','tag':10,"
                + "'interfaces':['named-uuid','i'],'other_config':['map',[['transient','true']]]}},"
                + "{'op':'mutate','table':'Bridge','where':[['name','==','br0']],"
                + "'mutations':[['ports','insert',['named-uuid','p']]]}]");
        assertThat(r.isSuccess()).as(r.toString()).isTrue();
        assertThat(r.count(1)).isEqualTo(1);
        Row iface = snap().table("Interface").findByName("vnet0");
        assertThat(iface.getStringMap("external_ids")).containsExactly(
                Map.entry("attached-mac", "52:54:00:71:b1:b6"), Map.entry("iface-status", "active"));
        assertThat(snap().table("Port").findByName("vnet0").getLong("tag")).isEqualTo(10);
    }

    @Test
    void shouldCollectPortAndInterfaceWhenBridgeDropsThem() {
        addBridge("br0");
        addPort("br0", "vnet0");
        Row port = snap().table("Port").findByName("vnet0");
        Row br = snap().table("Bridge").findByName("br0");
        TxnResult r = db.newTransaction().mutate("Bridge", List.of(TxnBuilder.whereUuid(br.uuid())),
                TxnBuilder.mutation("ports", "delete", port.uuid())).commit();
        assertThat(r.isSuccess()).as(r.toString()).isTrue();
        assertThat(snap().table("Port").findByName("vnet0")).isNull();
        assertThat(snap().table("Interface").findByName("vnet0")).isNull();
        assertThat(r.changes().deleted("Interface")).extracting(x -> x.getString("name")).containsExactly("vnet0");
        assertThat(snap().table("Port").findByName("br0")).isNotNull();
    }

    @Test
    void shouldCascadeWholeBridgeWhenOpenVswitchDropsIt() {
        addBridge("br0");
        addPort("br0", "p1");
        TxnResult r = tx("[{'op':'update','table':'Open_vSwitch','where':[],'row':{'bridges':['set',[]]}}]");
        assertThat(r.isSuccess()).isTrue();
        assertThat(snap().table("Bridge").size()).isZero();
        assertThat(snap().table("Port").size()).isZero();
        assertThat(snap().table("Interface").size()).isZero();
    }

    @Test
    void shouldDropUnreferencedInsertedRowWhenCommitted() {
        TxnResult r = tx("[{'op':'insert','table':'Bridge','row':{'name':'lonely'}}]");
        assertThat(r.isSuccess()).isTrue();
        assertThat(r.insertedUuid(0)).isNotNull();
        assertThat(snap().table("Bridge").size()).isZero();
    }

    @Test
    void shouldRemoveSflowRowWhenBridgeSflowIsCleared() {
        addBridge("br0");
        TxnResult created = tx("[{'op':'update','table':'Bridge','where':[['name','==','br0']],"
                + "'row':{'sflow':['named-uuid','s']}},"
                + "{'op':'insert','table':'sFlow','uuid-name':'s','row':{'agent':'lo','targets':'127.0.0.1:6343',"
                + "'sampling':64,'header':128,'polling':10}}]");
        assertThat(created.isSuccess()).as(created.toString()).isTrue();
        assertThat(snap().table("sFlow").size()).isEqualTo(1);
        Row sflow = snap().table("sFlow").rows().iterator().next();
        assertThat(sflow.get("targets").keys()).extracting(a -> a.asString()).containsExactly("127.0.0.1:6343");

        // Deleting it while the bridge still points at it is refused, as OVSDB does.
        TxnResult refused = tx("[{'op':'delete','table':'sFlow','where':[]}]");
        assertThat(refused.isSuccess()).isFalse();
        assertThat(refused.error().error()).isEqualTo("referential integrity violation");
        assertThat(refused.error().details()).startsWith("cannot delete sFlow row " + sflow.uuid()
                + " because of 1 remaining reference(s)");

        TxnResult cleared = tx("[{'op':'update','table':'Bridge','where':[['name','==','br0']],"
                + "'row':{'sflow':['set',[]]}}]");
        assertThat(cleared.isSuccess()).isTrue();
        assertThat(snap().table("sFlow").size()).isZero();
    }

    @Test
    void shouldKeepRootQosWhenNoPortReferencesIt() {
        addBridge("br0");
        addPort("br0", "vnet0");
        TxnResult r = tx("[{'op':'update','table':'Port','where':[['name','==','vnet0']],"
                + "'row':{'qos':['named-uuid','q']}},"
                + "{'op':'insert','table':'QoS','uuid-name':'q','row':{'type':'linux-htb',"
                + "'queues':['map',[[0,['named-uuid','u']]]]}},"
                + "{'op':'insert','table':'Queue','uuid-name':'u',"
                + "'row':{'other_config':['map',[['max-rate','1000']]]}}]");
        assertThat(r.isSuccess()).as(r.toString()).isTrue();
        tx("[{'op':'update','table':'Port','where':[['name','==','vnet0']],'row':{'qos':['set',[]]}}]");
        assertThat(snap().table("QoS").size()).isEqualTo(1);
        assertThat(snap().table("Queue").size()).isEqualTo(1);
        TxnResult destroy = tx("[{'op':'delete','table':'QoS','where':[]}]");
        assertThat(destroy.count(0)).isEqualTo(1);
        assertThat(snap().table("QoS").size()).isZero();
        assertThat(snap().table("Queue").size()).isEqualTo(1);
    }

    @Test
    void shouldChangeNothingWhenALaterOperationFails() {
        addBridge("br0");
        DatabaseSnapshot before = snap();
        TxnResult r = tx("[{'op':'update','table':'Bridge','where':[['name','==','br0']],"
                + "'row':{'external_ids':['map',[['k','v']]]}},"
                + "{'op':'update','table':'Port','where':[['name','==','br0']],'row':{'tag':5000}},"
                + "{'op':'comment','comment':'never'}]");
        assertThat(r.isSuccess()).isFalse();
        assertThat(r.toJson().toString()).isEqualTo("[{\"count\":1},{\"details\":\"5000 is not in the valid range"
                + " 0 to 4095 (inclusive)\",\"error\":\"constraint violation\"},null]");
        assertThat(snap()).isSameAs(before);
        assertThat(snap().table("Bridge").findByName("br0").getStringMap("external_ids")).isEmpty();
    }

    @Test
    void shouldReportOvsErrorsWhenOperationsAreInvalid() {
        addBridge("br0");
        assertThat(tx("[{'op':'update','table':'Port','where':[],'row':{'vlan_mode':'bogus'}}]").error().details())
                .isEqualTo("bogus is not one of the allowed values "
                        + "([access, dot1q-tunnel, native-tagged, native-untagged, trunk])");
        TxnResult immutable = tx("[{'op':'update','table':'Bridge','where':[],'row':{'name':'x'}}]");
        assertThat(immutable.error().error()).isEqualTo("constraint violation");
        assertThat(immutable.error().details()).isEqualTo("Cannot update immutable column name in table Bridge.");
        TxnResult unknownCol = tx("[{'op':'update','table':'Bridge','where':[],'row':{'nosuchcol':1}}]");
        assertThat(unknownCol.error().toJson().toString()).isEqualTo("{\"syntax\":\"{\\\"nosuchcol\\\":1}\","
                + "\"details\":\"No column nosuchcol in table Bridge.\",\"error\":\"unknown column\"}");
        assertThat(tx("[{'op':'select','table':'Nope','where':[]}]").error().details())
                .isEqualTo("Parsing ovsdb operation 1 of 1 failed: No table named Nope.");
        assertThat(tx("[{'op':'frobnicate'}]").error().error()).isEqualTo("syntax error");
        assertThat(tx("[{'op':'abort'}]").error().toJson().toString())
                .isEqualTo("{\"details\":\"aborted by request\",\"error\":\"aborted\"}");
        TxnResult empty = tx("[{'op':'insert','table':'sFlow','row':{'targets':['set',[]]}}]");
        assertThat(empty.error().details()).isEqualTo("set must have 1 to 4294967295 members but 0 are present");
        TxnResult refs = tx("[{'op':'update','table':'Open_vSwitch','where':[],"
                + "'row':{'bridges':['uuid','11111111-1111-4111-8111-111111111111']}}]");
        assertThat(refs.error().error()).isEqualTo("referential integrity violation");
        assertThat(refs.error().details()).isEqualTo("Table Open_vSwitch column bridges row " + ovs
                + " references nonexistent row 11111111-1111-4111-8111-111111111111 in table Bridge.");
        assertThat(refs.results()).hasSize(2);
        assertThat(tx("[]").toJson().toString()).isEqualTo("[]");
    }

    @Test
    void shouldRejectDuplicateNamesWhenIndexesClash() {
        addBridge("br0");
        TxnResult r = addBridge("br0");
        assertThat(r.isSuccess()).isFalse();
        assertThat(r.results()).hasSize(5);
        assertThat(r.error().error()).isEqualTo("constraint violation");
        assertThat(r.error().details()).startsWith("Transaction causes multiple rows in \"");
        assertThat(r.error().details()).contains("table to have identical values (br0) for index on column \"name\"."
                + "  First row, with UUID ");
        assertThat(r.error().details()).contains("was inserted by this transaction");
        assertThat(snap().table("Bridge").size()).isEqualTo(1);
    }

    @Test
    void shouldCollectOldPortBeforeCheckingNamesWhenPortIsReplacedInOneTransaction() {
        addBridge("br0");
        addPort("br0", "vnet0");
        Row old = snap().table("Port").findByName("vnet0");
        Row brPort = snap().table("Port").findByName("br0");
        // Older libvirt: "--if-exists del-port vnet0 -- add-port br0 vnet0" as one transaction.
        TxnResult r = tx("[{'op':'update','table':'Bridge','where':[['name','==','br0']],"
                + "'row':{'ports':['set',[['uuid','" + brPort.uuid() + "'],['named-uuid','p']]]}},"
                + "{'op':'insert','table':'Port','uuid-name':'p',"
                + "'row':{'name':'vnet0','interfaces':['named-uuid','i']}},"
                + "{'op':'insert','table':'Interface','uuid-name':'i','row':{'name':'vnet0'}}]");
        assertThat(r.isSuccess()).as(r.toString()).isTrue();
        assertThat(snap().table("Port").findByName("vnet0").uuid()).isNotEqualTo(old.uuid());
        assertThat(snap().table("Interface").size()).isEqualTo(2);
    }

    @Test
    void shouldRefuseSecondOpenVswitchRowWhenMaxRowsIsOne() {
        TxnResult r = tx("[{'op':'insert','table':'Open_vSwitch','row':{}}]");
        assertThat(r.error().details()).isEqualTo("transaction causes \"Open_vSwitch\" table to contain 2 rows, "
                + "greater than the schema-defined limit of 1 row(s)");
    }

    @Test
    void shouldIncrementNextCfgAndSelectItWhenOvsVsctlWaits() {
        TxnResult r = tx("[{'op':'mutate','table':'Open_vSwitch','where':[['_uuid','==',['uuid','OVS']]],"
                + "'mutations':[['next_cfg','+=',1]]},"
                + "{'op':'select','table':'Open_vSwitch','where':[['_uuid','==',['uuid','OVS']]],"
                + "'columns':['next_cfg']}]");
        assertThat(r.toJson().toString()).isEqualTo("[{\"count\":1},{\"rows\":[{\"next_cfg\":1}]}]");
        assertThat(tx("[{'op':'mutate','table':'Open_vSwitch','where':[],'mutations':[['next_cfg','/=',0]]}]")
                .error().error()).isEqualTo("domain error");
    }

    @Test
    void shouldApplyMapAndSetMutationsAsOvsdbDoes() {
        addBridge("br0");
        String where = "'where':[['name','==','br0']]";
        tx("[{'op':'mutate','table':'Port'," + where + ",'mutations':[['other_config','insert',"
                + "['map',[['PortData','abc']]]]]}]");
        tx("[{'op':'mutate','table':'Port'," + where + ",'mutations':[['other_config','insert',"
                + "['map',[['PortData','xyz']]]]]}]");
        assertThat(snap().table("Port").findByName("br0").getStringMap("other_config"))
                .containsEntry("PortData", "abc");
        tx("[{'op':'mutate','table':'Port'," + where + ",'mutations':[['other_config','delete',['set',['PortData']]],"
                + "['other_config','insert',['map',[['PortData','xyz']]]]]}]");
        assertThat(snap().table("Port").findByName("br0").getStringMap("other_config"))
                .containsEntry("PortData", "xyz");
        tx("[{'op':'mutate','table':'Port'," + where + ",'mutations':[['trunks','insert',['set',[30,10,20]]],"
                + "['trunks','delete',20]]}]");
        assertThat(snap().table("Port").findByName("br0").getLongs("trunks")).containsExactly(10L, 30L);
        TxnResult bad = tx("[{'op':'mutate','table':'Port'," + where + ",'mutations':[['trunks','+=',4090]]}]");
        assertThat(bad.error().details()).isEqualTo("4100 is not in the valid range 0 to 4095 (inclusive)");
        TxnResult dup = tx("[{'op':'mutate','table':'Port'," + where + ",'mutations':[['trunks','*=',0]]}]");
        assertThat(dup.error().error()).isEqualTo("constraint violation");
    }

    @Test
    void shouldTimeOutWhenWaitConditionDoesNotHold() {
        addBridge("br0");
        TxnResult ok = tx("[{'op':'wait','table':'Bridge','timeout':0,'where':[['name','==','br0']],"
                + "'columns':['name'],'until':'==','rows':[{'name':'br0'}]}]");
        assertThat(ok.toJson().toString()).isEqualTo("[{}]");
        TxnResult stale = tx("[{'op':'wait','table':'Bridge','timeout':0,'where':[['name','==','br0']],"
                + "'columns':['ports'],'until':'==','rows':[{'ports':['set',[]]}]},{'op':'comment','comment':'x'}]");
        assertThat(stale.toJson().toString()).isEqualTo("[{\"details\":\"\\\"where\\\" clause test failed\","
                + "\"error\":\"timed out\"},null]");
        TxnResult singleton = tx("[{'op':'wait','table':'Open_vSwitch','timeout':0,'where':[],'until':'==',"
                + "'rows':[]}]");
        assertThat(singleton.error().error()).isEqualTo("timed out");
    }

    @Test
    void shouldSelectWithConditionsAndDefaultColumns() {
        addBridge("br0");
        addBridge("br1");
        TxnResult r = tx("[{'op':'select','table':'Bridge','where':[['name','!=','br0']]},"
                + "{'op':'select','table':'Port','where':[['tag','==',['set',[]]],['name','includes','br0']],"
                + "'columns':['name','_uuid']}]");
        Json rows = ((Json.Obj) r.results().get(0)).get("rows");
        assertThat(((Json.Arr) rows).size()).isEqualTo(1);
        Json.Obj br1 = (Json.Obj) ((Json.Arr) rows).get(0);
        assertThat(br1.get("name")).isEqualTo(Json.of("br1"));
        assertThat(br1.members()).containsKeys("_uuid", "_version", "flood_vlans", "ports");
        Json port = ((Json.Arr) ((Json.Obj) r.results().get(1)).get("rows")).get(0);
        assertThat(((Json.Obj) port).members().keySet()).containsExactly("name", "_uuid");
    }

    @Test
    void shouldDropWeakReferencesWhenTargetsVanish() {
        addBridge("br0");
        addPort("br0", "p1");
        Row p1 = snap().table("Port").findByName("p1");
        TxnResult m = tx("[{'op':'insert','table':'Mirror','uuid-name':'m','row':{'name':'m0',"
                + "'select_src_port':['uuid','" + p1.uuid() + "'],'output_port':['uuid','" + p1.uuid() + "']}},"
                + "{'op':'mutate','table':'Bridge','where':[['name','==','br0']],"
                + "'mutations':[['mirrors','insert',['named-uuid','m']]]}]");
        assertThat(m.isSuccess()).as(m.toString()).isTrue();
        tx("[{'op':'mutate','table':'Bridge','where':[['name','==','br0']],"
                + "'mutations':[['ports','delete',['uuid','" + p1.uuid() + "']]]}]");
        Row mirror = snap().table("Mirror").rows().iterator().next();
        assertThat(mirror.get("select_src_port").isEmpty()).isTrue();
        assertThat(mirror.get("output_port").isEmpty()).isTrue();
    }

    @Test
    void shouldReportNoChangeWhenUpdateWritesSameValues() {
        addBridge("br0");
        long before = snap().txnId();
        TxnResult r = tx("[{'op':'update','table':'Bridge','where':[['name','==','br0']],'row':{'stp_enable':false}}]");
        assertThat(r.count(0)).isEqualTo(1);
        assertThat(r.changes()).isNull();
        assertThat(snap().txnId()).isEqualTo(before);
    }

    @Test
    void shouldBuildTransactionsFromJavaValuesWithoutJsonText() {
        addBridge("br0");
        TxnBuilder t = db.newTransaction();
        TxnBuilder.Ref iface = t.insert("Interface", Map.of("name", "vnet0", "external_ids",
                Map.of("attached-mac", "52:54:00:71:b1:b6")));
        TxnBuilder.Ref port = t.insert("Port", Map.of("name", "vnet0", "interfaces", iface, "tag", 10,
                "trunks", List.of(30, 40)));
        t.mutate("Bridge", List.of(TxnBuilder.eq("name", "br0")), TxnBuilder.mutation("ports", "insert", port));
        TxnResult r = t.commit();
        assertThat(r.isSuccess()).as(r.toString()).isTrue();
        Row p = snap().table("Port").findByName("vnet0");
        assertThat(p.uuid()).isEqualTo(port.uuid(r));
        assertThat(p.getLongs("trunks")).containsExactly(30L, 40L);
        assertThat(JsonParser.parse(t.toJson().toString())).isEqualTo(t.toJson());
    }
}
