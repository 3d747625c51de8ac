// NERO OOD example: open one OOD image, score it (the verdict is drawn on it as an overlay), then explain it.
// Argument (optional): "DATA" or "DATA,OUT", as in fit_detector.ijm (run that first).
args = split(getArgument(), ",");
data = call("java.lang.System.getProperty", "user.dir") + "/sample-data";
out = getDirectory("temp") + "nero-macros";
if (args.length > 0 && args[0] != "") data = args[0];
if (args.length > 1) out = args[1];

kinds = getFileList(data + "/ood/");
files = getFileList(data + "/ood/" + kinds[0]);
open(data + "/ood/" + kinds[0] + files[0]);
detector = out + "/sample-detector.json";
// No input= : the command scores the current image and draws its verdict on it.
run("Score Images", "detector=[" + detector + "]");
print("explain_current_image: " + getTitle() + " verdict=" + getResultString("verdict", 0)
    + " nero_score=" + getResult("nero_score", 0) + " overlay=" + Overlay.size);
run("Explain Image", "detector=[" + detector + "] out_dir=[" + out + "/explain]");
print("explain_current_image: views written to " + out + "/explain");
