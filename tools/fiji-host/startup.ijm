// fiji-host-test: what a Fiji start looks like (compared before the install and after the uninstall), and whether
// the NERO commands are in the menu.
List.setCommands;
print("startup: imagej=" + getVersion() + " score_images=[" + List.get("Score Images") + "] fit=["
    + List.get("Fit NERO Detector") + "] evaluate=[" + List.get("Evaluate OOD Detection") + "] explain=["
    + List.get("Explain Image") + "]");
