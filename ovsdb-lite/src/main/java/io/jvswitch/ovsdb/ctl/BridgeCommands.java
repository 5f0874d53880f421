package io.jvswitch.ovsdb.ctl;

import static io.jvswitch.ovsdb.ctl.DbCommands.add;
import static io.jvswitch.ovsdb.ctl.DbCommands.opts;

import io.jvswitch.ovsdb.Atom;
import io.jvswitch.ovsdb.Datum;
import io.jvswitch.ovsdb.Row;
import io.jvswitch.ovsdb.TableSchema;
import io.jvswitch.ovsdb.Uuid;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bridge, port and interface commands of ovs-vsctl ({@code add-br}, {@code add-port}, {@code del-port},
 * {@code iface-to-br}, ...), with OVS's checks, outputs and messages. They edit the Open_vSwitch, Bridge, Port
 * and Interface rows; the datapath reacts to the committed change through the store's change feed.
 */
final class BridgeCommands {
    private BridgeCommands() {
    }

    /** Adds the bridge commands to {@code table}. */
    static void register(Map<String, CommandSpec> table) {
        add(table, "init", 0, 0, opts(), ctx -> BridgeCache.of(ctx.txn));
        add(table, "emer-reset", 0, 0, opts(), BridgeCommands::emerReset);
        add(table, "comment", 0, CommandSpec.MANY, opts(), ctx -> { });
        add(table, "add-br", 1, 3, opts("--may-exist"), BridgeCommands::addBr);
        add(table, "del-br", 1, 1, opts("--if-exists"), BridgeCommands::delBr);
        add(table, "list-br", 0, 0, opts("--real", "--fake"), BridgeCommands::listBr);
        add(table, "br-exists", 1, 1, opts(), ctx -> {
            if (BridgeCache.of(ctx.txn).bridge(ctx.cmd.arg(0), false) == null) {
                throw new CtlExit(2);
            }
        });
        add(table, "br-to-vlan", 1, 1, opts(), ctx -> ctx.println(String.valueOf(
                BridgeCache.of(ctx.txn).bridge(ctx.cmd.arg(0), true).vlan)));
        add(table, "br-to-parent", 1, 1, opts(), ctx -> ctx.println(
                BridgeCache.of(ctx.txn).bridge(ctx.cmd.arg(0), true).real().name));
        add(table, "br-set-external-id", 2, 3, opts(), BridgeCommands::brSetExternalId);
        add(table, "br-get-external-id", 1, 2, opts(), BridgeCommands::brGetExternalId);
        add(table, "list-ports", 1, 1, opts(), BridgeCommands::listPorts);
        add(table, "add-port", 2, CommandSpec.MANY, opts("--may-exist"), BridgeCommands::addPort);
        add(table, "add-bond", 4, CommandSpec.MANY, opts("--may-exist", "--fake-iface"),
                BridgeCommands::addBond);
        add(table, "add-bond-iface", 2, 2, opts("--may-exist"), BridgeCommands::addBondIface);
        add(table, "del-bond-iface", 1, 2, opts("--if-exists"), BridgeCommands::delBondIface);
        add(table, "del-port", 1, 2, opts("--if-exists", "--with-iface"), BridgeCommands::delPort);
        add(table, "port-to-br", 1, 1, opts(), ctx -> ctx.println(
                BridgeCache.of(ctx.txn).port(ctx.cmd.arg(0), true).bridge().name));
        add(table, "list-ifaces", 1, 1, opts(), BridgeCommands::listIfaces);
        add(table, "iface-to-br", 1, 1, opts(), ctx -> ctx.println(
                BridgeCache.of(ctx.txn).iface(ctx.cmd.arg(0), true).port().bridge().name));
        add(table, "get-controller", 1, 1, opts(), BridgeCommands::getController);
        add(table, "del-controller", 1, 1, opts(), ctx -> {
            BridgeCache.Br br = BridgeCache.of(ctx.txn).realBridge(ctx.cmd.arg(0));
            ctx.txn.set(br.row, "controller", Datum.emptySet());
        });
        add(table, "set-controller", 1, CommandSpec.MANY, opts(), BridgeCommands::setController);
        add(table, "get-fail-mode", 1, 1, opts(), ctx -> {
            String mode = BridgeCache.of(ctx.txn).bridge(ctx.cmd.arg(0), true).real().row.getString("fail_mode");
            if (mode != null && !mode.isEmpty()) {
                ctx.println(mode);
            }
        });
        add(table, "del-fail-mode", 1, 1, opts(), ctx -> ctx.txn.set(
                BridgeCache.of(ctx.txn).bridge(ctx.cmd.arg(0), true).real().row, "fail_mode", Datum.emptySet()));
        add(table, "set-fail-mode", 2, 2, opts(), BridgeCommands::setFailMode);
        add(table, "get-manager", 0, 0, opts(), BridgeCommands::getManager);
        add(table, "del-manager", 0, 0, opts(), ctx -> ctx.txn.set(BridgeCache.of(ctx.txn).ovs, "manager_options",
                Datum.emptySet()));
        add(table, "set-manager", 0, CommandSpec.MANY, opts(), BridgeCommands::setManager);
        add(table, "add-aa-mapping", 3, 3, opts(), BridgeCommands::addAaMapping);
        add(table, "del-aa-mapping", 3, 3, opts(), BridgeCommands::delAaMapping);
        add(table, "get-aa-mapping", 1, 1, opts(), BridgeCommands::getAaMapping);
        add(table, "get-ssl", 0, 0, opts(), BridgeCommands::getSsl);
        add(table, "del-ssl", 0, 0, opts(), ctx -> ctx.txn.set(BridgeCache.of(ctx.txn).ovs, "ssl", Datum.emptySet()));
        add(table, "set-ssl", 3, 3, opts("--bootstrap"), BridgeCommands::setSsl);
    }

