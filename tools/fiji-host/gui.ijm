// fiji-host-test GUI run, first part: what a user sees after evaluating, scoring the current image twice and
// explaining it — the verdict overlay, Explain's windows (deviation heatmap, live relevance plots, score parts), the
// named NERO tables, the Log — arranged for the screenshot. Argument: DATA,OUT,PROBE_DIR.
args = split(getArgument(), ",");
data = args[0]; out = args[1]; probe = args[2];
print("gui: probe " + call("NeroHostProbe.start", probe));
detector = out + "/sample-detector.json";
run("Evaluate OOD Detection", "detector=[" + detector + "] id_dir=[" + data + "/id/test] ood_dir=[" + data + "/ood] "
    + "methods=msp,energy,mahalanobis out_dir=[" + out + "/gui-evaluation]");
print("gui: evaluate opened " + nImages + " image(s)");
open(data + "/ood/dyed/dyed-001.jpg");
run("Score Images", "detector=[" + detector + "] methods=msp,energy");
close();
open(data + "/ood/bleeding/bleeding-000.jpg");
scored = getTitle();
run("Score Images", "detector=[" + detector + "] methods=msp,energy");
print("gui: " + scored + " verdict=" + getResultString("verdict", 0) + " nero_score=" + d2s(getResult("nero_score", 0), 3)
    + " overlay=" + Overlay.size + " nResults=" + nResults);
print("gui: tables NERO Scores=" + Table.size("NERO Scores") + " Results=" + nResults);
run("Explain Image", "detector=[" + detector + "] out_dir=[" + out + "/gui-explain]");
explanation = getTitle();
print("gui: explanation window [" + explanation + "], images open: " + nImages);
selectImage("relevance profile: " + scored);
Plot.getValues(px, py);
print("gui: relevance profile is a live plot with " + px.length + " points");
// Arrange for the screenshot (1400×900, ImageJ's window at the top): scored image and heatmaps on the left, the
// plots in the middle, the tables on the right.
selectImage(scored); run("Set... ", "zoom=150"); setLocation(0, 95);
selectImage(explanation); run("Set... ", "zoom=150"); setLocation(0, 330);
selectImage("relevance heatmap: " + scored); run("Set... ", "zoom=150"); setLocation(0, 565);
selectImage("relevance profile: " + scored); Plot.setFrameSize(420, 170); setLocation(205, 95);
selectImage("relevance histogram: " + scored); Plot.setFrameSize(420, 130); setLocation(205, 375);
selectImage("relevance space: " + scored); Plot.setFrameSize(330, 160); setLocation(205, 615);
if (isOpen("NERO Score Parts")) Table.setLocationAndSize(740, 95, 660, 225, "NERO Score Parts");
if (isOpen("NERO Top Neurons")) Table.setLocationAndSize(740, 325, 660, 150, "NERO Top Neurons");
if (isOpen("NERO Scores")) Table.setLocationAndSize(740, 480, 660, 115, "NERO Scores");
if (isOpen("Results")) Table.setLocationAndSize(740, 600, 660, 90, "Results");
if (isOpen("Log")) { selectWindow("Log"); setLocation(740, 695); }
for (i = 1; i <= nImages; i++) {
    selectImage(i);
    t = getTitle();
    if (indexOf(t, "ROC") >= 0 || indexOf(t, "histogram: nero") >= 0 || indexOf(t, "gradient") >= 0) setLocation(1500, 0);
}
if (isOpen("NERO Metrics")) Table.setLocationAndSize(1500, 0, 300, 100, "NERO Metrics");
if (isOpen("NERO Explain")) Table.setLocationAndSize(1500, 0, 300, 100, "NERO Explain");
selectImage(scored);
print("gui: arranged");
