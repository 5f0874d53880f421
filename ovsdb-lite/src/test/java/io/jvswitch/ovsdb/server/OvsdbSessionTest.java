package io.jvswitch.ovsdb.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.Schema;
import io.jvswitch.ovsdb.json.Json;
import io.jvswitch.ovsdb.json.JsonParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OvsdbSessionTest {
    private final Database db = Database.inMemory(Schema.vswitch());
    private final List<String> sent = new ArrayList<>();
    private final OvsdbSession session = new OvsdbSession(db, j -> sent.add(j.toString()));

    private void send(String json) {
        session.handle(JsonParser.parse(json.replace('\'', '"')));
    }

    @Test
    void shouldAnswerBasicMethodsInOvsdbServerShapes() {
        send("{'id':'e1','method':'echo','params':['hi',1]}");
        send("{'id':1,'method':'get_schema','params':['_Server']}");
        send("{'id':2,'method':'monitor_cond','params':[]}");
        send("{'id':3,'method':'list_dbs','params':[]}");
        send("{'id':4,'method':'transact','params':['Nope']}");
        assertThat(sent.get(0)).isEqualTo("{\"id\":\"e1\",\"result\":[\"hi\",1],\"error\":null}");
        assertThat(sent.get(1)).isEqualTo("{\"id\":1,\"result\":null,\"error\":{\"syntax\":\"[\\\"_Server\\\"]\","
                + "\"details\":\"get_schema request specifies unknown database _Server\","
                + "\"error\":\"unknown database\"}}");
        assertThat(sent.get(2)).isEqualTo("{\"id\":2,\"result\":null,\"error\":\"unknown method\"}");
        assertThat(sent.get(3)).isEqualTo("{\"id\":3,\"result\":[\"Open_vSwitch\"],\"error\":null}");
        assertThat(sent.get(4)).contains("unknown database");
    }

    @Test
    void shouldSendUpdateBeforeTransactReplyWhenSessionMonitorsTheTable() {
        send("{'id':1,'method':'monitor','params':['Open_vSwitch',['monid','Open_vSwitch'],"
                + "{'Open_vSwitch':[{'columns':['next_cfg']}],'Bridge':{'columns':['name']}}]}");
        assertThat(sent.get(0)).startsWith("{\"id\":1,\"result\":{\"Open_vSwitch\":{\"").contains("\"next_cfg\":0");
        send("{'id':2,'method':'transact','params':['Open_vSwitch',{'op':'mutate','table':'Open_vSwitch',"
                + "'where':[],'mutations':[['next_cfg','+=',1]]}]}");
        assertThat(sent).hasSize(3);
        assertThat(sent.get(1)).startsWith("{\"id\":null,\"method\":\"update\","
                + "\"params\":[[\"monid\",\"Open_vSwitch\"],{\"Open_vSwitch\":{\"")
                .endsWith("{\"old\":{\"next_cfg\":0},\"new\":{\"next_cfg\":1}}}}]}");
        assertThat(sent.get(2)).isEqualTo("{\"id\":2,\"result\":[{\"count\":1}],\"error\":null}");

        send("{'id':3,'method':'monitor','params':['Open_vSwitch',['monid','Open_vSwitch'],{'Bridge':{}}]}");
        assertThat(sent.get(3)).contains("duplicate monitor ID");
        send("{'id':4,'method':'monitor_cancel','params':[['monid','Open_vSwitch']]}");
        assertThat(sent.get(4)).isEqualTo("{\"id\":4,\"result\":{},\"error\":null}");
        send("{'id':5,'method':'transact','params':['Open_vSwitch',{'op':'mutate','table':'Open_vSwitch',"
                + "'where':[],'mutations':[['next_cfg','+=',1]]}]}");
        assertThat(sent).hasSize(6);
        send("{'id':6,'method':'monitor_cancel','params':['nope']}");
        assertThat(sent.get(6)).isEqualTo("{\"id\":6,\"result\":null,\"error\":\"unknown monitor\"}");
    }

    @Test
    void shouldIgnoreRepliesAndMalformedMessagesWithoutAnswering() {
        send("{'id':'echo','result':[],'error':null}");
        send("{'jsonrpc':'2.0','id':1,'method':'echo','params':[]}");
        send("[1,2]");
        send("{'id':null,'method':'transact','params':['Open_vSwitch',{'op':'mutate','table':'Open_vSwitch',"
                + "'where':[],'mutations':[['next_cfg','+=',1]]}]}");
        assertThat(sent).isEmpty();
        assertThat(db.snapshot().openVswitchRow().getLong("next_cfg")).isEqualTo(1);
        send("{'id':7,'method':'echo','params':{}}");
        assertThat(sent.get(0)).contains("\"id\":7").contains("params must be an array");
        session.close();
        assertThat(JsonParser.parse(sent.get(0))).isInstanceOf(Json.Obj.class);
    }
}
