package io.flightdeck.servers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.io.UncheckedIOException;
import java.util.OptionalInt;

/**
 * Loopback ports: every server listens on {@value #HOST} only. A port is either fixed by the caller
 * or chosen here and remembered in the server's settings, so a restart reuses it as long as it is
 * free (clients configured once keep working).
 */
final class Ports {

    static final String HOST = "127.0.0.1";

    private Ports() {
    }

    /** A port the kernel says is free now. */
    static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free loopback port", e);
        }
    }

    /** True when something already listens on (or holds) the port, so a server could not bind it. */
    static boolean taken(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(HOST, port), 1);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** True when a TCP connection to the port succeeds within half a second. */
    static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The port for one listener of a server: the fixed one if given; else the remembered one while it
     * is free; else a new free one, remembered. The caller checks a fixed port with {@link #taken}.
     */
    static int choose(ServerSettings settings, String key, OptionalInt fixed) {
        if (fixed.isPresent()) {
            settings.putInt(key, fixed.getAsInt());
            return fixed.getAsInt();
        }
        OptionalInt remembered = settings.getInt(key);
        if (remembered.isPresent() && !taken(remembered.getAsInt())) {
            return remembered.getAsInt();
        }
        int port = free();
        settings.putInt(key, port);
        return port;
    }
}
