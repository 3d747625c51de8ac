import ij.IJ;
import ij.ImageJ;
import ij.WindowManager;
import ij.plugin.frame.Recorder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Test helper for tools/fiji-host-test.sh, compiled by it against the Fiji under test and put only into the
 * temporary copy of that Fiji. It watches what a person would see while the GUI run goes on: every new text in
 * ImageJ's status bar, the open windows, the Log and the macro recorder, written to files the script asserts on.
 * It also runs a menu command when the script asks (a file {@code menu-command.txt} naming it), from its own
 * thread, so that Fiji treats it as picked from the menu rather than run by a macro, and a macro file
 * ({@code macro.txt}: its path, then its argument) in a new thread, and fills in a dialog the way a person would
 * ({@code fill-dialog.txt}: the dialog's title, then the text for its first text field; then it presses OK), and
 * closes the dialogs on the screen ({@code close-dialogs.txt}), writes the texts of a dialog's text fields
 * ({@code read-dialog.txt}: its title; answered in {@code dialog-fields.txt}) and clicks a button of a window
 * ({@code press-button.txt}: the window's title, then the button's label). It logs every key pressed and every change of
 * ImageJ's Esc flag ({@code keys.txt}): the evidence of where a key sent to Fiji went.
 * Called from a macro: call("NeroHostProbe.start", folder).
 */
public final class NeroHostProbe {
    private NeroHostProbe() {
    }

    public static String start(String folder) {
        Path dir = Path.of(folder);
        java.awt.Toolkit.getDefaultToolkit().addAWTEventListener(e -> logKey(dir, (java.awt.event.KeyEvent) e),
                java.awt.AWTEvent.KEY_EVENT_MASK);
        Thread watcher = new Thread(() -> watch(dir), "nero-host-probe");
        watcher.setDaemon(true);
        watcher.start();
        return "started";
    }

    private static void watch(Path dir) {
        String lastStatus = "";
        String lastLog = "";
        String lastRecorder = "";
        String lastWindows = "";
        boolean lastEscape = false;
        while (true) {
            try {
                String status = String.valueOf(ImageJ.getStatusBarText());
                if (!status.equals(lastStatus)) {
                    append(dir.resolve("status.txt"), System.currentTimeMillis() + "\t" + status + "\n");
                    lastStatus = status;
                }
                boolean escape = IJ.escapePressed();
                if (escape != lastEscape) {
                    append(dir.resolve("keys.txt"), System.currentTimeMillis() + "\tIJ.escapePressed()=" + escape + "\n");
                    lastEscape = escape;
                }
                String log = IJ.getLog() == null ? "" : IJ.getLog();
                if (!log.isEmpty() && !log.equals(lastLog)) { // Fiji closing its Log is not a new Log
                    write(dir.resolve("log.txt"), log);
                    lastLog = log;
                }
                Recorder recorder = Recorder.getInstance();
                String recorded = recorder == null ? "" : recorder.getText();
                if (recorded != null && !recorded.equals(lastRecorder)) {
                    write(dir.resolve("recorder.txt"), recorded);
                    lastRecorder = recorded;
                }
                String windows = String.join("\n", WindowManager.getImageTitles()) + "\n--\n"
                        + String.join("\n", WindowManager.getNonImageTitles()) + "\n--dialogs\n" + dialogs();
                if (!windows.equals(lastWindows)) {
                    write(dir.resolve("windows.txt"), windows);
                    lastWindows = windows;
                }
                Path menu = dir.resolve("menu-command.txt");
                if (Files.exists(menu) && ij.macro.Interpreter.getInstance() == null) {
                    String command = Files.readString(menu, StandardCharsets.UTF_8).strip();
                    Files.delete(menu);
                    IJ.doCommand(command);
                }
                Path macro = dir.resolve("macro.txt");
                if (Files.exists(macro)) {
                    java.util.List<String> lines = Files.readAllLines(macro, StandardCharsets.UTF_8);
                    Files.delete(macro);
                    new Thread(() -> IJ.runMacroFile(lines.get(0), lines.size() > 1 ? lines.get(1) : ""),
                            "Run$_nero-host-Macro$").start(); // named as ImageJ names its macro threads
                }
                Path close = dir.resolve("close-dialogs.txt");
                if (Files.exists(close)) {
                    Files.delete(close);
                    java.awt.EventQueue.invokeLater(() -> closeDialogs(dir));
                }
                Path read = dir.resolve("read-dialog.txt");
                if (Files.exists(read)) {
                    String title = Files.readString(read, StandardCharsets.UTF_8).strip();
                    Files.delete(read);
                    java.awt.EventQueue.invokeLater(() -> readDialog(dir, title));
                }
                Path press = dir.resolve("press-button.txt");
                if (Files.exists(press)) {
                    java.util.List<String> lines = Files.readAllLines(press, StandardCharsets.UTF_8);
                    Files.delete(press);
                    java.awt.EventQueue.invokeLater(() -> pressButton(dir, lines.get(0), lines.get(1)));
                }
                Path fill = dir.resolve("fill-dialog.txt");
                if (Files.exists(fill)) {
                    java.util.List<String> lines = Files.readAllLines(fill, StandardCharsets.UTF_8);
                    Files.delete(fill);
                    java.awt.EventQueue.invokeLater(() -> fillDialog(dir, lines.get(0), lines.get(1)));
                }
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                try {
                    append(dir.resolve("probe-errors.txt"), e + "\n");
                    Thread.sleep(500);
                } catch (IOException | InterruptedException ignored) {
                    return;
                }
            }
        }
    }

    /** Every key pressed, with the component that got it: shows whether a key sent to Fiji reached ImageJ. */
    private static void logKey(Path dir, java.awt.event.KeyEvent e) {
        if (e.getID() != java.awt.event.KeyEvent.KEY_PRESSED) {
            return;
        }
        try {
            java.awt.Window w = javax.swing.SwingUtilities.getWindowAncestor(e.getComponent());
            String title = e.getComponent() instanceof java.awt.Frame f ? f.getTitle()
                    : w instanceof java.awt.Frame f ? f.getTitle() : w instanceof java.awt.Dialog d ? d.getTitle() : "?";
            append(dir.resolve("keys.txt"), System.currentTimeMillis() + "\tpressed " + java.awt.event.KeyEvent.getKeyText(e.getKeyCode())
                    + " in " + e.getComponent().getClass().getName() + " [" + title + "]\n");
        } catch (IOException | RuntimeException ignored) {
            // a probe must not disturb the key handling it watches
        }
    }

    /** The titles of the dialogs on the screen, one a line ("(untitled)" for none). */
    private static String dialogs() {
        StringBuilder titles = new StringBuilder();
        for (java.awt.Window w : java.awt.Window.getWindows()) {
            if (w instanceof java.awt.Dialog d && d.isShowing()) {
                String title = d.getTitle();
                titles.append(title == null || title.isEmpty() ? "(untitled)" : title).append('\n');
            }
        }
        return titles.toString();
    }

    /** Closes every dialog on the screen, as its close button would, noting each in dialogs.txt. */
    private static void closeDialogs(Path dir) {
        for (java.awt.Window w : java.awt.Window.getWindows()) {
            if (w instanceof java.awt.Dialog d && d.isShowing()) {
                try {
                    append(dir.resolve("dialogs.txt"), "closed [" + d.getTitle() + "]\n");
                } catch (IOException ignored) {
                    // the dialog is closed all the same
                }
                d.dispose();
            }
        }
    }

    /** Types {@code text} into the first text field of the window titled {@code title} and presses its OK. */
    private static void fillDialog(Path dir, String title, String text) {
        try {
            for (java.awt.Window w : java.awt.Window.getWindows()) {
                String t = w instanceof java.awt.Dialog d ? d.getTitle() : w instanceof java.awt.Frame f ? f.getTitle()
                        : "";
                if (!w.isShowing() || !title.equals(t)) {
                    continue;
                }
                javax.swing.text.JTextComponent field = first(w, javax.swing.JTextField.class);
                javax.swing.JButton ok = button(w, "OK");
                field.requestFocusInWindow();
                field.setText(text);
                append(dir.resolve("dialog.txt"), "filled " + title + "\n");
                ok.doClick();
                return;
            }
            append(dir.resolve("dialog.txt"), "no window " + title + "\n");
        } catch (IOException | RuntimeException e) {
            try {
                append(dir.resolve("probe-errors.txt"), e + "\n");
            } catch (IOException ignored) {
                // nothing left to report to
            }
        }
    }

    /** Writes the texts of every text field of the window titled {@code title} to dialog-fields.txt, one a line. */
    private static void readDialog(Path dir, String title) {
        try {
            java.awt.Window w = window(title);
            StringBuilder texts = new StringBuilder();
            if (w != null) {
                collectTexts(w, texts);
            }
            write(dir.resolve("dialog-fields.txt"), w == null ? "no window " + title + "\n" : texts.toString());
        } catch (IOException | RuntimeException e) {
            try {
                append(dir.resolve("probe-errors.txt"), e + "\n");
            } catch (IOException ignored) {
                // nothing left to report to
            }
        }
    }

    /** Clicks the button labelled {@code label} in the window titled {@code title}, as a person would. */
    private static void pressButton(Path dir, String title, String label) {
        try {
            java.awt.Window w = window(title);
            javax.swing.JButton b = w == null ? null : button(w, label);
            append(dir.resolve("dialog.txt"), (b == null ? "no button " : "pressed ") + label + " in " + title + "\n");
            if (b != null) {
                b.doClick();
            }
        } catch (IOException | RuntimeException e) {
            try {
                append(dir.resolve("probe-errors.txt"), e + "\n");
            } catch (IOException ignored) {
                // nothing left to report to
            }
        }
    }

    private static java.awt.Window window(String title) {
        for (java.awt.Window w : java.awt.Window.getWindows()) {
            String t = w instanceof java.awt.Dialog d ? d.getTitle() : w instanceof java.awt.Frame f ? f.getTitle() : "";
            if (w.isShowing() && title.equals(t)) {
                return w;
            }
        }
        return null;
    }

    private static void collectTexts(java.awt.Container c, StringBuilder texts) {
        for (java.awt.Component child : c.getComponents()) {
            if (child instanceof javax.swing.JTextField field) {
                texts.append(field.getText()).append('\n');
            } else if (child instanceof java.awt.Container inner) {
                collectTexts(inner, texts);
            }
        }
    }

    private static <T extends java.awt.Component> T first(java.awt.Container c, Class<T> type) {
        for (java.awt.Component child : c.getComponents()) {
            if (type.isInstance(child)) {
                return type.cast(child);
            }
            if (child instanceof java.awt.Container inner) {
                T found = first(inner, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static javax.swing.JButton button(java.awt.Container c, String label) {
        for (java.awt.Component child : c.getComponents()) {
            if (child instanceof javax.swing.JButton b && label.equals(b.getText())) {
                return b;
            }
            if (child instanceof java.awt.Container inner) {
                javax.swing.JButton found = button(inner, label);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static void write(Path file, String text) throws IOException {
        Path part = file.resolveSibling(file.getFileName() + ".part");
        Files.writeString(part, text, StandardCharsets.UTF_8);
        Files.move(part, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
