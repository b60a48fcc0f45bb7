package org.socketplayground.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import javafx.scene.control.Control;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.socketplayground.i18n.Texts;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The tabs behind the lesson join the window after its first frame (a faster start): one chosen at once shows its
 * controls at once, and the others all come without being chosen.
 */
class TabsBehindTest {
    private final FxRobot robot = new FxRobot();
    private PlaygroundApp app;

    @AfterEach
    void closeWindow() throws Exception {
        FxToolkit.cleanupStages();
        FxToolkit.cleanupApplication(app);
    }

    @Test
    void aTabChosenAsTheWindowOpensShowsItsControlsAndTheRestFollowUnasked() throws Exception {
        FxToolkit.registerPrimaryStage();
        // Chosen in the very task that shows the window, before any frame could let the tab join by itself.
        app = (PlaygroundApp) FxToolkit.setupApplication(() -> new PlaygroundApp() {
            @Override
            public void start(javafx.stage.Stage stage) throws java.io.IOException {
                super.start(stage);
                TabPane tabs = (TabPane) stage.getScene().lookup("#codeTabs");
                Tab machine = tabs.getTabs().stream().filter(t -> "machineTab".equals(t.getId())).findFirst().orElseThrow();
                tabs.getSelectionModel().select(machine);
            }
        });
        WindowDriver ui = new WindowDriver(robot);
        assertTrue(ui.onFx(() -> robot.lookup("#interfacesTable").tryQuery().map(n -> n.getScene() != null).orElse(false)),
                "the Machine tab, chosen at once, shows its table at once");
        ui.awaitEveryTab();
        for (String id : new String[] {"pythonCode", "sequenceDiagram", "systemSocketsTable", "detailArea", "labPresetChoice"}) {
            assertTrue(ui.onFx(() -> robot.lookup("#" + id).tryQuery().isPresent()), id + " is in the window");
        }
    }

    @Test
    void theFxmlTooltipsAreMadeAfterTheFirstFrameInTheToolbarTheTabsBehindAndTheStatusBar() throws Exception {
        FxToolkit.registerPrimaryStage();
        app = (PlaygroundApp) FxToolkit.setupApplication(PlaygroundApp::new);
        WindowDriver ui = new WindowDriver(robot);
        ui.awaitEveryTab();
        Map<String, String> tips = Map.of(
                "createSocketButton", "toolbarView.createSocketButton.tooltip",
                "labPresetChoice", "labView.labPresetChoice.tooltip",
                "abandonButton", "statusView.abandonButton.tooltip",
                "pythonPrompt", "pythonPromptView.pythonPrompt.tooltip");
        tips.forEach((id, key) -> ui.waitUntil(() -> ui.onFx(() -> {
            Tooltip tip = robot.lookup("#" + id).queryAs(Control.class).getTooltip();
            return tip != null && tip.getText().equals(Texts.get(key));
        }), "#" + id + " has its tooltip: " + Texts.get(key)));
    }
}
