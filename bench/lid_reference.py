"""PyTorch reference for bench/train-lid.ts: Kielo's default LID model (src/models/lid) in PyTorch, on --threads
threads (torch.set_num_threads; default 1).

Same architecture and shapes: learned filterbank as a quadrature pair of 400-tap filters over 25 ms / 10 ms frames
(either a matmul over framed audio, as Kielo computes it, or conv1d over raw audio, PyTorch's fastest form), log
pair energy with Kielo's default floor 1e-10, per-utterance mean normalisation (Kielo's UtteranceNorm default:
centring only), TDNN layers (96 channels x 3, kernel 3, dilations 1 2 3, ReLU) as conv1d, mean+std pooling,
dropout 0.1, ReLU embedding of 64, dropout, linear logits, cross-entropy, Adam: 111781 parameters, as in Kielo.
Prints one JSON line per variant: {"variant", "clipsPerSecond" (wall clock), "clipsPerCpuSecond" (process CPU
time of all threads: steadier where other jobs share the cores), "threads", "torch", "parameters"}.
"""
import argparse
import json
import time

import torch
import torch.nn as nn


class Lid(nn.Module):
    def __init__(self, raw_conv, filters=40, channels=(96, 96, 96), dilations=(1, 2, 3), embedding=64, labels=5, dropout=0.1, log_floor=1e-10):
        super().__init__()
        self.raw_conv = raw_conv
        if raw_conv:
            self.fb = nn.Conv1d(1, 2 * filters, 400, stride=160, bias=False)
        else:
            self.fb = nn.Linear(400, 2 * filters, bias=False)
        self.filters = filters
        self.log_floor = log_floor
        layers = []
        c_in = filters
        for c, d in zip(channels, dilations):
            layers += [nn.Conv1d(c_in, c, 3, dilation=d), nn.ReLU()]
            c_in = c
        self.tdnn = nn.Sequential(*layers)
        self.drop = nn.Dropout(dropout)
        self.embedding = nn.Linear(2 * c_in, embedding)
        self.logits = nn.Linear(embedding, labels)

    def forward(self, x):
        if self.raw_conv:  # x: [batch, samples]
            y = self.fb(x.unsqueeze(1)).transpose(1, 2)  # [batch, frames, 2F]
        else:  # x: [batch, frames, 400]
            y = self.fb(x)
        y = y * y
        e = torch.log(y[..., : self.filters] + y[..., self.filters :] + self.log_floor)  # [batch, frames, F]
        e = e - e.mean(1, keepdim=True)
        h = self.tdnn(e.transpose(1, 2))  # [batch, C, frames']
        pooled = torch.cat([h.mean(2), torch.sqrt(h.var(2, unbiased=False) + 1e-5)], 1)
        z = self.drop(torch.relu(self.embedding(self.drop(pooled))))
        return self.logits(z)


def bench(raw_conv, batch, seconds, steps, warmup):
    torch.manual_seed(0)
    model = Lid(raw_conv)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    samples = int(seconds * 16000)
    frames = 1 + (samples - 400) // 160
    if raw_conv:
        x = torch.randn(batch, samples) * 0.1
    else:
        x = torch.randn(batch, frames, 400) * 0.1
    y = torch.randint(0, 5, (batch,))
    loss_fn = nn.CrossEntropyLoss()

    def step():
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()

    for _ in range(warmup):
        step()
    best = float("inf")
    best_cpu = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        start_cpu = time.process_time()
        for _ in range(steps):
            step()
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - start_cpu)
    return batch * steps / best, batch * steps / best_cpu, sum(p.numel() for p in model.parameters())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=0.5)
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    for raw_conv, variant in ((False, "framed-matmul"), (True, "conv1d-raw")):
        rate, cpu_rate, parameters = bench(raw_conv, args.batch, args.seconds, args.steps, args.warmup)
        print(json.dumps({"variant": variant, "clipsPerSecond": rate, "clipsPerCpuSecond": cpu_rate, "threads": torch.get_num_threads(), "torch": torch.__version__, "parameters": parameters}), flush=True)


if __name__ == "__main__":
    main()
