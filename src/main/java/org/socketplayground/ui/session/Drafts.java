package org.socketplayground.ui.session;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * What the calls pane's address and data fields hold, bound to them both ways: the built-in peers send to the
 * destination and with the data, and the This machine tab puts an address into them.
 */
public final class Drafts {
    private final StringProperty payload = new SimpleStringProperty(this, "payload", "");
    private final StringProperty host = new SimpleStringProperty(this, "host", "");
    private final StringProperty destHost = new SimpleStringProperty(this, "destHost", "");
    private final StringProperty destPort = new SimpleStringProperty(this, "destPort", "");

    /** What the Send field holds: the built-in peers can use it as their prefix. */
    public StringProperty payload() {
        return payload;
    }

    /** The address bind() and connect() would take. */
    public StringProperty host() {
        return host;
    }

    /** Where sendto() would send: the built-in clients send there too. */
    public StringProperty destHost() {
        return destHost;
    }

    public StringProperty destPort() {
        return destPort;
    }
}
