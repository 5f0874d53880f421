package io.jvswitch.cli.common;

import io.jvswitch.api.CommandReply;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Prints a daemon's reply exactly as it came: stdout to stdout, stderr to stderr. */
public final class ClientOutput {

    private ClientOutput() {
    }

    /** Writes the reply's texts as UTF-8 and returns its exit status. */
    public static int print(CommandReply reply, OutputStream stdout, OutputStream stderr) {
        write(stdout, reply.getStdout());
        write(stderr, reply.getStderr());
        return reply.getExitCode();
    }

    /** Prints one error line {@code <program>: <message>} on {@code stderr}. */
    public static void error(PrintStream stderr, String program, String message) {
        stderr.println(program + ": " + message);
        stderr.flush();
    }

    private static void write(OutputStream out, String text) {
        if (text.isEmpty()) {
            return;
        }
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            // A closed pipe (| head) is the reader's choice, not an error worth a message.
        }
    }
}
