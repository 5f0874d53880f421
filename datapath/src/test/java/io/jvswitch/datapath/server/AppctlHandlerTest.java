package io.jvswitch.datapath.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AppctlHandlerTest {

    private final AppctlHandler appctl = new AppctlHandler("/run/jvs/jvs.sock");

    AppctlHandlerTest() {
        appctl.register("fdb/show", "BRIDGE", 1, 1, args -> "fdb of " + args.get(0));
        appctl.register("fail", "", 0, 0, args -> {
            throw new AppctlException("no such bridge");
        });
    }

    private CommandResult run(String... args) {
        return appctl.run(new CommandContext("appctl", List.of(args), "jvs-appctl", false, null));
    }

    @Test
    void shouldPrintCommandOutputWithNewlineWhenCommandSucceeds() {
        assertThat(run("fdb/show", "br0")).isEqualTo(CommandResult.ok("fdb of br0\n"));
    }

    @Test
    void shouldReportServerErrorWithExit2WhenCommandUnknown() {
        CommandResult result = run("nosuch");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).isEqualTo("\"nosuch\" is not a valid command (use \"list-commands\" to see a list "
                + "of valid commands)\njvs-appctl: /run/jvs/jvs.sock: server returned an error\n");
    }

    @Test
    void shouldRefuseWhenArgumentCountOutOfRange() {
        assertThat(run("fdb/show").stderr()).startsWith("\"fdb/show\" command requires at least 1 arguments\n");
        assertThat(run("fdb/show", "a", "b").stderr()).startsWith("\"fdb/show\" command takes at most 1 arguments\n");
        assertThat(run("fail").stderr()).startsWith("no such bridge\njvs-appctl: ");
    }

    @Test
    void shouldListCommandsSortedWithUsageWhenAsked() {
        assertThat(run("list-commands").stdout()).isEqualTo("The available commands are:\n"
                + "  fail                    \n"
                + "  fdb/show                BRIDGE\n"
                + "  list-commands           \n");
    }

    @Test
    void shouldRequireCommandWhenNoArguments() {
        assertThat(run().exitCode()).isEqualTo(1);
    }
}
