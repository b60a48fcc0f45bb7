package org.socketplayground.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.socketplayground.ui.PlaygroundApp;

/**
 * Start-up probe, run in a fresh JVM by the benchmark: starts the real application and prints
 * {@code startup_ms=N}, the time from the launch ({@code -Dprobe.launchedAt}, the launcher's clock; else the JVM's
 * start) to the end of layout in the first pulse after the main window is shown (the frame that is then drawn), and
 * {@code phases_ms=A,B,C}: launch to Application.start (JVM and toolkit), start() itself (FXML, controller, show), and on to that pulse; then it exits. This class is the launcher, not the Application,
 * so that the java launcher does not insist on JavaFX being on the module path.
 */
public final class StartupProbe {
    private StartupProbe() {
    }

    public static void main(String[] args) {
        Application.launch(ProbeApp.class, args);
    }

    /** When the launcher started this JVM; the app image has no java.management, so it says so itself. */
    private static long launchedAt() {
        long launched = Long.getLong("probe.launchedAt", 0);
        // read only now, so that loading the management classes is not counted
        return launched > 0 ? launched : ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    public static final class ProbeApp extends PlaygroundApp {
        @Override
        public void start(Stage stage) throws IOException {
            long startCalled = System.currentTimeMillis();
            super.start(stage);
            long startReturned = System.currentTimeMillis();
            if (!stage.isShowing()) {
                throw new IllegalStateException("the main window is not showing");
            }
            Runnable[] once = new Runnable[1];
            once[0] = () -> {
                long shownAt = System.currentTimeMillis();
                stage.getScene().removePostLayoutPulseListener(once[0]);
                long jvmStart = launchedAt();
                System.out.println("startup_ms=" + (shownAt - jvmStart));
                System.out.println("phases_ms=" + (startCalled - jvmStart) + "," + (startReturned - startCalled) + ","
                        + (shownAt - startReturned));
                System.out.flush();
                // halt: no shutdown hooks to wait for; probe.exit=true exits properly (a JFR recording is written then)
                Platform.runLater(() -> {
                    if (Boolean.getBoolean("probe.exit")) {
                        System.exit(0);
                    }
                    Runtime.getRuntime().halt(0);
                });
            };
            stage.getScene().addPostLayoutPulseListener(once[0]);
            // Make sure a pulse comes even if nothing else asks for one.
            Platform.requestNextPulse();
        }
    }
}
