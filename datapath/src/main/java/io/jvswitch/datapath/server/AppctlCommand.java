package io.jvswitch.datapath.server;

import java.util.List;

/**
 * One {@code jvs-appctl} command ({@code version}, {@code vlog/set}, {@code fdb/show}, ...).
 * Parts of the daemon register theirs with {@link AppctlHandler#register}.
 */
@FunctionalInterface
public interface AppctlCommand {

    /**
     * Runs the command. The argument count has already been checked against the registration.
     *
     * @param args the command's arguments (without the command name)
     * @return the text to print on success
     * @throws AppctlException for a user error; its message is printed as the server's error
     */
    String run(List<String> args) throws AppctlException;
}
