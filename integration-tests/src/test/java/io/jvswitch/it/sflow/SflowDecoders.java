package io.jvswitch.it.sflow;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jvswitch.it.support.Exec;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real sFlow decoders users run, on a capture file (ovs-compat.md §4.5): Wireshark's {@code tshark} and
 * pmacct's {@code sfacctd}. Tests call {@link #assumeInstalled} first so they skip where the tools are absent.
 */
final class SflowDecoders {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Path capture;
    private final int port;

    /** Decoders of {@code capture}, whose datagrams go to UDP port {@code port}. */
    SflowDecoders(Path capture, int port) {
        this.capture = capture;
        this.port = port;
    }

    /** Skips the calling test when {@code tool} is not installed. */
    static void assumeInstalled(String tool) {
        assumeTrue(isInstalled(tool), tool + " not installed");
    }

    /** Whether {@code tool} is on the PATH or in /usr/sbin, /usr/bin. */
    static boolean isInstalled(String tool) {
        boolean found = Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/usr/bin", tool));
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            found |= !directory.isEmpty() && Files.isExecutable(Path.of(directory, tool));
        }
        return found;
    }

    /** The tshark arguments that read the capture, decoding the collector's port as sFlow. */
    private List<String> tshark() {
        List<String> command = new ArrayList<>(List.of("tshark", "-r", capture.toString()));
        if (port != 6343) {
            command.addAll(List.of("-d", "udp.port==" + port + ",sflow"));
        }
        return command;
    }

    /** {@code tshark -r FILE -V}: the full decoded tree. */
    String tsharkTree() {
        List<String> command = tshark();
        command.add("-V");
        return Exec.run(command, Map.of(), null, TIMEOUT, new byte[0]).orFail().stdout();
    }

    /**
     * tshark's values of {@code fields}, one row per datagram matching {@code filter}; every occurrence of a
     * field in the datagram, in order.
     */
    List<Map<String, List<String>>> tsharkFields(String filter, String... fields) {
        List<String> command = tshark();
        command.addAll(List.of("-T", "fields", "-E", "separator=/t", "-E", "aggregator=;", "-E", "occurrence=a",
            "-Y", filter));
        for (String field : fields) {
            command.add("-e");
            command.add(field);
        }
        List<Map<String, List<String>>> rows = new ArrayList<>();
        for (String line : Exec.run(command, Map.of(), null, TIMEOUT, new byte[0]).orFail().stdout().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] columns = line.split("\t", -1);
            Map<String, List<String>> row = new LinkedHashMap<>();
            for (int i = 0; i < fields.length; i++) {
                row.put(fields[i], i < columns.length && !columns[i].isEmpty()
                    ? List.of(columns[i].split(";")) : List.of());
            }
            rows.add(row);
        }
        return rows;
    }

    /** All values of {@code field} over all rows, in order. */
    static List<String> all(List<Map<String, List<String>>> rows, String field) {
        List<String> values = new ArrayList<>();
        rows.forEach(row -> values.addAll(row.get(field)));
        return values;
    }

    /**
     * {@code sfacctd -I FILE -P print -O csv -r 1 -c src_mac,dst_mac,vlan,in_iface,out_iface,etype,src_host,
     * dst_host,proto}: its exit code and output (CSV lines on stdout, header line included).
     */
    Exec.Result sfacctdFlows() {
        List<String> command = List.of("sfacctd", "-I", capture.toString(),
            "-P", "print", "-O", "csv", "-r", "1",
            "-c", "src_mac,dst_mac,vlan,in_iface,out_iface,etype,src_host,dst_host,proto");
        return Exec.run(command, Map.of(), null, TIMEOUT, new byte[0]);
    }
}