    private static void addBr(CommandContext ctx) {
        List<String> a = ctx.cmd.args();
        if (a.size() == 2) {
            throw new CtlException("'add-br' command takes exactly 1 or 3 arguments");
        }
        String name = a.get(0);
        if (name.isEmpty()) {
            throw new CtlException("bridge name must not be empty string");
        }
        String parentName = null;
        int vlan = 0;
        if (a.size() == 3) {
            parentName = a.get(1);
            vlan = parseVlan(a.get(2));
        }
        BridgeCache cache = BridgeCache.of(ctx.txn);
        if (ctx.mayExist()) {
            BridgeCache.Br br = cache.bridge(name, false);
            if (br != null) {
                checkExistingBridge(ctx, br, parentName, vlan);
                return;
            }
        }
        cache.checkConflicts(name, "cannot create a bridge named " + name);
        BridgeCache.Br parent = null;
        if (parentName != null) {
            parent = cache.bridge(parentName, false);
            if (parent != null && parent.parent != null) {
                throw new CtlException("cannot create bridge with fake bridge as parent");
            }
            if (parent == null) {
                throw new CtlException("parent bridge " + parentName + " does not exist");
            }
        }
        Row iface = newRow(ctx, "Interface");
        iface = ctx.txn.set(iface, "name", str(name));
        iface = ctx.txn.set(iface, "type", str("internal"));
        Row port = newRow(ctx, "Port");
        port = ctx.txn.set(port, "name", str(name));
        port = ctx.txn.set(port, "interfaces", ref(iface));
        if (parent == null) {
            Row br = newRow(ctx, "Bridge");
            br = ctx.txn.set(br, "name", str(name));
            ctx.txn.set(br, "ports", ref(port));
            ctx.txn.addRef(cache.ovs, "bridges", br.uuid());
        } else {
            port = ctx.txn.set(port, "fake_bridge", Datum.scalar(Atom.bool(true)));
            ctx.txn.set(port, "tag", Datum.scalar(Atom.integer(vlan)));
            ctx.txn.addRef(parent.row, "ports", port.uuid());
        }
    }

