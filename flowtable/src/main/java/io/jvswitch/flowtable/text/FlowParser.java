package io.jvswitch.flowtable.text;

import io.jvswitch.flowtable.FlowFlag;
import io.jvswitch.flowtable.FlowMod;
import io.jvswitch.flowtable.FlowRule;
import io.jvswitch.flowtable.OfPort;
import io.jvswitch.flowtable.action.ActionList;
import io.jvswitch.flowtable.match.Match;
import io.jvswitch.flowtable.match.MatchField;

import java.util.EnumSet;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Parses Open vSwitch's {@code ovs-ofctl} flow syntax into {@link FlowRule}s, {@link FlowMod}s and
 * {@link FlowPattern}s.
 *
 * <h2>What</h2>
 * A flow is comma- or space-separated items: protocol shorthands ({@code ip}, {@code tcp6}, ...),
 * {@code field=value} match items (with aliases, masks, {@code *}/{@code ANY}), the non-match keywords
 * ({@code table}, {@code priority}, {@code cookie}, timeouts, {@code importance}, flags, {@code out_port}),
 * the echo-back keys of dump-flows (ignored), and, last, {@code actions=...}. Which keywords are allowed
 * depends on the command, exactly as in Open vSwitch: a loose delete or a dump pattern refuses
 * {@code priority} and {@code actions} ({@code unknown keyword priority}).
 *
 * <h2>Where it differs from Open vSwitch (SPEC §4)</h2>
 * Open vSwitch silently drops match fields whose prerequisite is missing and masks out-of-range values
 * into range; both turn a narrow flow into a wide one. This parser rejects them instead, naming the field:
 * {@code nw_src requires ip or arp (dl_type=0x0800/0x0806)}, {@code dl_vlan=5000: VLAN id out of range ...}.
 *
 * <h2>Threading</h2>
 * Immutable; safe to share.
 */
public final class FlowParser {
    private final PortNames ports;

    /** A parser that knows no port names. */
    public FlowParser() {
        this(PortNames.NONE);
    }

    /** A parser resolving port names ({@code in_port=vnet0}, {@code output:vnet0}) through {@code ports}. */
    public FlowParser(PortNames ports) {
        this.ports = ports;
    }

    /**
     * Parses a flow to add ({@code add-flow}, {@code parse-flow}).
     *
     * @throws FlowSyntaxException with a one-line message when the text is not a valid flow
     */
    public FlowRule parseFlow(String text) {
        FlowMod mod = parseFlowMod(text, FlowMod.Command.ADD);
        return mod.toRule(mod.tableId());
    }

    /**
     * Parses a flow line of a flows file: it may start with {@code add}, {@code modify},
     * {@code modify_strict}, {@code delete} or {@code delete_strict} (or an unambiguous prefix, as Open vSwitch
     * compares); otherwise it is an add.
     */
    public FlowMod parseFlowModLine(String line) {
        String s = line.stripLeading();
        int end = 0;
        while (end < s.length() && ", \t\r\n".indexOf(s.charAt(end)) < 0) {
            end++;
        }
        String word = s.substring(0, end);
        FlowMod.Command command = null;
        if (!word.isEmpty()) {
            if ("add".startsWith(word)) {
                command = FlowMod.Command.ADD;
            } else if ("delete".startsWith(word)) {
                command = FlowMod.Command.DELETE;
            } else if ("delete_strict".startsWith(word)) {
                command = FlowMod.Command.DELETE_STRICT;
            } else if ("modify".startsWith(word)) {
                command = FlowMod.Command.MODIFY;
            } else if ("modify_strict".startsWith(word)) {
                command = FlowMod.Command.MODIFY_STRICT;
            }
        }
        if (command == null) {
            return parseFlowMod(s, FlowMod.Command.ADD);
        }
        return parseFlowMod(s.substring(end), command);
    }

