package io.jvswitch.ovsdb.ctl;

import io.jvswitch.ovsdb.Row;
import io.jvswitch.ovsdb.TableSchema;
import io.jvswitch.ovsdb.Uuid;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bridge/port/interface view the bridge commands work on (ovs-vsctl's {@code vsctl_context_populate_cache}):
 * the bridges reachable from the Open_vSwitch row, including fake VLAN bridges (ports with
 * {@code fake_bridge=true} and a tag), every port and interface by name with the bridge it belongs to.
 * Built from the working copy whenever a command needs it, so it always reflects earlier commands of the same
 * invocation. A bridge's own port and interface (named like the bridge) are hidden by the port/interface
 * lookups, as in OVS.
 */
final class BridgeCache {
    /** A bridge: real ({@code parent} null, {@code row} its Bridge row) or fake (a VLAN of {@code parent}). */
    static final class Br {
        final String name;
        final Row row;
        final Br parent;
        final int vlan;
        final Row fakePort;

        Br(String name, Row row, Br parent, int vlan, Row fakePort) {
            this.name = name;
            this.row = row;
            this.parent = parent;
            this.vlan = vlan;
            this.fakePort = fakePort;
        }

        /** The real bridge (itself or its parent). */
        Br real() {
            return parent == null ? this : parent;
        }
    }

    /** A port and the bridge it belongs to. */
    record PortRef(Row row, Br bridge) {
    }

    /** An interface, its port and bridge. */
    record IfaceRef(Row row, PortRef port) {
    }

    final Map<String, Br> bridges = new LinkedHashMap<>();
    final Map<String, PortRef> ports = new LinkedHashMap<>();
    final Map<String, IfaceRef> ifaces = new LinkedHashMap<>();
    final Row ovs;
    private final CtlTxn txn;

    private BridgeCache(CtlTxn txn, Row ovs) {
        this.txn = txn;
        this.ovs = ovs;
    }

    /** Builds the view of {@code txn}'s current state (creating the Open_vSwitch row when there is none). */
    static BridgeCache of(CtlTxn txn) {
        TableSchema ovsTable = txn.table("Open_vSwitch");
        txn.dependOnColumns(ovsTable, "bridges");
        List<Row> all = txn.peekRows(ovsTable);
        Row ovs = all.isEmpty() ? null : all.get(0);
        if (ovs == null) {
            ovs = txn.insert(txn.table("Open_vSwitch"), Uuid.random());
        }
        BridgeCache c = new BridgeCache(txn, ovs);
        c.populate();
        return c;
    }

    private void populate() {
        TableSchema bridgeTable = txn.table("Bridge");
        TableSchema portTable = txn.table("Port");
        TableSchema ifaceTable = txn.table("Interface");
        txn.dependOnColumns(bridgeTable, "name", "ports");
        txn.dependOnColumns(portTable, "name", "interfaces", "fake_bridge", "tag");
        txn.dependOnColumns(ifaceTable, "name");
        List<Br> real = new ArrayList<>();
        for (Row br : txn.peekAll(bridgeTable, ovs.get("bridges").keys())) {
            String name = br.getString("name");
            if (!bridges.containsKey(name)) {
                Br b = new Br(name, br, null, 0, null);
                bridges.put(name, b);
                real.add(b);
            }
        }
        for (Br b : real) {
            for (Row port : txn.peekAll(portTable, b.row.get("ports").keys())) {
                Long tag = port.getLong("tag");
                Boolean fake = port.getBoolean("fake_bridge");
                String name = port.getString("name");
                if (Boolean.TRUE.equals(fake) && tag != null && tag >= 0 && tag <= 4095
                        && !bridges.containsKey(name)) {
                    bridges.put(name, new Br(name, null, b, tag.intValue(), port));
                }
            }
        }
        for (Br b : real) {
            for (Row port : txn.peekAll(portTable, b.row.get("ports").keys())) {
                String name = port.getString("name");
                if (ports.containsKey(name)) {
                    continue;
                }
                Br owner = ownerOf(b, port);
                PortRef pr = new PortRef(port, owner);
                ports.put(name, pr);
                for (Row iface : txn.peekAll(ifaceTable, port.get("interfaces").keys())) {
                    ifaces.putIfAbsent(iface.getString("name"), new IfaceRef(iface, pr));
                }
            }
        }
    }

    private Br ownerOf(Br real, Row port) {
        String name = port.getString("name");
        Br byName = bridges.get(name);
        if (byName != null && byName.parent == real) {
            return byName;
        }
        Long tag = port.getLong("tag");
        if (tag != null) {
            for (Br b : bridges.values()) {
                if (b.parent == real && b.vlan == tag) {
                    return b;
                }
            }
        }
        return real;
    }

    /** The bridge {@code name}, or null / an error when {@code mustExist}. */
    Br bridge(String name, boolean mustExist) {
        Br b = bridges.get(name);
        if (b == null && mustExist) {
            throw new CtlException("no bridge named " + name);
        }
        return b;
    }

    /** A real (not fake) bridge. */
    Br realBridge(String name) {
        Br b = bridge(name, true);
        if (b.parent != null) {
            throw new CtlException(name + " is a fake bridge");
        }
        return b;
    }

    /** The port {@code name} (never a bridge's own port), or null / an error when {@code mustExist}. */
    PortRef port(String name, boolean mustExist) {
        PortRef p = ports.get(name);
        if (p != null && name.equals(p.bridge().name)) {
            p = null;
        }
        if (p == null && mustExist) {
            throw new CtlException("no port named " + name);
        }
        return p;
    }

    /** The interface {@code name} (never a bridge's own), or null / an error when {@code mustExist}. */
    IfaceRef iface(String name, boolean mustExist) {
        IfaceRef i = ifaces.get(name);
        if (i != null && name.equals(i.port().bridge().name)) {
            i = null;
        }
        if (i == null && mustExist) {
            throw new CtlException("no interface named " + name);
        }
        return i;
    }

    /** The ports of {@code b} (for a real bridge: those not on one of its fake bridges). */
    List<PortRef> portsOf(Br b) {
        List<PortRef> out = new ArrayList<>();
        for (PortRef p : ports.values()) {
            if (p.bridge() == b) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * Fails when {@code name} is taken by a bridge, port or interface ({@code check_conflicts}).
     *
     * @param what the start of the message, e.g. "cannot create a port named p1"
     */
    void checkConflicts(String name, String what) {
        if (bridges.containsKey(name)) {
            throw new CtlException(what + " because a bridge named " + name + " already exists");
        }
        PortRef p = ports.get(name);
        if (p != null) {
            throw new CtlException(what + " because a port named " + name + " already exists on bridge "
                    + p.bridge().name);
        }
        IfaceRef i = ifaces.get(name);
        if (i != null) {
            throw new CtlException(what + " because an interface named " + name + " already exists on bridge "
                    + i.port().bridge().name);
        }
    }
}
