// fiji-host-test GUI run: the evaluation's windows brought to the front for the second screenshot — the ROC plot,
// the score histogram (bins from the data, the threshold), the NERO Metrics table.
for (i = 1; i <= nImages; i++) {
    selectImage(i);
    t = getTitle();
    if (indexOf(t, "ROC") >= 0) { Plot.setFrameSize(420, 300); setLocation(0, 60); }
    else if (indexOf(t, "Score histogram") >= 0) { Plot.setFrameSize(560, 300); setLocation(560, 60); }
    else setLocation(1500, 0);
}
if (isOpen("NERO Metrics")) Table.setLocationAndSize(0, 470, 760, 160, "NERO Metrics");
if (isOpen("Log")) { selectWindow("Log"); setLocation(780, 470); }
for (i = 1; i <= nImages; i++) {
    selectImage(i);
    t = getTitle();
    if (indexOf(t, "ROC") >= 0 || indexOf(t, "Score histogram") >= 0) selectImage(i);
}
print("gui: evaluate arranged");