    /** Parses a flow mod of the given command (as {@code add-flow}, {@code mod-flows}, {@code del-flows} do). */
    public FlowMod parseFlowMod(String text, FlowMod.Command command) {
        Parsed p = parse(text, command);
        try {
            return new FlowMod(command, p.tableId, p.match, p.priority, p.cookie, p.cookieMask, p.newCookie,
                    p.idleTimeout, p.hardTimeout, p.importance, p.flags, p.actions, p.outPort);
        } catch (FlowSyntaxException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new FlowSyntaxException(e.getMessage());
        }
    }

    /** Parses a {@code dump-flows} filter: match, {@code table}, {@code cookie=V/MASK}, {@code out_port}. */
    public FlowPattern parsePattern(String text) {
        Parsed p = parse(text, null);
        return new FlowPattern(p.tableId, p.match, p.cookie, p.cookieMask, p.outPort);
    }

    /** Everything one flow text says, before it becomes a FlowMod or FlowPattern. */
    private static final class Parsed {
        int tableId = -1;
        Match match;
        int priority = FlowRule.DEFAULT_PRIORITY;
        long cookie;
        long cookieMask;
        OptionalLong newCookie = OptionalLong.empty();
        int idleTimeout;
        int hardTimeout;
        int importance;
        final Set<FlowFlag> flags = EnumSet.noneOf(FlowFlag.class);
        ActionList actions = ActionList.DROP;
        int outPort = OfPort.NONE;
    }

    /** {@code command} null means a dump-flows pattern. */
    private Parsed parse(String text, FlowMod.Command command) {
        boolean takesActions = command == FlowMod.Command.ADD || command != null && command.isModify();
        boolean takesPriority = takesActions || command == FlowMod.Command.DELETE_STRICT;
        boolean takesOutPort = command == null || command.isDelete();
        String matchText = text;
        String actionText = null;
        if (takesActions) {
            int at = text.indexOf("action");
            int eq = at < 0 ? -1 : text.indexOf('=', at);
            if (eq < 0) {
                throw new FlowSyntaxException("must specify an action");
            }
            matchText = text.substring(0, at);
            actionText = text.substring(eq + 1);
        }
        Parsed p = new Parsed();
        MatchParser mp = new MatchParser(ports);
        for (KeyValueLexer.Item item : KeyValueLexer.split(matchText)) {
            String name = item.key();
            String value = item.value();
            if (mp.applyShorthand(name)) {
                continue;
            }
            MatchKeyword kw = MatchKeyword.byName(name);
            if (kw != null) {
                mp.apply(kw, name, value);
                continue;
            }
            FlowFlag flag = flagNamed(name);
            if (flag != null && takesActions) {
                p.flags.add(flag);
                continue;
            }
            if (name.equals("no_readonly_table") || name.equals("allow_hidden_fields")) {
                continue;
            }
            if (value.isEmpty()) {
                // Open vSwitch's wording for any other word without a value, known keyword or not.
                throw new FlowSyntaxException("field " + name + " missing value");
            }
            applyKeyword(p, command, name, value, takesActions, takesPriority, takesOutPort);
        }
        p.match = mp.build();
        if (p.tableId < 0) {
            p.tableId = command == FlowMod.Command.ADD ? 0 : FlowMod.ALL_TABLES;
        } else if (p.tableId == FlowMod.ALL_TABLES && command == FlowMod.Command.ADD) {
            throw new FlowSyntaxException("table=255: a flow must be added to one table (0..254)");
        }
        if (takesActions) {
            p.actions = new ActionParser(ports, p.match, p.tableId).parse(actionText);
            p.match = adaptForOpenFlow13(p.match, p.actions);
        }
        return p;
    }

