package io.jvswitch.datapath.linux;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the native layer can run here: Linux on x86-64 (the struct layouts in this package are
 * that ABI's) with libc reachable through jnr-ffi. Probed once. The daemon refuses {@code tap} and
 * {@code system} ports with {@link #unavailabilityCause()} as the reason when this is false;
 * tests {@code assume} on it.
 */
public final class NativeAvailability {
    private static final Throwable CAUSE = probe();

    private NativeAvailability() {
    }

    private static Throwable probe() {
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "");
        if (!os.toLowerCase(java.util.Locale.ROOT).startsWith("linux")) {
            return new UnsupportedOperationException("native I/O needs Linux, this is " + os);
        }
        if (!arch.equals("amd64") && !arch.equals("x86_64")) {
            return new UnsupportedOperationException("native I/O struct layouts are x86-64, this is " + arch);
        }
        try {
            if (Syscalls.getpid() <= 0) {
                return new IllegalStateException("getpid through jnr-ffi returned nonsense");
            }
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    /** Whether system calls through this package work. */
    public static boolean isAvailable() {
        return CAUSE == null;
    }

    /** Why {@link #isAvailable()} is false, or null when it is true. */
    public static Throwable unavailabilityCause() {
        return CAUSE;
    }

    /** Whether TAP devices can be created: native I/O works and {@code /dev/net/tun} is there. */
    public static boolean isTunAvailable() {
        return isAvailable() && Files.isReadable(Path.of("/dev/net/tun")) && Files.isWritable(Path.of("/dev/net/tun"));
    }
}
