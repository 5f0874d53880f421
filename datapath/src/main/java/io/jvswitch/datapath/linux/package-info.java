/**
 * The only package that talks to the kernel: raw libc bindings ({@code LibC}, jnr-ffi, package
 * private), the checked facade {@link io.jvswitch.datapath.linux.Syscalls}, struct layouts kept in
 * direct memory, TUN/TAP and AF_PACKET devices, epoll, link queries and the rtnetlink link monitor.
 *
 * <p>Every layout here is the x86-64 Linux ABI; {@link io.jvswitch.datapath.linux.NativeAvailability}
 * refuses other platforms.
 */
package io.jvswitch.datapath.linux;
