// NERO OOD example: fit a detector on the sample data's ID training images.
// Argument (optional): "DATA" or "DATA,OUT" — DATA = the sample-data folder (default: sample-data in ImageJ's
// working folder, i.e. the repository root when ImageJ is started there), OUT = output folder (default: nero-macros
// in ImageJ's temporary folder). The other example macros read the detector written here.
args = split(getArgument(), ",");
data = call("java.lang.System.getProperty", "user.dir") + "/sample-data";
out = getDirectory("temp") + "nero-macros";
if (args.length > 0 && args[0] != "") data = args[0];
if (args.length > 1) out = args[1];
File.makeDirectory(out);

run("Fit NERO Detector", "model=[" + data + "/model/nero-sample.pt] train_dir=[" + data + "/id/train] "
    + "val_dir=[" + data + "/id/val] tpr=0.95 detector=[" + out + "/sample-detector.json]");
print("fit_detector: detector written to " + out + "/sample-detector.json");
