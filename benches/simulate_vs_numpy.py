"""The Monte Carlo an analyst would write in numpy, beside `riskshare simulate`.

    python3 benches/simulate_vs_numpy.py generate OUT.ron   # write the agreement
    python3 benches/simulate_vs_numpy.py run TRIALS         # time the numpy simulation

Both build the same agreement from the same fixed figures: 12 parties, one scheme with a
contingency, shared pro rata to contributions with caps on some parties and the excess
redistributed pro rata over the rest, and 200 pooled risks with fixed costs, each happening
with its likelihood's default probability. `run` prints the seconds the simulation took (the
draws, the sharing and the statistics; not Python's start or numpy's import) and each party's
mean total.
"""

import sys
import time

PARTIES = 12
RISKS = 200
CONTINGENCY = 1_500_000
PROBABILITY = {1: 0.05, 2: 0.20, 3: 0.40, 4: 0.65, 5: 0.90}


def agreement():
    """The fixed figures: contributions, caps (percent of contribution), risks."""
    contributions = [1_000_000 * (2 + (7 * i) % 11) for i in range(PARTIES)]
    caps = {i: 2 + i % 4 for i in range(PARTIES) if i % 3 == 1}  # 4 parties capped, 2-5%
    risks = []
    for r in range(RISKS):
        likelihood = 1 + (r * 7) % 5
        # pounds and pence: 5,000.00 to about 105,000.00
        cost_pence = 500_000 + (r * 7919 * 1013) % 10_000_000
        risks.append((likelihood, cost_pence))
    return contributions, caps, risks


def ron(path):
    contributions, caps, risks = agreement()
    out = ["(", "    format: 1,", '    name: "Benchmark pool, 12 partners, 200 risks",',
           "    parties: ["]
    for i in range(PARTIES):
        out.append(f'        (id: "P{i + 1:02}", name: "Partner {i + 1}", kind: Commissioner),')
    out.append("    ],")
    out.append("    schemes: [(")
    out.append('        id: "POOL", name: "The pool",')
    body = ", ".join(f'"P{i + 1:02}": {c}' for i, c in enumerate(contributions))
    out.append(f"        contributions: {{{body}}},")
    cap_text = ", ".join(f'"P{i + 1:02}": Percent({p})' for i, p in caps.items())
    out.append(f"        overspend: (contingency: {CONTINGENCY}, caps: {{{cap_text}}}),")
    out.append("    )],")
    out.append("    risks: [")
    for r, (likelihood, cost) in enumerate(risks):
        out.append(
            f'        (id: "R{r + 1:03}", title: "Risk {r + 1}", owner: "P{r % PARTIES + 1:02}", '
            f'scheme: "POOL", boundary: CommissionerProvider, likelihood: {likelihood}, '
            f'impact: 3, cost: "{cost // 100}.{cost % 100:02}", treatment: Pooled),'
        )
    out.append("    ],")
    out.append(")")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def run(trials):
    import numpy as np

    contributions, caps, risks = agreement()
    started = time.perf_counter()
    rng = np.random.default_rng(0)
    p = np.array([PROBABILITY[l] for l, _ in risks])
    cost = np.array([c for _, c in risks], dtype=np.float64) / 100.0
    contrib = np.array(contributions, dtype=np.float64)
    cap = np.array([contrib[i] * caps[i] / 100.0 if i in caps else np.inf
                    for i in range(PARTIES)])
    weight = contrib / contrib.sum()

    happens = rng.random((trials, RISKS)) < p
    variance = happens @ cost
    to_share = np.maximum(variance - CONTINGENCY, 0.0)
    shares = to_share[:, None] * weight[None, :]
    unallocated = np.zeros(trials)
    for _ in range(PARTIES + 1):
        excess = np.clip(shares - cap, 0.0, None).sum(axis=1)
        if not excess.any():
            break
        shares = np.minimum(shares, cap)
        under = shares < cap
        w = under * weight
        total = w.sum(axis=1)
        none = total == 0
        unallocated += np.where(none, excess, 0.0)
        w = np.divide(w, total[:, None], out=np.zeros_like(w), where=~none[:, None])
        shares += excess[:, None] * w
    shares = np.round(shares, 2)

    mean = shares.mean(axis=0)
    pct = np.percentile(shares, [5, 50, 80, 95], axis=0, method="inverted_cdf")
    worst = shares.max(axis=0)
    best = shares.min(axis=0)
    tolerance = np.round(contrib * 0.025, 2)  # Cautious: 2.5% of contributions
    breach = (shares > tolerance).mean(axis=0)
    elapsed = time.perf_counter() - started
    print(f"{elapsed:.4f}")
    for i in range(PARTIES):
        print(f"P{i + 1:02} mean {mean[i]:.2f} p50 {pct[1][i]:.2f} p95 {pct[3][i]:.2f} "
              f"breach {breach[i]:.4f} worst {worst[i]:.2f} best {best[i]:.2f}")


if __name__ == "__main__":
    if sys.argv[1] == "generate":
        ron(sys.argv[2])
    else:
        run(int(sys.argv[2]))
