package io.jvswitch.ovsdb.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.Schema;
import io.jvswitch.ovsdb.json.Json;
import io.jvswitch.ovsdb.json.JsonException;
import io.jvswitch.ovsdb.json.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the same transactions on ovsdb-lite and on Open vSwitch's own ovsdb-server (loaded with our schema) and
 * compares the results, uuids normalized to their order of appearance. Skips when the OVS tools are absent.
 */
class OvsdbServerDifferentialTest {
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private static final Pattern INDEX_CLAUSES = Pattern.compile(
            "First row, with UUID (\\S+), ([^.]*)\\.  Second row, with UUID (\\S+), ([^.\"]*)\\.");

    @TempDir
    static Path dir;
    private static Process server;
    private static String socket;

    @BeforeAll
    static void startServer() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ovsdb-server")) || Files.isExecutable(Path.of(
                "/usr/bin/ovsdb-server")), "ovsdb-server not installed");
        Path schema = dir.resolve("vswitch.ovsschema");
        try (InputStream in = Schema.class.getResourceAsStream(Schema.VSWITCH_RESOURCE)) {
            Files.write(schema, in.readAllBytes());
        }
        Path db = dir.resolve("conf.db");
        assumeTrue(run(List.of("ovsdb-tool", "create", db.toString(), schema.toString())) != null);
        socket = dir.resolve("db.sock").toString();
        server = new ProcessBuilder("ovsdb-server", "--remote=punix:" + socket, "--unixctl=" + dir.resolve("ctl"),
                "--no-chdir", db.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile())
                .start();
        boolean up = false;
        for (int i = 0; i < 100 && !up; i++) {
            Thread.sleep(20);
            up = Files.exists(Path.of(socket)) && run(List.of("ovsdb-client", "list-dbs", "unix:" + socket)) != null;
        }
        assumeTrue(up, "ovsdb-server did not start");
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(5, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return null;
        }
        return p.exitValue() == 0 ? out : null;
    }

    private static Json ovs(String ops) throws Exception {
        String out = run(List.of("ovsdb-client", "transact", "unix:" + socket, "[\"Open_vSwitch\"" + (ops.isEmpty()
                ? "" : "," + ops) + "]"));
        assertThat(out).as("ovsdb-client transact " + ops).isNotNull();
        return JsonParser.parse(out.trim());
    }

    /** Objects with sorted members, "syntax" strings parsed, then uuids replaced by their order of appearance. */
    private static String canonical(Json j) {
        String text = sortIndexClauses(sorted(j).toString());
        Map<String, String> ids = new HashMap<>();
        Matcher m = UUID.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, ids.computeIfAbsent(m.group(), k -> "<uuid" + ids.size() + ">"));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** ovsdb-server names the two clashing rows in hash order; put them in a fixed order before comparing. */
    private static String sortIndexClauses(String text) {
        Matcher m = INDEX_CLAUSES.matcher(text);
        if (!m.find()) {
            return text;
        }
        String a = "row, with UUID " + m.group(1) + ", " + m.group(2);
        String b = "row, with UUID " + m.group(3) + ", " + m.group(4);
        String first = m.group(2).compareTo(m.group(4)) <= 0 ? a : b;
        String second = first == a ? b : a;
        return text.substring(0, m.start()) + "First " + first + ".  Second " + second + "." + text.substring(m.end());
    }

    private static Json sorted(Json j) {
        if (j instanceof Json.Arr a) {
            List<Json> l = new ArrayList<>();
            a.items().forEach(x -> l.add(sorted(x)));
            return Json.array(l);
        }
        if (j instanceof Json.Obj o) {
            TreeMap<String, Json> m = new TreeMap<>();
            o.members().forEach((k, v) -> {
                if (k.equals("syntax") && v instanceof Json.Str s) {
                    try {
                        m.put(k, sorted(JsonParser.parse(s.value())));
                        return;
                    } catch (JsonException notJson) {
                        // keep the raw text
                    }
                }
                Json value = sorted(v);
                if (k.equals("rows") && value instanceof Json.Arr rows) {
                    // A select returns rows in hash order: compare them as a multiset.
                    List<Json> l = new ArrayList<>(rows.items());
                    l.sort(Comparator.comparing(r -> UUID.matcher(r.toString()).replaceAll("")));
                    value = Json.array(l);
                }
                m.put(k, value);
            });
            return new Json.Obj(m);
        }
        return j;
    }

    @Test
    void shouldAnswerLikeOvsdbServerWhenRunningTheSameTransactions() throws Exception {
        Database lite = Database.inMemory(Schema.vswitch());
        ovs("{\"op\":\"insert\",\"table\":\"Open_vSwitch\",\"row\":{}}");
        String[] txns = {
            "{'op':'update','table':'Open_vSwitch','where':[],'row':{'bridges':['named-uuid','b']}},"
                + "{'op':'insert','table':'Bridge','uuid-name':'b','row':{'name':'br0','ports':['named-uuid','p']}},"
                + "{'op':'insert','table':'Port','uuid-name':'p','row':{'name':'br0','interfaces':['named-uuid','i']}},"
                + "{'op':'insert','table':'Interface','uuid-name':'i','row':{'name':'br0','type':'internal'}},"
                + "{'op':'comment','comment':'add-br'}",
            "{'op':'insert','table':'Interface','uuid-name':'i','row':{'name':'br0'}},"
                + "{'op':'insert','table':'Port','uuid-name':'p','row':{'name':'px','interfaces':['named-uuid','i']}},"
                + "{'op':'mutate','table':'Bridge','where':[],'mutations':[['ports','insert',['named-uuid','p']]]}",
            "{'op':'insert','table':'Interface','uuid-name':'i','row':{'name':'vnet0',"
                + "'external_ids':['map',[['attached-mac','52:54:00:71:b1:b6']]]}},"
                + "{'op':'mutate','table':'Interface','where':[['_uuid','==',['named-uuid','i']]],"
                + "'mutations':[['external_ids','insert',['map',[['iface-status','active']]]]]},"
                + "{'op':'insert','table':'Port','uuid-name':'p','row':{'name':'vnet0','tag':10,"
                + "'interfaces':['named-uuid','i'],'other_config':['map',[['transient','true']]]}},"
                + "{'op':'mutate','table':'Bridge','where':[['name','==','br0']],"
                + "'mutations':[['ports','insert',['named-uuid','p']]]}",
            "{'op':'select','table':'Interface','where':[['name','==','vnet0']],"
                + "'columns':['name','external_ids','ofport','error','type','options','_uuid']}",
            "{'op':'update','table':'Bridge','where':[],'row':{'sflow':['named-uuid','s']}},"
                + "{'op':'insert','table':'sFlow','uuid-name':'s','row':{'agent':'lo','targets':'127.0.0.1:6343',"
                + "'sampling':64}}",
            "{'op':'delete','table':'sFlow','where':[]}",
            "{'op':'delete','table':'Port','where':[['name','==','vnet0']]}",
            "{'op':'update','table':'Bridge','where':[],'row':{'sflow':['set',[]]}},"
                + "{'op':'select','table':'sFlow','where':[]}",
            "{'op':'update','table':'Bridge','where':[],'row':{'netflow':['named-uuid','nothere']}}",
            "{'op':'update','table':'Port','where':[],'row':{'tag':5000}}",
            "{'op':'update','table':'Port','where':[],'row':{'vlan_mode':'bogus'}}",
            "{'op':'insert','table':'sFlow','row':{'targets':['set',[]]}}",
            "{'op':'update','table':'Bridge','where':[],'row':{'name':'x'}}",
            "{'op':'update','table':'Bridge','where':[],'row':{'nosuchcol':1}}",
            "{'op':'mutate','table':'Bridge','where':[],'mutations':[['name','insert','x']]}",
            "{'op':'mutate','table':'Port','where':[],'mutations':[['external_ids','+=',1]]}",
            "{'op':'mutate','table':'Port','where':[],'mutations':[['tag','insert',['set',[1,2]]]]}",
            "{'op':'mutate','table':'Port','where':[['name','==','vnet0']],"
                + "'mutations':[['trunks','insert',['set',[1,2]]]]},"
                + "{'op':'mutate','table':'Port','where':[['name','==','vnet0']],'mutations':[['trunks','*=',0]]}",
            "{'op':'mutate','table':'Port','where':[['name','==','vnet0']],'mutations':[['trunks','+=',4095]]}",
            "{'op':'mutate','table':'Open_vSwitch','where':[],'mutations':[['next_cfg','/=',0]]}",
            "{'op':'mutate','table':'Open_vSwitch','where':[],'mutations':[['next_cfg','+=',1]]},"
                + "{'op':'select','table':'Open_vSwitch','where':[],'columns':['next_cfg']}",
            "{'op':'mutate','table':'Port','where':[['name','==','vnet0']],"
                + "'mutations':[['other_config','insert',['map',[['transient','false'],['k','v']]]]]},"
                + "{'op':'select','table':'Port','where':[['name','==','vnet0']],'columns':['other_config']},"
                + "{'op':'mutate','table':'Port','where':[['name','==','vnet0']],"
                + "'mutations':[['other_config','delete',['set',['transient']]]]},"
                + "{'op':'select','table':'Port','where':[['name','==','vnet0']],'columns':['other_config','tag']}",
            "{'op':'frob'}",
            "{'op':'select','table':'Nope','where':[]}",
            "{'op':'select','table':'Bridge'}",
            "{'op':'select','table':'Bridge','where':[],'columns':['name','name']}",
            "{'op':'select','table':'Bridge','where':[],'columns':['nope']}",
            "{'op':'select','table':'Bridge','where':[['name','<','x']]}",
            "{'op':'select','table':'Bridge','where':[['nope','==','x']]}",
            "{'op':'insert','table':'Interface','uuid-name':'a','row':{'name':'i1'}},"
                + "{'op':'insert','table':'Interface','uuid-name':'a','row':{'name':'i2'}}",
            "{'op':'insert','table':'Interface','row':{'name':'zz','type':5}}",
            "{'op':'insert','table':'Interface','row':{'name':'zz','mtu_request':0}}",
            "{'op':'update','table':'Port','where':[],'row':{'trunks':['set',[1,1]]}}",
            "{'op':'wait','table':'Bridge','timeout':0,'where':[['name','==','br0']],'columns':['name'],"
                + "'until':'==','rows':[{'name':'br0'}]},"
                + "{'op':'wait','table':'Bridge','timeout':0,'where':[],'columns':['name'],'until':'==','rows':[]},"
                + "{'op':'comment','comment':'never'}",
            "{'op':'wait','table':'Open_vSwitch','timeout':0,'where':[],'until':'!=','rows':[]}",
            "{'op':'insert','table':'Open_vSwitch','row':{}}",
            "{'op':'update','table':'Bridge','where':[['name','==','br0']],'row':{'stp_enable':false}},"
                + "{'op':'abort'},{'op':'comment','comment':'x'}",
            "{'op':'update','table':'Open_vSwitch','where':[],'row':{'bridges':['set',[]]}},"
                + "{'op':'select','table':'Port','where':[]},{'op':'select','table':'Interface','where':[]}",
            "",
        };
        for (String t : txns) {
            String ops = t.replace('\'', '"');
            Json expected = ovs(ops);
            Json actual = lite.transact("[" + ops + "]").toJson();
            assertThat(canonical(actual)).as(ops).isEqualTo(canonical(expected));
        }
    }
}
