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
// Arrange for the screenshot: scored image and heatmap on the left, the plots in the middle, tables on the right.
selectImage(scored); run("Set... ", "zoom=150"); setLocation(0, 60);
selectImage(explanation); run("Set... ", "zoom=150"); setLocation(0, 330);
selectImage("relevance profile: " + scored); Plot.setFrameSize(430, 190); setLocation(250, 60);
selectImage("relevance histogram: " + scored); Plot.setFrameSize(430, 150); setLocation(250, 340);
selectImage("relevance space: " + scored); Plot.setFrameSize(330, 170); setLocation(250, 580);
selectImage("relevance heatmap: " + scored); setLocation(0, 600);
if (isOpen("NERO Score Parts")) Table.setLocationAndSize(750, 60, 640, 230, "NERO Score Parts");
if (isOpen("NERO Top Neurons")) Table.setLocationAndSize(750, 300, 640, 150, "NERO Top Neurons");
if (isOpen("NERO Scores")) Table.setLocationAndSize(750, 460, 640, 120, "NERO Scores");
if (isOpen("Results")) Table.setLocationAndSize(750, 590, 640, 90, "Results");
if (isOpen("Log")) { selectWindow("Log"); setLocation(750, 690); }
for (i = 1; i <= nImages; i++) {
    selectImage(i);
    t = getTitle();
    if (indexOf(t, "ROC") >= 0 || indexOf(t, "histogram: nero") >= 0 || indexOf(t, "gradient") >= 0) setLocation(1500, 0);
}
if (isOpen("NERO Metrics")) Table.setLocationAndSize(1500, 0, 300, 100, "NERO Metrics");
if (isOpen("NERO Explain")) Table.setLocationAndSize(1500, 0, 300, 100, "NERO Explain");
selectImage(scored);
print("gui: arranged");
