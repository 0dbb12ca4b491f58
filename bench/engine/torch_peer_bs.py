"""PyTorch peer for bench models (a), (b), (c) at any batch size: same models and protocol as
../../../shared/bench/torch_peer.py (m1, m2) and torch_peer_c.py (m3): Adam, random 28x28x1
inputs, 4096 samples per epoch, one warm-up epoch, mean of 2 timed epochs. The shared script
has no batch-size argument, hence this one.
Usage: /usr/bin/python3 bench/engine/torch_peer_bs.py [threads] [batch] [models, e.g. m1,m2,m3]"""
import sys, time, torch, torch.nn as nn
threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
bs = int(sys.argv[2]) if len(sys.argv) > 2 else 512
names = (sys.argv[3] if len(sys.argv) > 3 else "m1,m2,m3").split(",")
torch.set_num_threads(threads)
def m1():
    return nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                         nn.Linear(13 * 13 * 32, 128), nn.ReLU(), nn.Linear(128, 10))
def m2():
    return nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(32, 64, 3, stride=2, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                         nn.Linear(3 * 3 * 64, 128), nn.ReLU(), nn.Dropout(0.25), nn.Linear(128, 256), nn.ReLU(),
                         nn.Dropout(0.25), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
def m3():
    return nn.Sequential(nn.Conv2d(1, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(64, 128, 3, stride=2, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(128, 64, 3, stride=2, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                         nn.Linear(64, 128), nn.ReLU(), nn.Dropout(0.25), nn.Linear(128, 256), nn.ReLU(),
                         nn.Dropout(0.25), nn.Linear(256, 256), nn.ReLU(), nn.Dropout(0.25),
                         nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
builders = {"m1": m1, "m2": m2, "m3": m3}
n = 4096
x = torch.rand(n, 1, 28, 28); y = torch.randint(0, 10, (n,))
for name in names:
    model = builders[name](); opt = torch.optim.Adam(model.parameters()); lossf = nn.CrossEntropyLoss()
    def epoch():
        for i in range(0, n, bs):
            opt.zero_grad(); loss = lossf(model(x[i:i+bs]), y[i:i+bs]); loss.backward(); opt.step()
    epoch()
    t = time.time(); epoch(); epoch(); d = (time.time() - t) / 2
    print(f"torch threads={threads} batch={bs} {name} {n/d:.0f} samples/s => {48000/(n/d):.1f} s per 48k-epoch")