    private static int parseVlan(String text) {
        int vlan;
        try {
            vlan = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            vlan = 0;
        }
        if (vlan < 0 || vlan > 4095) {
            throw new CtlException("add-br: vlan must be between 0 and 4095");
        }
        return vlan;
    }

    private static void checkExistingBridge(CommandContext ctx, BridgeCache.Br br, String parentName, int vlan) {
        String cmd = "\"" + ctx.cmd.text() + "\"";
        if (parentName == null) {
            if (br.parent != null) {
                throw new CtlException(cmd + " but " + br.name + " is a VLAN bridge for VLAN " + br.vlan);
            }
            return;
        }
        if (br.parent == null) {
            throw new CtlException(cmd + " but " + br.name + " is not a VLAN bridge");
        }
        if (!br.parent.name.equals(parentName)) {
            throw new CtlException(cmd + " but " + br.name + " has the wrong parent " + br.parent.name);
        }
        if (br.vlan != vlan) {
            throw new CtlException(cmd + " but " + br.name + " is a VLAN bridge for the wrong VLAN " + br.vlan);
        }
    }

    private static Row newRow(CommandContext ctx, String table) {
        return ctx.txn.insert(ctx.txn.table(table), Uuid.random());
    }

    private static Datum str(String s) {
        return Datum.scalar(Atom.string(s));
    }

    private static Datum ref(Row r) {
        return Datum.scalar(Atom.uuid(r.uuid()));
    }

    private static void delBr(CommandContext ctx) {
        BridgeCache cache = BridgeCache.of(ctx.txn);
        BridgeCache.Br br = cache.bridge(ctx.cmd.arg(0), !ctx.ifExists());
        if (br != null) {
            deleteBridge(ctx, cache, br);
        }
    }

    private static void deleteBridge(CommandContext ctx, BridgeCache cache, BridgeCache.Br br) {
        for (BridgeCache.Br child : new ArrayList<>(cache.bridges.values())) {
            if (child.parent == br) {
                deleteBridge(ctx, cache, child);
            }
        }
        for (BridgeCache.PortRef p : cache.portsOf(br)) {
            deletePort(ctx, p);
        }
        if (br.row != null) {
            ctx.txn.delete(br.row);
            ctx.txn.removeRef(cache.ovs, "bridges", br.row.uuid());
        }
    }

    private static void deletePort(CommandContext ctx, BridgeCache.PortRef p) {
        Row bridgeRow = p.bridge().real().row;
        ctx.txn.removeRef(bridgeRow, "ports", p.row().uuid());
        TableSchema ifaceTable = ctx.txn.table("Interface");
        for (Row iface : ctx.txn.resolve(ifaceTable, p.row().get("interfaces").keys())) {
            ctx.txn.delete(iface);
        }
        ctx.txn.delete(p.row());
    }

    private static void listBr(CommandContext ctx) {
        boolean real = ctx.cmd.has("--real");
        boolean fake = ctx.cmd.has("--fake");
        if (!real && !fake) {
            real = true;
            fake = true;
        }
        List<String> names = new ArrayList<>();
        for (BridgeCache.Br b : BridgeCache.of(ctx.txn).bridges.values()) {
            if (b.parent == null ? real : fake) {
                names.add(b.name);
            }
        }
        printSorted(ctx, names);
    }

    private static void printSorted(CommandContext ctx, List<String> names) {
        names.sort(null);
        names.forEach(ctx::println);
    }

    private static void brSetExternalId(CommandContext ctx) {
        BridgeCache cache = BridgeCache.of(ctx.txn);
        BridgeCache.Br br = cache.bridge(ctx.cmd.arg(0), true);
        String key = ctx.cmd.arg(1);
        String value = ctx.cmd.args().size() > 2 ? ctx.cmd.arg(2) : null;
        Row row = br.row;
        if (row == null) {
            row = br.fakePort;
            key = "fake-bridge-" + key;
        }
        Map<Atom, Atom> m = new LinkedHashMap<>();
        Datum old = row.get("external_ids");
        for (int i = 0; i < old.size(); i++) {
            m.put(old.keyAt(i), old.valueAt(i));
        }
        if (value == null) {
            m.remove(Atom.string(key));
        } else {
            m.put(Atom.string(key), Atom.string(value));
        }
        ctx.txn.set(row, "external_ids", Datum.map(m));
    }

