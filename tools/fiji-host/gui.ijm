// fiji-host-test GUI run, first part: what a user sees after scoring and explaining the current image and
// evaluating — the verdict overlay, the Results table, the heatmap, the ROC plot, the Log — arranged for the
// screenshot. Argument: DATA,OUT,PROBE_DIR.
args = split(getArgument(), ",");
data = args[0]; out = args[1]; probe = args[2];
print("gui: probe " + call("NeroHostProbe.start", probe));
detector = out + "/sample-detector.json";
run("Evaluate OOD Detection", "detector=[" + detector + "] id_dir=[" + data + "/id/test] ood_dir=[" + data + "/ood] "
    + "methods=msp,energy,mahalanobis out_dir=[" + out + "/gui-evaluation]");
print("gui: evaluate opened " + nImages + " image(s)");
open(data + "/ood/bleeding/bleeding-000.jpg");
scored = getTitle();
run("Score Images", "detector=[" + detector + "] methods=msp,energy");
print("gui: " + scored + " verdict=" + getResultString("verdict", 0) + " nero_score=" + d2s(getResult("nero_score", 0), 3)
    + " overlay=" + Overlay.size + " nResults=" + nResults);
run("Explain Image", "detector=[" + detector + "] out_dir=[" + out + "/gui-explain]");
explanation = getTitle();
print("gui: explanation window [" + explanation + "], images open: " + nImages);
// Arrange for the screenshot: scored image (zoomed) top left, heatmap below it, tables in the middle, plots right.
selectImage(scored); run("Set... ", "zoom=200"); setLocation(0, 90);
selectImage(explanation); run("Set... ", "zoom=200"); setLocation(0, 390);
for (i = 1; i <= nImages; i++) {
    selectImage(i);
    t = getTitle();
    if (t != scored && t != explanation) {
        if (indexOf(t, "ROC") >= 0) setLocation(700, 90); else setLocation(700, 495);
    }
}
if (isOpen("Results")) Table.setLocationAndSize(270, 90, 420, 250, "Results");
if (isOpen("Log")) { selectWindow("Log"); setLocation(270, 560); }
selectImage(scored);
print("gui: arranged");
