package org.socketplayground.ui;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** A new playground window for each test, as a student opens it, closed (with its sockets) after the test. */
abstract class OwnWindow {
    WindowDriver ui;
    FxRobot robot;
    private PlaygroundApp app;

    @BeforeEach
    void openWindow() throws Exception {
        FxToolkit.registerPrimaryStage();
        app = (PlaygroundApp) FxToolkit.setupApplication(PlaygroundApp::new);
        robot = new FxRobot();
        ui = new WindowDriver(robot);
        ui.awaitEveryTab();
    }

    /** The window's session, for waiting on what it has taken and refreshed rather than on time. */
    org.socketplayground.ui.session.Session session() {
        return app.session();
    }

    @AfterEach
    void closeWindow() throws Exception {
        FxToolkit.cleanupStages();
        FxToolkit.cleanupApplication(app);
    }
}
