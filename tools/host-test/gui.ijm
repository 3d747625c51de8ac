// Host-test GUI run: runs a macro with ImageJ's windows open, then writes a marker so the script can take a screenshot.
args = split(getArgument(), ",");
runMacro(args[0], args[1] + "," + args[2]);
setBatchMode("exit and display");
File.saveString("done", args[2] + "/gui.done");
