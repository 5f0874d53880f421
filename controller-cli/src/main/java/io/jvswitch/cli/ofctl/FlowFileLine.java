package io.jvswitch.cli.ofctl;

import java.util.ArrayList;
import java.util.List;

/**
 * One flow of a flows file ({@code add-flows}, {@code replace-flows}, {@code parse-flows}), preprocessed as
 * Open vSwitch's {@code ds_get_preprocessed_line} does: {@code #} starts a comment, a trailing backslash
 * joins the next line, blank lines are skipped.
 *
 * @param number the (first) line number, for {@code FILE:LINE: error} messages
 * @param text   the flow text
 */
public record FlowFileLine(int number, String text) {

    /** The flows of a file's content, in order. */
    public static List<FlowFileLine> read(String content) {
        List<FlowFileLine> flows = new ArrayList<>();
        String[] lines = content.split("\r?\n", -1);
        StringBuilder pending = new StringBuilder();
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            int hash = l.indexOf('#');
            if (hash >= 0) {
                l = l.substring(0, hash);
            }
            if (pending.length() == 0) {
                start = i + 1;
            }
            if (l.endsWith("\\")) {
                pending.append(l, 0, l.length() - 1);
                continue;
            }
            pending.append(l);
            String text = pending.toString().strip();
            pending.setLength(0);
            if (!text.isEmpty()) {
                flows.add(new FlowFileLine(start, text));
            }
        }
        return flows;
    }
}
