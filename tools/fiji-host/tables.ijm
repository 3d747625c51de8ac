// fiji-host-test: the Results table a macro sees after Score Images and Evaluate OOD Detection, column by column,
// with the Table.* functions too. Argument: DATA,OUT (the detector from macros/fit_detector.ijm is in OUT).
args = split(getArgument(), ",");
data = args[0]; out = args[1];
run("Score Images", "detector=[" + out + "/sample-detector.json] input=[" + data + "/ood/bleeding] methods=msp,energy "
    + "csv=[" + out + "/tables-scores.csv]");
print("tables: score nResults=" + nResults + " Table.size=" + Table.size + " title=" + Table.title);
print("tables: score headings=" + replace(Table.headings, "\t", ","));
row = "";
headings = split(Table.headings, "\t");
for (i = 0; i < headings.length; i++) {
    v = getResultString(headings[i], 0);
    if (i > 0) row = row + ",";
    row = row + v;
}
print("tables: score row0=" + row);
print("tables: score nero_score0=" + d2s(getResult("nero_score", 0), 6) + " Table.get=" + d2s(Table.get("nero_score", 0), 6)
    + " verdict0=" + getResultString("verdict", 0) + " Table.getString=" + Table.getString("verdict", 0));
run("Evaluate OOD Detection", "detector=[" + out + "/sample-detector.json] id_dir=[" + data + "/id/test] "
    + "ood_dir=[" + data + "/ood] methods=msp,energy out_dir=[" + out + "/tables-evaluation]");
print("tables: evaluate nResults=" + nResults + " headings=" + replace(Table.headings, "\t", ",")
    + " method0=" + getResultString("method", 0) + " auroc0=" + d2s(getResult("auroc", 0), 4));
print("tables: images=" + nImages);
print("tables: done");
