// Host-test GUI run: runs a macro with ImageJ's windows open, arranges them for the screenshot, then writes a marker
// so the script knows when to take it, with the tab counts of the Results window's headings and first row.
args = split(getArgument(), ",");
runMacro(args[0], args[1] + "," + args[2]);
setBatchMode("exit and display");
if (nImages > 0) {
    run("Set... ", "zoom=300");
    setLocation(20, 100);
}
if (isOpen("Log")) { selectWindow("Log"); setLocation(520, 100); }
aligned = "no Results window";
if (isOpen("Results")) {
    selectWindow("Results"); setLocation(520, 420);
    // What the window shows: its headings line, then the rows; a heading per cell means as many tabs in each.
    lines = split(getInfo("window.contents"), "\n");
    aligned = "heading_tabs=" + tabs(lines[0]) + " row_tabs=" + tabs(lines[1]);
}
File.saveString("done " + aligned, args[2] + "/gui.done");

function tabs(s) {
    return lengthOf(s) - lengthOf(replace(s, "\t", ""));
}
