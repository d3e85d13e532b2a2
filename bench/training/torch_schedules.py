"""Reference learning-rate sequences from PyTorch's schedulers, for test/train/schedules.test.ts.

torch is a bench-only dependency (bench/requirements.txt), so the sequences are made here, in the
bench venv, and the small JSON is committed next to the test:
    .venv-bench/bin/python bench/training/torch_schedules.py
"""
import json
from pathlib import Path

import torch

OUT = Path(__file__).resolve().parents[2] / "test" / "train" / "torch-schedules.json"


def run(make_sched, steps, opt_kind="sgd", lr=0.1):
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=lr, momentum=0.9) if opt_kind == "sgd" else torch.optim.AdamW([p], lr=lr)
    sched = make_sched(opt)
    lrs, mom = [], []
    for _ in range(steps):
        g = opt.param_groups[0]
        lrs.append(g["lr"])
        mom.append(g["momentum"] if "momentum" in g else g["betas"][0])
        opt.step()
        sched.step()
    return {"lr": lrs, "momentum": mom}


cases = {
    "cosine": {"args": {"lr": 0.1, "totalSteps": 50, "minLr": 0.001},
               "torch": run(lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=50, eta_min=0.001), 50)},
    "oneCycle": {"args": {"maxLr": 0.1, "totalSteps": 100},
                 "torch": run(lambda o: torch.optim.lr_scheduler.OneCycleLR(o, max_lr=0.1, total_steps=100), 100)},
    "oneCycleAdamW": {"args": {"maxLr": 0.01, "totalSteps": 37, "pctStart": 0.25},
                      "torch": run(lambda o: torch.optim.lr_scheduler.OneCycleLR(o, max_lr=0.01, total_steps=37, pct_start=0.25), 37, "adamw", 0.01)},
    "oneCycleLinear": {"args": {"maxLr": 0.05, "totalSteps": 60, "anneal": "linear"},
                       "torch": run(lambda o: torch.optim.lr_scheduler.OneCycleLR(o, max_lr=0.05, total_steps=60, anneal_strategy="linear"), 60)},
    "step": {"args": {"lr": 0.1, "stepSize": 7, "gamma": 0.5},
             "torch": run(lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=7, gamma=0.5), 30)},
    "exponential": {"args": {"lr": 0.1, "gamma": 0.95},
                    "torch": run(lambda o: torch.optim.lr_scheduler.ExponentialLR(o, gamma=0.95), 30)},
}
OUT.write_text(json.dumps({"torch": torch.__version__, "cases": cases}, indent=0))
print(f"torch {torch.__version__}: wrote {OUT}")
