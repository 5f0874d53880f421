package io.jvswitch.flowtable.text;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bridge's port names and OpenFlow numbers, so flows may say {@code in_port=vnet0} or
 * {@code output:vnet0}, and dump-flows {@code --names} can print names. Immutable.
 */
public final class PortNames {
    /** No names known: only numbers and reserved names are accepted. */
    public static final PortNames NONE = new PortNames(Map.of());

    private final Map<String, Integer> numbersByName;
    private final Map<Integer, String> namesByNumber;

    private PortNames(Map<String, Integer> numbersByName) {
        this.numbersByName = Collections.unmodifiableMap(new TreeMap<>(numbersByName));
        Map<Integer, String> reverse = new HashMap<>();
        for (Map.Entry<String, Integer> e : this.numbersByName.entrySet()) {
            reverse.putIfAbsent(e.getValue(), e.getKey());
        }
        this.namesByNumber = Collections.unmodifiableMap(reverse);
    }

    /** A map from port name to OpenFlow port number. */
    public static PortNames of(Map<String, Integer> numbersByName) {
        return numbersByName.isEmpty() ? NONE : new PortNames(numbersByName);
    }

    /** The number of the port with this (case-sensitive) name, or -1. */
    public int numberOf(String name) {
        Integer n = numbersByName.get(name);
        return n == null ? -1 : n;
    }

    /** The name of the port with this number, or {@code null}. */
    public String nameOf(int number) {
        return namesByNumber.get(number);
    }

    /** True when no names are known. */
    public boolean isEmpty() {
        return numbersByName.isEmpty();
    }
}
