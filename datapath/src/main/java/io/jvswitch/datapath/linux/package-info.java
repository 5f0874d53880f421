/**
 * The only package that talks to the kernel (and the only one that imports jnr-ffi).
 *
 * <ul>
 *   <li>{@code LibC} (package-private): raw libc functions, C names, addresses as {@code long}.</li>
 *   <li>{@link io.jvswitch.datapath.linux.Syscalls}: the checked facade. Control calls throw
 *       {@link io.jvswitch.datapath.linux.NativeIoException} naming the call; data calls return a
 *       count, 0 for EAGAIN, or -errno, and never allocate. EINTR is retried there only.</li>
 *   <li>{@link io.jvswitch.datapath.linux.NativeAvailability}: probe once, refuse politely.</li>
 *   <li>Struct layouts in direct memory, allocated once: {@code Ifreq}, {@link
 *       io.jvswitch.datapath.linux.SockaddrLl}, {@link io.jvswitch.datapath.linux.IoVecArray},
 *       {@link io.jvswitch.datapath.linux.MmsgHdrArray}, {@link io.jvswitch.datapath.linux.TpacketAuxdata},
 *       {@link io.jvswitch.datapath.linux.EpollEventArray}.</li>
 *   <li>Devices: {@link io.jvswitch.datapath.linux.TapDevice} (TUN/TAP with vnet headers and
 *       offloads), {@link io.jvswitch.datapath.linux.PacketSocket} (AF_PACKET on an existing
 *       device), {@link io.jvswitch.datapath.linux.Links} (index, flags, MTU, MAC by name).</li>
 *   <li>Waiting and watching: {@link io.jvswitch.datapath.linux.Epoll}, {@link
 *       io.jvswitch.datapath.linux.EventFd}, {@link io.jvswitch.datapath.linux.LinkMonitor}
 *       (rtnetlink).</li>
 *   <li>Scheduling: {@link io.jvswitch.datapath.linux.ThreadPreemptions} (the calling thread's
 *       involuntary context switches, for a PMD to notice that it shares its core).</li>
 *   <li>Offload metadata: {@link io.jvswitch.datapath.packet.VnetHeader} and {@link
 *       io.jvswitch.datapath.exec.ChecksumOffload} (pure Java, over a {@code PacketBatch}).</li>
 * </ul>
 *
 * <p>Every layout here is the x86-64 Linux ABI; {@link io.jvswitch.datapath.linux.NativeAvailability}
 * refuses other platforms.
 */
package io.jvswitch.datapath.linux;
