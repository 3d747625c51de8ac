// fiji-host-test GUI run: the evaluation's windows brought to the front for the second screenshot — the ROC plot,
// the score histogram (bins from the data, the threshold), the NERO Metrics table.
for (i = 1; i <= nImages; i++) {
    selectImage(i);
    t = getTitle();
    if (indexOf(t, "ROC") >= 0) { Plot.setFrameSize(420, 300); setLocation(0, 95); }
    else if (indexOf(t, "Score histogram") >= 0) { Plot.setFrameSize(600, 300); setLocation(530, 95); }
    else setLocation(1500, 0);
}
tables = newArray("NERO Score Parts", "NERO Top Neurons", "NERO Scores", "NERO Explain", "Results");
for (i = 0; i < tables.length; i++) if (isOpen(tables[i])) Table.setLocationAndSize(1500, 0, 300, 100, tables[i]);
if (isOpen("NERO Metrics")) Table.setLocationAndSize(0, 520, 1000, 150, "NERO Metrics");
if (isOpen("Log")) { selectWindow("Log"); setLocation(1500, 0); }
print("gui: evaluate arranged");
