package io.jvswitch.cli.vsctl;

/** The text of {@code jvs-vsctl --help}. */
final class VsctlUsage {

    private VsctlUsage() {
    }

    static String text(String program) {
        return program + ": jvswitch configuration utility\n"
                + "usage: " + program + " [OPTIONS] COMMAND [ARG...] [-- [OPTIONS] COMMAND [ARG...]]...\n"
                + "\nOpen vSwitch commands:\n"
                + "  init                        initialize database, if not yet initialized\n"
                + "  show                        print overview of database contents\n"
                + "\nBridge commands:\n"
                + "  add-br BRIDGE               create a new bridge named BRIDGE\n"
                + "  del-br BRIDGE               delete BRIDGE and all of its ports\n"
                + "  list-br                     print the names of all the bridges\n"
                + "  br-exists BRIDGE            exit 2 if BRIDGE does not exist\n"
                + "  br-set-external-id BRIDGE KEY VALUE  set KEY on BRIDGE to VALUE\n"
                + "  br-get-external-id BRIDGE [KEY]      print value of KEY on BRIDGE\n"
                + "\nPort commands:\n"
                + "  list-ports BRIDGE           print the names of all the ports on BRIDGE\n"
                + "  add-port BRIDGE PORT        add network device PORT to BRIDGE\n"
                + "  del-port [BRIDGE] PORT      delete PORT (which may be bonded) from BRIDGE\n"
                + "  port-to-br PORT             print name of bridge that contains PORT\n"
                + "\nInterface commands:\n"
                + "  list-ifaces BRIDGE          print the names of all interfaces on BRIDGE\n"
                + "  iface-to-br IFACE           print name of bridge that contains IFACE\n"
                + "\nDatabase commands:\n"
                + "  list TBL [REC]              list RECord (or all records) in TBL\n"
                + "  find TBL CONDITION...       list records satisfying CONDITION in TBL\n"
                + "  get TBL REC COL[:KEY]       print values of COLumns in RECord in TBL\n"
                + "  set TBL REC COL[:KEY]=VALUE set COLumn values in RECord in TBL\n"
                + "  add TBL REC COL [KEY=]VALUE add (KEY=)VALUE to COLumn in RECord in TBL\n"
                + "  remove TBL REC COL [KEY=]VALUE  remove (KEY=)VALUE from COLumn\n"
                + "  clear TBL REC COL           clear values from COLumn in RECord in TBL\n"
                + "  create TBL COL[:KEY]=VALUE  create and initialize new record\n"
                + "  destroy TBL REC             delete RECord from TBL\n"
                + "  wait-until TBL REC [COL[:KEY]=VALUE]  wait until condition is true\n"
                + "\nOptions:\n"
                + "  --db=unix:PATH              connect to the daemon at PATH (default $JVS_RUNDIR/jvs.sock)\n"
                + "  -t, --timeout=SECS          wait at most SECS seconds for the daemon\n"
                + "  --dry-run                   do not commit changes to database\n"
                + "  --oneline                   print exactly one line of output per command\n"
                + "  -f, --format=FORMAT         table, list, json or csv\n"
                + "  -d, --data=FORMAT           string or json\n"
                + "  --no-headings, --bare, --columns=COLS\n"
                + "  -h, --help                  display this help message\n"
                + "  -V, --version               display version information\n";
    }
}