    /**
     * OpenFlow 1.1+ matches a VLAN as {@code vlan_vid} (13 bits, with the "present" bit) plus an all-or-nothing
     * {@code vlan_pcp} that needs the header present, so Open vSwitch installs a {@code vlan_tci} match of a
     * flow that needs OpenFlow 1.1+ in that shape: a partial PCP mask becomes exact (narrower), and
     * {@code vlan_tci=0x0000} becomes {@code 0x0000/0x1fff} (the same packets: an absent header has PCP 0).
     * PCP bits matched while the header may be absent would be dropped, widening the flow: we reject that.
     * Storing the adapted match keeps parse and print a fixed point.
     */
    private static Match adaptForOpenFlow13(Match match, ActionList actions) {
        long mask = match.mask(MatchField.VLAN_TCI);
        if (!ActionFormatter.needsOpenFlow13(actions) || mask == 0) {
            return match;
        }
        long value = match.value(MatchField.VLAN_TCI);
        long pcpMask = mask & 0xe000;
        boolean present = (mask & value & 0x1000) != 0;
        boolean absent = (mask & 0x1000) != 0 && (value & 0x1000) == 0;
        if (pcpMask != 0 && !present && !absent) {
            throw new FlowSyntaxException(String.format("vlan_tci=0x%04x/0x%04x: VLAN PCP bits can only be matched "
                    + "together with the 0x1000 (header present) bit in a flow with OpenFlow 1.1+ actions",
                    value, mask));
        }
        long adapted = (mask & 0x1fff) | (pcpMask != 0 && present ? 0xe000 : 0);
        if (adapted == mask) {
            return match;
        }
        return match.toBuilder().setMasked(MatchField.VLAN_TCI, value & adapted, adapted).build();
    }

    private void applyKeyword(Parsed p, FlowMod.Command command, String name, String value, boolean takesActions,
                              boolean takesPriority, boolean takesOutPort) {
        switch (name) {
            case "table": {
                long t = Values.parseDecimal(value);
                if (t < 0 || t > 255) {
                    throw new FlowSyntaxException("unknown table \"" + value + "\"");
                }
                p.tableId = (int) t;
                return;
            }
            case "priority":
                if (takesPriority) {
                    p.priority = u16(name, value);
                    return;
                }
                break;
            case "idle_timeout":
                if (takesActions) {
                    p.idleTimeout = u16(name, value);
                    return;
                }
                break;
            case "hard_timeout":
                if (takesActions) {
                    p.hardTimeout = u16(name, value);
                    return;
                }
                break;
            case "importance":
                if (command == FlowMod.Command.ADD) {
                    p.importance = u16(name, value);
                    return;
                }
                break;
            case "out_port":
                if (takesOutPort) {
                    p.outPort = MatchParser.portOrMinusOne(value, ports);
                    if (p.outPort < 0) {
                        throw new FlowSyntaxException(value + " is not a valid OpenFlow port");
                    }
                    return;
                }
                break;
            case "cookie":
                applyCookie(p, command, value);
                return;
            case "duration":
            case "n_packets":
            case "n_bytes":
            case "idle_age":
            case "hard_age":
                return;
            default:
                break;
        }
        throw new FlowSyntaxException("unknown keyword " + name);
    }

    private static void applyCookie(Parsed p, FlowMod.Command command, String value) {
        // As in Open vSwitch, a modify with a cookie of all ones leaves the flows' cookies alone.
        int slash = value.indexOf('/');
        if (slash >= 0) {
            if (command == FlowMod.Command.ADD) {
                throw new FlowSyntaxException("flow additions cannot use a cookie mask");
            }
            p.cookie = Values.parseU64(value.substring(0, slash));
            p.cookieMask = Values.parseU64(value.substring(slash + 1));
            p.cookie &= p.cookieMask;
            return;
        }
        long c = Values.parseU64(value);
        if (command == FlowMod.Command.ADD) {
            p.cookie = c;
        } else if (command != null && command.isModify()) {
            p.newCookie = c == -1L ? OptionalLong.empty() : OptionalLong.of(c);
        } else {
            throw new FlowSyntaxException("cannot set cookie");
        }
    }

    private static int u16(String name, String value) {
        long v = Values.parseUnsigned(value);
        if (v < 0 || v > 0xffff) {
            throw new FlowSyntaxException("invalid " + name + " \"" + value + "\"");
        }
        return (int) v;
    }

    private static FlowFlag flagNamed(String name) {
        for (FlowFlag f : FlowFlag.values()) {
            if (f.ovsName().equals(name)) {
                return f;
            }
        }
        return null;
    }
}