    private static void brGetExternalId(CommandContext ctx) {
        BridgeCache.Br br = BridgeCache.of(ctx.txn).bridge(ctx.cmd.arg(0), true);
        Row row = br.row != null ? br.row : br.fakePort;
        String prefix = br.row != null ? "" : "fake-bridge-";
        Map<String, String> ids = row.getStringMap("external_ids");
        if (ctx.cmd.args().size() > 1) {
            String v = ids.get(prefix + ctx.cmd.arg(1));
            if (v != null) {
                ctx.println(v);
            }
            return;
        }
        for (Map.Entry<String, String> e : ids.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                ctx.println(e.getKey().substring(prefix.length()) + "=" + e.getValue());
            }
        }
    }

    private static void listPorts(CommandContext ctx) {
        BridgeCache cache = BridgeCache.of(ctx.txn);
        BridgeCache.Br br = cache.bridge(ctx.cmd.arg(0), true);
        List<String> names = new ArrayList<>();
        for (BridgeCache.PortRef p : cache.portsOf(br)) {
            String name = p.row().getString("name");
            if (!name.equals(br.name)) {
                names.add(name);
            }
        }
        printSorted(ctx, names);
    }

    private static void listIfaces(CommandContext ctx) {
        BridgeCache cache = BridgeCache.of(ctx.txn);
        BridgeCache.Br br = cache.bridge(ctx.cmd.arg(0), true);
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, BridgeCache.IfaceRef> e : cache.ifaces.entrySet()) {
            if (!e.getKey().equals(br.name) && e.getValue().port().bridge() == br) {
                names.add(e.getKey());
            }
        }
        printSorted(ctx, names);
    }

    private static void addPort(CommandContext ctx) {
        List<String> a = ctx.cmd.args();
        addPort(ctx, a.get(0), a.get(1), List.of(a.get(1)), a.subList(2, a.size()), false);
    }

    private static void addBond(CommandContext ctx) {
        List<String> a = ctx.cmd.args();
        List<String> ifaces = new ArrayList<>();
        int i = 2;
        for (; i < a.size() && a.get(i).indexOf('=') < 0; i++) {
            ifaces.add(a.get(i));
        }
        if (ifaces.size() < 2) {
            throw new CtlException("add-bond requires at least 2 interfaces, but only " + ifaces.size()
                    + " were specified");
        }
        addPort(ctx, a.get(0), a.get(1), ifaces, a.subList(i, a.size()), ctx.cmd.has("--fake-iface"));
    }

    private static void addPort(CommandContext ctx, String brName, String portName, List<String> ifaceNames,
            List<String> settings, boolean fakeIface) {
        BridgeCache cache = BridgeCache.of(ctx.txn);
        if (ctx.mayExist()) {
            BridgeCache.PortRef existing = cache.port(portName, false);
            if (existing != null) {
                checkExistingPort(ctx, existing, brName, portName, ifaceNames);
                return;
            }
        }
        cache.checkConflicts(portName, "cannot create a port named " + portName);
        for (String iface : ifaceNames) {
            if (!iface.equals(portName)) {
                cache.checkConflicts(iface, "cannot create an interface named " + iface);
            }
        }
        BridgeCache.Br br = cache.bridge(brName, true);
        List<Atom> ifaceRefs = new ArrayList<>();
        for (String iface : ifaceNames) {
            Row row = ctx.txn.set(newRow(ctx, "Interface"), "name", str(iface));
            ifaceRefs.add(Atom.uuid(row.uuid()));
        }
        Row port = newRow(ctx, "Port");
        port = ctx.txn.set(port, "name", str(portName));
        port = ctx.txn.set(port, "interfaces", Datum.set(ifaceRefs));
        if (fakeIface) {
            port = ctx.txn.set(port, "bond_fake_iface", Datum.scalar(Atom.bool(true)));
        }
        if (br.parent != null) {
            port = ctx.txn.set(port, "tag", Datum.scalar(Atom.integer(br.vlan)));
        }
        for (String s : settings) {
            port = DbCommands.setColumn(ctx, port, s);
        }
        ctx.txn.addRef(br.real().row, "ports", port.uuid());
    }

    private static void checkExistingPort(CommandContext ctx, BridgeCache.PortRef existing, String brName,
            String portName, List<String> ifaceNames) {
        String cmd = "\"" + ctx.cmd.text() + "\"";
        if (!existing.bridge().name.equals(brName)) {
            throw new CtlException(cmd + " but " + portName + " is actually attached to bridge "
                    + existing.bridge().name);
        }
        List<String> want = new ArrayList<>(ifaceNames);
        List<String> have = new ArrayList<>();
        for (Row iface : ctx.txn.resolve(ctx.txn.table("Interface"), existing.row().get("interfaces").keys())) {
            have.add(iface.getString("name"));
        }
        Collections.sort(want);
        Collections.sort(have);
        if (!want.equals(have)) {
            throw new CtlException(cmd + " but " + portName + " actually has interface(s) " + String.join(", ", have));
        }
    }

    private static void addBondIface(CommandContext ctx) {
        BridgeCache cache = BridgeCache.of(ctx.txn);
        String portName = ctx.cmd.arg(0);
        String ifaceName = ctx.cmd.arg(1);
        BridgeCache.PortRef port = cache.port(portName, true);
        if (ctx.mayExist()) {
            BridgeCache.IfaceRef iface = cache.iface(ifaceName, false);
            if (iface != null) {
                if (iface.port().row().uuid().equals(port.row().uuid())) {
                    return;
                }
                throw new CtlException("\"" + ctx.cmd.text() + "\" but " + ifaceName + " is actually attached to port "
                        + iface.port().row().getString("name"));
            }
        }
        cache.checkConflicts(ifaceName, "cannot create an interface named " + ifaceName);
        Row iface = ctx.txn.set(newRow(ctx, "Interface"), "name", str(ifaceName));
        ctx.txn.addRef(port.row(), "interfaces", iface.uuid());
    }

    private static void delBondIface(CommandContext ctx) {
        BridgeCache cache = BridgeCache.of(ctx.txn);
        List<String> a = ctx.cmd.args();
        String ifaceName = a.get(a.size() - 1);
        BridgeCache.IfaceRef iface = cache.iface(ifaceName, !ctx.ifExists());
        if (iface == null) {
            return;
        }
        BridgeCache.PortRef port = iface.port();
        if (a.size() == 2) {
            BridgeCache.PortRef named = cache.port(a.get(0), true);
            if (!named.row().uuid().equals(port.row().uuid())) {
                throw new CtlException("port " + a.get(0) + " does not have an interface " + ifaceName);
            }
        }
        if (port.row().get("interfaces").size() == 1) {
            throw new CtlException("cannot delete last interface from port " + port.row().getString("name"));
        }
        ctx.txn.removeRef(port.row(), "interfaces", iface.row().uuid());
        ctx.txn.delete(iface.row());
    }

    private static Row autoAttach(CommandContext ctx, Row bridge) {
        Datum ref = bridge.get("auto_attach");
        return ref.isEmpty() ? null : ctx.txn.row(ctx.txn.table("AutoAttach"), ref.first().asUuid());
    }

    private static long number(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void addAaMapping(CommandContext ctx) {
        Row br = BridgeCache.of(ctx.txn).bridge(ctx.cmd.arg(0), true).real().row;
        Row aa = autoAttach(ctx, br);
        if (aa == null) {
            aa = newRow(ctx, "AutoAttach");
            ctx.txn.set(br, "auto_attach", ref(aa));
        }
        Atom isid = Atom.integer(number(ctx.cmd.arg(1)));
        Atom vlan = Atom.integer(number(ctx.cmd.arg(2)));
        ctx.txn.set(aa, "mappings", aa.get("mappings").union(Datum.mapOf(isid, vlan)));
    }

    private static void delAaMapping(CommandContext ctx) {
        Row br = BridgeCache.of(ctx.txn).bridge(ctx.cmd.arg(0), true).real().row;
        Row aa = autoAttach(ctx, br);
        if (aa != null) {
            Datum pair = Datum.mapOf(Atom.integer(number(ctx.cmd.arg(1))), Atom.integer(number(ctx.cmd.arg(2))));
            ctx.txn.set(aa, "mappings", aa.get("mappings").minus(pair));
        }
    }

    private static void getAaMapping(CommandContext ctx) {
        Row br = BridgeCache.of(ctx.txn).bridge(ctx.cmd.arg(0), true).real().row;
        Row aa = autoAttach(ctx, br);
        if (aa != null) {
            Datum m = aa.get("mappings");
            for (int i = 0; i < m.size(); i++) {
                ctx.println(m.keyAt(i).asLong() + " " + m.valueAt(i).asLong());
            }
        }
    }

    private static void getSsl(CommandContext ctx) {
        Row ovs = BridgeCache.of(ctx.txn).ovs;
        Datum ref = ovs.get("ssl");
        Row ssl = ref.isEmpty() ? null : ctx.txn.row(ctx.txn.table("SSL"), ref.first().asUuid());
        if (ssl == null) {
            return;
        }
        ctx.println("Private key: " + ssl.getString("private_key"));
        ctx.println("Certificate: " + ssl.getString("certificate"));
        ctx.println("CA Certificate: " + ssl.getString("ca_cert"));
        ctx.println("Bootstrap: " + (ssl.getBoolean("bootstrap_ca_cert") ? "true" : "false"));
    }

    private static void setSsl(CommandContext ctx) {
        Row ovs = BridgeCache.of(ctx.txn).ovs;
        Row ssl = newRow(ctx, "SSL");
        ssl = ctx.txn.set(ssl, "private_key", str(ctx.cmd.arg(0)));
        ssl = ctx.txn.set(ssl, "certificate", str(ctx.cmd.arg(1)));
        ssl = ctx.txn.set(ssl, "ca_cert", str(ctx.cmd.arg(2)));
        ssl = ctx.txn.set(ssl, "bootstrap_ca_cert", Datum.scalar(Atom.bool(ctx.cmd.has("--bootstrap"))));
        ctx.txn.set(ovs, "ssl", ref(ssl));
    }

    private static void delPort(CommandContext ctx) {
        boolean mustExist = !ctx.ifExists();
        List<String> a = ctx.cmd.args();
        String target = a.get(a.size() - 1);
        BridgeCache cache = BridgeCache.of(ctx.txn);
        BridgeCache.PortRef port;
        if (cache.bridge(target, false) != null) {
            if (mustExist) {
                throw new CtlException("cannot delete port " + target + " because it is the local port for bridge "
                        + target + " (deleting this port requires deleting the entire bridge)");
            }
            port = null;
        } else if (!ctx.cmd.has("--with-iface")) {
            port = cache.port(target, mustExist);
        } else {
            port = cache.port(target, false);
            if (port == null) {
                BridgeCache.IfaceRef iface = cache.iface(target, false);
                if (iface != null) {
                    port = iface.port();
                }
            }
            if (mustExist && port == null) {
                throw new CtlException("no port or interface named " + target);
            }
        }
        if (port == null) {
            return;
        }
        if (a.size() == 2) {
            BridgeCache.Br br = cache.bridge(a.get(0), true);
            if (port.bridge() != br) {
                if (port.bridge().parent == br) {
                    throw new CtlException("bridge " + a.get(0) + " does not have a port " + a.get(1)
                            + " (although its child bridge " + port.bridge().name + " does)");
                }
                throw new CtlException("bridge " + a.get(0) + " does not have a port " + a.get(1));
            }
        }
        deletePort(ctx, port);
    }

    private static void getController(CommandContext ctx) {
        BridgeCache.Br br = BridgeCache.of(ctx.txn).bridge(ctx.cmd.arg(0), true).real();
        List<String> targets = new ArrayList<>();
        for (Row c : ctx.txn.resolve(ctx.txn.table("Controller"), br.row.get("controller").keys())) {
            targets.add(c.getString("target"));
        }
        printSorted(ctx, targets);
    }

    private static void setController(CommandContext ctx) {
        BridgeCache.Br br = BridgeCache.of(ctx.txn).realBridge(ctx.cmd.arg(0));
        List<Atom> refs = new ArrayList<>();
        for (String target : ctx.cmd.args().subList(1, ctx.cmd.args().size())) {
            Row c = ctx.txn.set(newRow(ctx, "Controller"), "target", str(target));
            refs.add(Atom.uuid(c.uuid()));
        }
        ctx.txn.set(br.row, "controller", Datum.set(refs));
    }

    private static void setFailMode(CommandContext ctx) {
        BridgeCache.Br br = BridgeCache.of(ctx.txn).bridge(ctx.cmd.arg(0), true).real();
        String mode = ctx.cmd.arg(1);
        if (!mode.equals("standalone") && !mode.equals("secure")) {
            throw new CtlException("fail-mode must be \"standalone\" or \"secure\"");
        }
        ctx.txn.set(br.row, "fail_mode", str(mode));
    }

    private static void getManager(CommandContext ctx) {
        Row ovs = BridgeCache.of(ctx.txn).ovs;
        List<String> targets = new ArrayList<>();
        for (Row m : ctx.txn.resolve(ctx.txn.table("Manager"), ovs.get("manager_options").keys())) {
            targets.add(m.getString("target"));
        }
        printSorted(ctx, targets);
    }

    private static void setManager(CommandContext ctx) {
        Row ovs = BridgeCache.of(ctx.txn).ovs;
        List<Atom> refs = new ArrayList<>();
        for (String target : ctx.cmd.args()) {
            Row m = ctx.txn.set(newRow(ctx, "Manager"), "target", str(target));
            refs.add(Atom.uuid(m.uuid()));
        }
        ctx.txn.set(ovs, "manager_options", Datum.set(refs));
    }

    private static void emerReset(CommandContext ctx) {
        BridgeCache cache = BridgeCache.of(ctx.txn);
        Row ovs = ctx.txn.set(cache.ovs, "manager_options", Datum.emptySet());
        ctx.txn.set(ovs, "ssl", Datum.emptySet());
        for (Row br : ctx.txn.rows(ctx.txn.table("Bridge"))) {
            for (String col : new String[] {"controller", "fail_mode", "mirrors", "netflow", "sflow", "ipfix",
                "flood_vlans"}) {
                br = ctx.txn.set(br, col, Datum.emptySet());
            }
            String hwaddr = br.getStringMap("other_config").get("hwaddr");
            ctx.txn.set(br, "other_config", hwaddr == null ? Datum.emptyMap()
                    : Datum.mapOf(Atom.string("hwaddr"), Atom.string(hwaddr)));
        }
        for (Row port : ctx.txn.rows(ctx.txn.table("Port"))) {
            // QoS rows are deleted below; a port still naming one would make the whole reset fail.
            port = ctx.txn.set(port, "qos", Datum.emptySet());
            ctx.txn.set(port, "other_config", Datum.emptyMap());
        }
        for (Row iface : ctx.txn.rows(ctx.txn.table("Interface"))) {
            iface = ctx.txn.set(iface, "ingress_policing_rate", Datum.scalar(Atom.integer(0)));
            ctx.txn.set(iface, "ingress_policing_burst", Datum.scalar(Atom.integer(0)));
        }
        for (String t : new String[] {"Mirror", "Controller", "Manager", "NetFlow", "QoS", "sFlow", "IPFIX"}) {
            TableSchema ts = ctx.txn.schema().table(t);
            if (ts != null) {
                for (Row r : ctx.txn.rows(ts)) {
                    ctx.txn.delete(r);
                }
            }
        }
    }
}
