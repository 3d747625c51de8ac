// Host-test smoke check (no model needed): the four commands are in ImageJ 1's command table, and a bad input
// gives one clear line in the Log and stops the macro.
List.setCommands;
names = newArray("Fit NERO Detector", "Score Images", "Explain Image", "Evaluate OOD Detection");
for (i = 0; i < names.length; i++) print("smoke: command [" + names[i] + "] -> " + List.get(names[i]));
run("Score Images", "detector=[/nonexistent/detector.json] input=[/nonexistent/images]");
print("smoke: NOT REACHED (the failed command should stop the macro)");
