// fiji-host-test GUI run: a macro line without its detector while a NERO dialog remembers one — one NERO dialog
// naming the missing key, the macro stopped; the remembered detector is never used by a macro.
run("Score Images", "input=[" + getArgument() + "]");
print("gui-keys: NOT REACHED");
