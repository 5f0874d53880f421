/**
 * Frames in direct memory and flyweights over them: {@link io.jvswitch.datapath.packet.PacketBatch} slots,
 * {@link io.jvswitch.datapath.packet.EthernetView}, 802.1Q tag operations
 * ({@link io.jvswitch.datapath.packet.VlanTags}), virtio-net header access and L3/L4 header offsets. Hot path:
 * nothing here allocates or throws per frame.
 */
package io.jvswitch.datapath.packet;
