#!/usr/bin/python3
"""The authors' pipeline style, for the throughput benchmark: torchvision ImageFolder + DataLoader (one worker),
Resize((224,224)) + ToTensor + Normalize, the same TorchScript file, features + head per batch.
Usage: authors_pipeline.py MODEL.pt IMAGE_FOLDER BATCH THREADS
  -> prints 'images N seconds S img/s R threads T user_ms U sys_ms Y': U and Y are CPU ms per image in user and kernel
     mode over the timed loop, this process and its DataLoader worker together (the worker is joined before the count)"""
import resource
import sys
import time

import torch
import torchvision.datasets as datasets
import torchvision.transforms as T

model_file, folder, batch, threads = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
if threads > 0:
    torch.set_num_threads(threads)
model = torch.jit.load(model_file).eval()
tf = T.Compose([T.Resize((224, 224)), T.ToTensor(),
                T.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
data = datasets.ImageFolder(folder, transform=tf)
with torch.inference_mode():
    model.features(torch.zeros(2, 3, 224, 224))  # warm-up
    before = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    start = time.perf_counter()
    n = 0
    batches = iter(torch.utils.data.DataLoader(data, batch_size=batch, num_workers=1, shuffle=False))
    for x, _ in batches:
        f = model.features(x)
        logits = model.fc(f)
        n += x.shape[0]
    seconds = time.perf_counter() - start
    del batches  # joins the worker, so RUSAGE_CHILDREN holds its CPU time
    after = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
user = sum(a.ru_utime - b.ru_utime for a, b in zip(after, before))
system = sum(a.ru_stime - b.ru_stime for a, b in zip(after, before))
print(f"images {n} seconds {seconds:.2f} img/s {n / seconds:.1f} threads {torch.get_num_threads()}"
      f" user_ms {1000 * user / n:.1f} sys_ms {1000 * system / n:.1f}")
