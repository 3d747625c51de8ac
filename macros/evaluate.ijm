// NERO OOD example: ID test set vs OOD set — AUROC, FPR@95TPR, AUPR-IN/OUT per method, ROC and histogram plots.
// Argument (optional): "DATA" or "DATA,OUT", as in fit_detector.ijm (run that first).
args = split(getArgument(), ",");
data = call("java.lang.System.getProperty", "user.dir") + "/sample-data";
out = getDirectory("temp") + "nero-macros";
if (args.length > 0 && args[0] != "") data = args[0];
if (args.length > 1) out = args[1];

run("Evaluate OOD Detection", "detector=[" + out + "/sample-detector.json] id_dir=[" + data + "/id/test] "
    + "ood_dir=[" + data + "/ood] methods=all out_dir=[" + out + "/evaluation]");
for (i = 0; i < nResults; i++) {
    print("evaluate: " + getResultString("method", i) + " auroc=" + d2s(getResult("auroc", i), 4)
        + " fpr95=" + d2s(getResult("fpr95", i), 4));
}
