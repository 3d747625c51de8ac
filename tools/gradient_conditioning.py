#!/usr/bin/python3
"""Is a 25 % error in an ODIN input gradient rounding or a wrong kernel? (issue #13; Debian's python3-torch 1.13)

Prints, for the tiny test CNN's ODIN case (batch of 2, T = 1000, targets 1 and 3, the fixed sin inputs):
  1. float32 gradients from different kernels and memory layouts against the float64 gradient: what summation
     order alone can do;
  2. how far input noise of a given size moves the float64 gradient: where ReLU/max-pool decisions start to flip
     (float32 rounding of the forward pass is like noise of about 1e-7);
and, if ../shared/models/mobilenetv2-imagenet-nero.pt exists, the same float32-against-float64 comparison for it.

    /usr/bin/python3 tools/gradient_conditioning.py
"""
import os

import numpy as np
import torch
import torch.nn.functional as F

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TINY = os.path.join(ROOT, "src", "test", "resources", "model", "tiny-cnn.pt")
MOBILENET = os.path.join(ROOT, "..", "shared", "models", "mobilenetv2-imagenet-nero.pt")


def fixed_inputs(n, size):
    i = np.arange(3 * size * size, dtype=np.float64)
    rows = [np.sin(0.01 * i + k) * 2.0 for k in range(n)]
    return torch.from_numpy(np.stack(rows).astype(np.float32).reshape(n, 3, size, size))


def odin_gradient(model, x, targets, temperature=1000.0, mkldnn=True, channels_last=False):
    torch.backends.mkldnn.enabled = mkldnn
    try:
        xg = x.contiguous(memory_format=torch.channels_last) if channels_last else x.clone()
        xg.requires_grad_(True)
        loss = F.cross_entropy(model(xg) / temperature, torch.tensor(targets))
        return torch.autograd.grad(loss, xg)[0].double()
    finally:
        torch.backends.mkldnn.enabled = True


def compare(name, g, ref):
    worst = ((g - ref).abs().max() / ref.abs().max()).item()
    flips = (torch.sign(g) != torch.sign(ref)).sum().item()
    rel_sum = abs(g.abs().sum().item() - ref.abs().sum().item()) / ref.abs().sum().item()
    print(f"  {name:32s} max|g-g64|/max|g64| {worst:.1e}   |g| sum off by {rel_sum:.1e}   sign flips {flips}")


def float32_variants(path, x, targets):
    m32 = torch.jit.load(path).eval()
    m64 = torch.jit.load(path).eval().double()
    ref = odin_gradient(m64, x.double(), targets)
    print(f"  float64 |g| sum {ref.abs().sum().item():.7e}")
    compare("float32, oneDNN", odin_gradient(m32, x, targets), ref)
    compare("float32, ATen kernels", odin_gradient(m32, x, targets, mkldnn=False), ref)
    compare("float32, oneDNN, channels-last", odin_gradient(m32, x, targets, channels_last=True), ref)
    compare("float32, ATen, channels-last", odin_gradient(m32, x, targets, mkldnn=False, channels_last=True), ref)
    return m64, ref


def main():
    torch.set_num_threads(1)
    torch.manual_seed(0)
    x = fixed_inputs(2, 64)
    print("1. tiny CNN, ODIN case: float32 kernels against float64")
    m64, ref = float32_variants(TINY, x, [1, 3])
    print("2. tiny CNN, float64: input noise of size eps (10 draws each)")
    for eps in (1e-7, 1e-6, 1e-5, 1e-4):
        sums, worst = [], 0.0
        for _ in range(10):
            g = odin_gradient(m64, x.double() + eps * torch.randn(x.shape, dtype=torch.float64), [1, 3])
            sums.append(g.abs().sum().item())
            worst = max(worst, ((g - ref).abs().max() / ref.abs().max()).item())
        spread = (max(sums) - min(sums)) / ref.abs().sum().item()
        print(f"  eps {eps:.0e}: |g| sum spread {spread:.1e}   max|g-g64|/max|g64| {worst:.1e}")
    if os.path.exists(MOBILENET):
        print("3. MobileNetV2 224², one image, target 1, T = 1000: float32 kernels against float64")
        float32_variants(MOBILENET, fixed_inputs(1, 224), [1])


if __name__ == "__main__":
    main()
