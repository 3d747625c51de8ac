// NERO OOD example: score the sample data's ID test folder and OOD folder; one Results row per image.
// Argument (optional): "DATA" or "DATA,OUT", as in fit_detector.ijm (run that first).
args = split(getArgument(), ",");
data = call("java.lang.System.getProperty", "user.dir") + "/sample-data";
out = getDirectory("temp") + "nero-macros";
if (args.length > 0 && args[0] != "") data = args[0];
if (args.length > 1) out = args[1];

// Several inputs are separated by ':' (';' on Windows).
sep = File.separator; if (sep == "/") sep = ":"; else sep = ";";
run("Score Images", "detector=[" + out + "/sample-detector.json] input=[" + data + "/id/test" + sep + data + "/ood] "
    + "methods=msp,energy csv=[" + out + "/scores.csv]");
ood = 0;
for (i = 0; i < nResults; i++) {
    if (getResultString("verdict", i) == "OOD") ood++;
}
print("score_folder: nResults=" + nResults + " ood=" + ood + " first_nero_score=" + getResult("nero_score", 0));
