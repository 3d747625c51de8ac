// fiji-host-test, frames GUI run: starts the probe (tools/fiji-host/NeroHostProbe.java) and ends, so that Fiji's
// main window is up while frames-gui.ijm runs from the probe's thread. Argument: PROBE_DIR.
print("frames-gui: probe " + call("NeroHostProbe.start", getArgument()));
