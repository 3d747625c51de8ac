// Host-test GUI run: runs a macro with ImageJ's windows open, arranges them for the screenshot, then writes a marker
// so the script knows when to take it.
args = split(getArgument(), ",");
runMacro(args[0], args[1] + "," + args[2]);
setBatchMode("exit and display");
if (nImages > 0) {
    run("Set... ", "zoom=300");
    setLocation(20, 100);
}
if (isOpen("Log")) { selectWindow("Log"); setLocation(520, 100); }
if (isOpen("Results")) { selectWindow("Results"); setLocation(520, 420); }
File.saveString("done", args[2] + "/gui.done");
