package org.socketplayground.system;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.socketplayground.engine.Addresses;

/**
 * The machine's network interfaces and their addresses, as {@code ip -br addr} lists them: what a student tells a
 * classmate to send to, and where a broadcast goes.
 */
public final class Interfaces {

    /**
     * One address of one interface.
     *
     * @param broadcast the IPv4 broadcast address of its subnet ("" for IPv6, which has none); loopback's too
     *                  (127.255.255.255), which Linux delivers though lo has no broadcast flag
     */
    public record Address(String interfaceName, int index, String address, String family, String broadcast, boolean up,
                          boolean loopback) {
    }

    private Interfaces() {
    }

    /** Every address of every interface, loopback last, IPv4 before IPv6 within an interface. */
    public static List<Address> list() {
        List<Address> out = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                boolean up = nif.isUp();
                for (InterfaceAddress ia : nif.getInterfaceAddresses()) {
                    InetAddress a = ia.getAddress();
                    boolean v4 = a instanceof Inet4Address;
                    String text = v4 ? a.getHostAddress() : v6Text((Inet6Address) a);
                    out.add(new Address(nif.getName(), nif.getIndex(), text, v4 ? "IPv4" : "IPv6", v4 ? broadcast(ia) : "", up,
                            nif.isLoopback()));
                }
            }
        } catch (SocketException e) {
            return List.of();   // no interfaces to be read: the view says so
        }
        out.sort(Comparator.comparing(Address::loopback).thenComparing(Address::interfaceName)
                .thenComparing(a -> a.family().equals("IPv6")));
        return out;
    }

    /**
     * The address a classmate would send to: the IPv4 address of the interface the default route leaves by (read from
     * /proc/net/route, as {@code ip route} does), else the first of an interface that is up and not loopback.
     */
    public static Optional<String> mainAddress(List<Address> addresses) {
        String routed = defaultRouteInterface();
        return addresses.stream().filter(a -> a.up() && !a.loopback() && a.family().equals("IPv4"))
                .sorted(Comparator.comparing(a -> !a.interfaceName().equals(routed)))
                .map(Address::address).findFirst();
    }

    /** The interface of the IPv4 default route, or "" where there is none (or no /proc/net/route). */
    public static String defaultRouteInterface() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/net/route"))) {
                String[] w = line.trim().split("\\s+");
                if (w.length > 7 && w[1].equals("00000000") && w[7].equals("00000000")) {
                    return w[0];
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return "";
        }
        return "";
    }

    /** The subnet's broadcast address: the JDK's, or worked out from the prefix where the interface has no flag (lo). */
    private static String broadcast(InterfaceAddress ia) {
        if (ia.getBroadcast() != null) {
            return ia.getBroadcast().getHostAddress();
        }
        int prefix = ia.getNetworkPrefixLength();
        if (prefix <= 0 || prefix >= 31) {
            return "";   // a point-to-point or host route: no broadcast
        }
        byte[] b = ia.getAddress().getAddress();
        int ip = ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
        int bcast = ip | (-1 >>> prefix);
        return ((bcast >>> 24) & 0xFF) + "." + ((bcast >>> 16) & 0xFF) + "." + ((bcast >>> 8) & 0xFF) + "." + (bcast & 0xFF);
    }

    /** An IPv6 address as Python and ip write it: compressed; a link-local one with its zone (fe80::1%eth0), which it needs. */
    private static String v6Text(Inet6Address a) {
        String text = Addresses.ipv6Text(a.getAddress());
        return a.isLinkLocalAddress() && a.getScopedInterface() != null ? text + "%" + a.getScopedInterface().getName() : text;
    }
}
