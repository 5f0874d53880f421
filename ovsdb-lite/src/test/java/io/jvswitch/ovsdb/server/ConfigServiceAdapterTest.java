package io.jvswitch.ovsdb.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.jvswitch.api.ChangeNotice;
import io.jvswitch.api.ListReply;
import io.jvswitch.api.ListRequest;
import io.jvswitch.api.TransactReply;
import io.jvswitch.api.TransactRequest;
import io.jvswitch.api.WatchRequest;
import io.jvswitch.ovsdb.Database;
import io.jvswitch.ovsdb.Schema;
import io.jvswitch.ovsdb.json.Json;
import io.jvswitch.ovsdb.json.JsonParser;
import io.jvswitch.ovsdb.txn.TxnBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigServiceAdapterTest {
    private final Database db = Database.inMemory(Schema.vswitch());
    private final ConfigServiceAdapter adapter = new ConfigServiceAdapter(db, 16);

    /** A stand-in for grpc's server call: records what is sent and lets the test flip readiness and cancel. */
    static final class FakeCall<T> extends ServerCallStreamObserver<T> {
        final List<T> sent = new ArrayList<>();
        Throwable error;
        boolean completed;
        boolean ready = true;
        boolean cancelled;
        Runnable onCancel;
        Runnable onReady;

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public void setOnCancelHandler(Runnable r) {
            onCancel = r;
        }

        @Override
        public void setCompression(String compression) {
        }

        @Override
        public boolean isReady() {
            return ready;
        }

        @Override
        public void setOnReadyHandler(Runnable r) {
            onReady = r;
        }

        @Override
        public void disableAutoInboundFlowControl() {
        }

        @Override
        public void request(int count) {
        }

        @Override
        public void setMessageCompression(boolean enable) {
        }

        @Override
        public void onNext(T value) {
            sent.add(value);
        }

        @Override
        public void onError(Throwable t) {
            error = t;
        }

        @Override
        public void onCompleted() {
            completed = true;
        }

        void cancel() {
            cancelled = true;
            onCancel.run();
        }
    }

    private void setKey(String k) {
        db.newTransaction().mutate("Open_vSwitch", List.of(), TxnBuilder.mutation("external_ids", "insert",
                Map.of(k, "v"))).commit();
    }

    @Test
    void shouldAnswerRfc7047ResultsWhenTransacting() {
        FakeCall<TransactReply> call = new FakeCall<>();
        adapter.transact(TransactRequest.newBuilder().setOperationsJson("[{\"op\":\"select\",\"table\":\"Bridge\","
                + "\"where\":[]},{\"op\":\"update\",\"table\":\"Port\",\"where\":[],\"row\":{\"tag\":5000}}]")
                .build(), call);
        assertThat(call.completed).isTrue();
        assertThat(call.sent.get(0).getResultsJson()).isEqualTo("[{\"rows\":[]},{\"details\":\"5000 is not in the "
                + "valid range 0 to 4095 (inclusive)\",\"error\":\"constraint violation\"}]");
    }

    @Test
    void shouldFailWithInvalidArgumentWhenRequestIsNotAnArray() {
        FakeCall<TransactReply> call = new FakeCall<>();
        adapter.transact(TransactRequest.newBuilder().setOperationsJson("{\"op\":").build(), call);
        assertThat(Status.fromThrowable(call.error).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        FakeCall<TransactReply> call2 = new FakeCall<>();
        adapter.transact(TransactRequest.newBuilder().setOperationsJson("{}").build(), call2);
        assertThat(Status.fromThrowable(call2.error).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void shouldListRowsWithUuidWhenAskedForColumns() {
        setKey("a");
        FakeCall<ListReply> call = new FakeCall<>();
        adapter.list(ListRequest.newBuilder().setTable("Open_vSwitch").addColumns("external_ids").build(), call);
        Json rows = JsonParser.parse(call.sent.get(0).getRowsJson());
        Json.Obj row = (Json.Obj) ((Json.Arr) rows).get(0);
        assertThat(row.members().keySet()).containsExactly("_uuid", "external_ids");
        FakeCall<ListReply> bad = new FakeCall<>();
        adapter.list(ListRequest.newBuilder().setTable("Nope").build(), bad);
        assertThat(Status.fromThrowable(bad.error).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void shouldStreamInitialStateThenChangesAndStopWhenClientCancels() {
        FakeCall<ChangeNotice> call = new FakeCall<>();
        adapter.watch(WatchRequest.newBuilder().addTables("Open_vSwitch").build(), call);
        assertThat(call.sent).hasSize(1);
        assertThat(call.sent.get(0).getTxnId()).isZero();
        assertThat(call.sent.get(0).getUpdatesJson()).contains("\"Open_vSwitch\"").contains("\"new\"");
        setKey("a");
        assertThat(call.sent).hasSize(2);
        assertThat(call.sent.get(1).getTxnId()).isEqualTo(db.snapshot().txnId());
        assertThat(call.sent.get(1).getUpdatesJson()).contains("\"old\":{\"external_ids\":[\"map\",[]]}");
        // Changes to tables it does not watch are not sent.
        db.transact("[{\"op\":\"insert\",\"table\":\"QoS\",\"row\":{\"type\":\"linux-htb\"}}]");
        assertThat(call.sent).hasSize(2);
        call.cancel();
        setKey("b");
        assertThat(call.sent).hasSize(2);
    }

    @Test
    void shouldQueueWhileNotReadyAndCutOffWhenClientIsTooSlow() {
        FakeCall<ChangeNotice> call = new FakeCall<>();
        adapter.watch(WatchRequest.newBuilder().build(), call);
        call.ready = false;
        setKey("a");
        setKey("b");
        assertThat(call.sent).hasSize(1);
        call.ready = true;
        call.onReady.run();
        assertThat(call.sent).hasSize(3);
        call.ready = false;
        for (int i = 0; i <= 16; i++) {
            setKey("k" + i);
        }
        assertThat(Status.fromThrowable(call.error).getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        setKey("late");
        call.ready = true;
        call.onReady.run();
        assertThat(call.sent).hasSize(3);
    }
}
