"""The NERO model contract in TorchScript, shared by every tool that writes a model for the plugin.

A model in the contract exports, besides forward(x) -> logits:
  features(x)     -> N x D, the input of the final Linear `fc`
  feature_map(x)  -> N x D x h x w whose spatial mean is features(x)    (CNNs whose head is GAP + Linear)
  forward_all(x)  -> (logits, features, feature_map) in one pass        (the same models)
The plugin reads the final layer's weight and bias by parameter name (fc.*), so wrappers keep `fc` at the top.
"""
from typing import Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F


class PooledCnnContract(nn.Module):
    """A CNN whose head is global average pooling + the Linear `fc`: a subclass gives feature_map(x) and `fc`;
    features, forward_all and forward follow from them here, once for every tool."""

    @torch.jit.export
    def feature_map(self, x: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError("a subclass computes the last feature map")

    @torch.jit.export
    def features(self, x: torch.Tensor) -> torch.Tensor:
        return torch.flatten(F.adaptive_avg_pool2d(self.feature_map(x), 1), 1)

    @torch.jit.export
    def forward_all(self, x: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        fm = self.feature_map(x)
        f = torch.flatten(F.adaptive_avg_pool2d(fm, 1), 1)
        return self.fc(f), f, fm

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(self.features(x))


class PooledCnnForNero(PooledCnnContract):
    """`body` computes the last feature map (e.g. DenseNet's features + final ReLU, EfficientNet's, MobileNetV2's,
    or a small CNN's conv stack); `fc` is the final Linear. Dropout before the Linear is the identity in eval mode,
    so it is dropped."""

    def __init__(self, body: nn.Module, fc: nn.Linear):
        super().__init__()
        self.body = body
        self.fc = fc

    @torch.jit.export
    def feature_map(self, x: torch.Tensor) -> torch.Tensor:
        return self.body(x)


class ResNetForNero(PooledCnnContract):
    """torchvision ResNet/ResNeXt; keeps torchvision's parameter names (conv1.*, layer1.*, …, fc.*)."""

    def __init__(self, m: nn.Module):
        super().__init__()
        self.conv1, self.bn1, self.relu, self.maxpool = m.conv1, m.bn1, m.relu, m.maxpool
        self.layer1, self.layer2, self.layer3, self.layer4 = m.layer1, m.layer2, m.layer3, m.layer4
        self.fc = m.fc

    @torch.jit.export
    def feature_map(self, x: torch.Tensor) -> torch.Tensor:
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        return self.layer4(self.layer3(self.layer2(self.layer1(x))))
