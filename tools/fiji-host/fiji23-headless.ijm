// fiji-host-test, issue 23 (headless): named tables leave exactly the last run in Results; one image, one score
// (a large JPEG open in Fiji and the same file as a path; 8-bit, 16-bit, 32-bit and RGB versions of one grey
// picture; a transparent PNG open in Fiji and as a path); Explain without an output folder; About NERO.
// Argument: DATA,OUT,WORK (WORK holds big.jpg and vignette.png, made by the script).
args = split(getArgument(), ",");
data = args[0]; out = args[1]; work = args[2];
det = "detector=[" + out + "/sample-detector.json]";
run("Score Images", det + " input=[" + data + "/ood/bleeding]");
n1 = nResults;
run("Score Images", det + " input=[" + data + "/ood/dyed]");
print("fiji23: results n1=" + n1 + " n2=" + nResults + " first=" + getResultString("path", 0));

open(work + "/big.jpg");
run("Score Images", det);
current = getResult("nero_score", 0);
run("Score Images", det + " input=[" + work + "/big.jpg]");
print("fiji23: big jpeg current=" + d2s(current, 9) + " file=" + d2s(getResult("nero_score", 0), 9));
close("*");

open(work + "/vignette.png");
run("Score Images", det);
current = getResult("nero_score", 0);
run("Score Images", det + " input=[" + work + "/vignette.png]");
print("fiji23: transparent png current=" + d2s(current, 9) + " file=" + d2s(getResult("nero_score", 0), 9));
close("*");

open(data + "/ood/dyed/dyed-000.jpg");
run("8-bit");
run("Score Images", det);
g8 = getResult("nero_score", 0);
run("16-bit");
run("Score Images", det);
g16 = getResult("nero_score", 0);
run("32-bit");
run("Score Images", det);
g32 = getResult("nero_score", 0);
close("*");
open(data + "/ood/dyed/dyed-000.jpg");
run("8-bit");
run("RGB Color");
run("Score Images", det);
print("fiji23: grey 8bit=" + d2s(g8, 9) + " 16bit=" + d2s(g16, 9) + " 32bit=" + d2s(g32, 9) + " rgb="
    + d2s(getResult("nero_score", 0), 9));
close("*");

open(data + "/ood/bleeding/bleeding-001.jpg");
run("Explain Image", det);
titles = "";
for (i = 1; i <= nImages; i++) { selectImage(i); titles = titles + "|" + getTitle(); }
print("fiji23: explain images=" + nImages + " nResults=" + nResults + " titles=" + titles);
close("*");

run("About NERO");
print("fiji23: done");
