"""PyTorch peer for bench model (c), same protocol as ../../../shared/bench/torch_peer.py
(batch 512, Adam, random 28x28x1 inputs, 4096 samples per epoch, mean of 2 timed epochs).
Usage: /usr/bin/python3 bench/engine/torch_peer_c.py [threads]"""
import sys, time, torch, torch.nn as nn
threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
torch.set_num_threads(threads)
def m3():
    return nn.Sequential(nn.Conv2d(1, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(64, 128, 3, stride=2, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(128, 64, 3, stride=2, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                         nn.Linear(64, 128), nn.ReLU(), nn.Dropout(0.25), nn.Linear(128, 256), nn.ReLU(),
                         nn.Dropout(0.25), nn.Linear(256, 256), nn.ReLU(), nn.Dropout(0.25),
                         nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
n, bs = 4096, 512
x = torch.rand(n, 1, 28, 28); y = torch.randint(0, 10, (n,))
for name, build in (("m3", m3),):
    model = build(); opt = torch.optim.Adam(model.parameters()); lossf = nn.CrossEntropyLoss()
    def epoch():
        for i in range(0, n, bs):
            opt.zero_grad(); loss = lossf(model(x[i:i+bs]), y[i:i+bs]); loss.backward(); opt.step()
    epoch()
    t = time.time(); epoch(); epoch(); d = (time.time() - t) / 2
    print(f"torch threads={threads} {name} {n/d:.0f} samples/s => {48000/(n/d):.1f} s per 48k-epoch")
