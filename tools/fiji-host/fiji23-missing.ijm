// fiji-host-test, issue 23: a required key left out stops the macro (headless: no silent cancel, no stale rows).
run("Evaluate OOD Detection", "id_dir=[/nonexistent/id] ood_dir=[/nonexistent/ood] out_dir=[/nonexistent/out]");
print("fiji23-missing: NOT REACHED nResults=" + nResults);
