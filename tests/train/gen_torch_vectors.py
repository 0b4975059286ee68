#!/usr/bin/python3
"""Generates tests/train/torch_vectors.json: forward and backward of a fixed
small network in PyTorch (float64), the reference for torch_reference_test.cc.

Run with Debian's python3 and python3-torch (apt-get install python3-torch):
    /usr/bin/python3 tests/train/gen_torch_vectors.py > tests/train/torch_vectors.json

The network, in mote's spec (NHWC, TFLite 'same' padding, stride 1):
  conv2d 3x3 x4 (no bias) + batch norm (training statistics, eps 1e-3) + relu
  max_pool 2x2
  depthwise_conv2d 3x3, multiplier 2 + relu6
  avg_pool 2x2
  conv2d 1x1 x6 without bias
  flatten (NHWC order) + dense 5, softmax cross-entropy (mean over the batch)
Weights are written in mote's layouts (conv HWIO, depthwise [kh][kw][c*m],
dense [in][out]); so are the expected gradients. One AdamW step and one SGD
(momentum, first step) on those gradients are recorded too.
"""
import json
import torch
import torch.nn.functional as F

torch.manual_seed(6)
D = torch.float64
N, H, W, C = 4, 8, 8, 2

x_nhwc = torch.rand(N, H, W, C, dtype=D) * 2 - 1
labels = torch.tensor([0, 3, 1, 4])
p = {
    'conv/kernel_oihw': torch.randn(4, C, 3, 3, dtype=D) * 0.4,
    'bn/gamma': 1 + torch.randn(4, dtype=D) * 0.2,
    'bn/beta': torch.randn(4, dtype=D) * 0.1,
    'dw/kernel_oihw': torch.randn(8, 1, 3, 3, dtype=D) * 0.5,
    'dw/bias': torch.randn(8, dtype=D) * 0.1,
    'pw/kernel_oihw': torch.randn(6, 8, 1, 1, dtype=D) * 0.4,
    'dense/kernel_oi': torch.randn(5, 2 * 2 * 6, dtype=D) * 0.3,
    'dense/bias': torch.randn(5, dtype=D) * 0.1,
}
# Inputs and weights exactly representable in float32 (mote's type), so the
# float64 reference starts from the very values mote reads.
x_nhwc = x_nhwc.float().double()
for k in p:
    p[k] = p[k].float().double().requires_grad_(True)
x = x_nhwc.permute(0, 3, 1, 2).contiguous().requires_grad_(True)  # NCHW

y = F.conv2d(x, p['conv/kernel_oihw'], padding=1)  # no bias before batch norm
y = F.batch_norm(y, None, None, p['bn/gamma'], p['bn/beta'], training=True, eps=1e-3)
y = F.relu(y)
y = F.max_pool2d(y, 2)
y = F.conv2d(y, p['dw/kernel_oihw'], p['dw/bias'], padding=1, groups=4)
y = torch.clamp(y, 0.0, 6.0)  # relu6 (hardtanh's gradient: 0 < x < 6)
y = F.avg_pool2d(y, 2)
y = F.conv2d(y, p['pw/kernel_oihw'])
y = y.permute(0, 2, 3, 1).reshape(N, -1)  # NHWC flatten, as mote and TFLite
logits = F.linear(y, p['dense/kernel_oi'], p['dense/bias'])
loss = F.cross_entropy(logits, labels)
loss.backward()


def to_mote(name, t):
    """A torch parameter (or its gradient) in mote's layout, flattened."""
    if name.startswith('conv/kernel') or name.startswith('pw/kernel'):
        t = t.permute(2, 3, 1, 0)  # OIHW -> HWIO
    elif name.startswith('dw/kernel'):
        t = t.permute(2, 3, 0, 1)  # [c*m,1,kh,kw] -> [kh,kw,c*m,1]
    elif name.startswith('dense/kernel'):
        t = t.t()  # [out,in] -> [in,out]
    return [float(v) for v in t.detach().reshape(-1)]


MOTE_NAMES = {
    'conv/kernel_oihw': 'conv/kernel',
    'bn/gamma': 'conv/bn/gamma', 'bn/beta': 'conv/bn/beta',
    'dw/kernel_oihw': 'dw/kernel', 'dw/bias': 'dw/bias',
    'pw/kernel_oihw': 'pw/kernel',
    'dense/kernel_oi': 'dense/kernel', 'dense/bias': 'dense/bias',
}

# One optimiser step from the same start, on these gradients (weight decay
# only on kernels, as mote applies it).
def step(kind):
    out = {}
    params = [(k, v.detach().clone().requires_grad_(True)) for k, v in p.items()]
    decay = [t for k, t in params if 'kernel' in k]
    rest = [t for k, t in params if 'kernel' not in k]
    for (k, t), (_, orig) in zip(params, p.items()):
        t.grad = orig.grad.clone()
    groups = [{'params': decay, 'weight_decay': 0.01}, {'params': rest, 'weight_decay': 0.0}]
    if kind == 'adamw':
        opt = torch.optim.AdamW(groups, lr=0.01, betas=(0.9, 0.999), eps=1e-8)
    else:
        opt = torch.optim.SGD(groups, lr=0.05, momentum=0.9)
    opt.step()
    for k, t in params:
        out[MOTE_NAMES[k]] = to_mote(k, t)
    return out


vectors = {
    'generator': 'tests/train/gen_torch_vectors.py, PyTorch ' + torch.__version__ + ', float64',
    'spec': {
        'input': [H, W, C],
        'layers': [
            {'type': 'conv2d', 'name': 'conv', 'filters': 4, 'kernel': 3, 'bias': False},
            {'type': 'batch_norm', 'name': 'conv/bn', 'epsilon': 1e-3},
            {'type': 'relu', 'name': 'relu1'},
            {'type': 'max_pool', 'name': 'pool1', 'size': 2},
            {'type': 'depthwise_conv2d', 'name': 'dw', 'kernel': 3, 'multiplier': 2},
            {'type': 'relu6', 'name': 'relu6'},
            {'type': 'avg_pool', 'name': 'pool2', 'size': 2},
            {'type': 'conv2d', 'name': 'pw', 'filters': 6, 'kernel': 1, 'bias': False},
            {'type': 'flatten', 'name': 'flatten'},
            {'type': 'dense', 'name': 'dense', 'units': 5},
        ],
    },
    'batch': N,
    'input': [float(v) for v in x_nhwc.reshape(-1)],
    'labels': [int(v) for v in labels],
    'params': {MOTE_NAMES[k]: to_mote(k, v) for k, v in p.items()},
    'logits': [float(v) for v in logits.detach().reshape(-1)],
    'loss': float(loss),
    'grads': {MOTE_NAMES[k]: to_mote(k, v.grad) for k, v in p.items()},
    'input_grad': [float(v) for v in x.grad.permute(0, 2, 3, 1).reshape(-1)],
    'adamw': {'learning_rate': 0.01, 'weight_decay': 0.01, 'params': step('adamw')},
    'sgd': {'learning_rate': 0.05, 'momentum': 0.9, 'weight_decay': 0.01, 'params': step('sgd')},
}
print(json.dumps(vectors, indent=None, separators=(',', ':')))
