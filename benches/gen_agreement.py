#!/usr/bin/env python3
"""Writes a large agreement for the load and speed benchmarks, the same on every run.

    python3 benches/gen_agreement.py PARTIES SCHEMES RISKS > big.ron

Each scheme has 8 members drawn in turn from the parties; risks are pooled, retained and by
influence in turn, with titles of ordinary length.
"""
import sys

parties, schemes, risks = (int(a) for a in sys.argv[1:4])
out = sys.stdout
out.write('(\n    format: 1,\n    name: "Generated: %d parties, %d schemes, %d risks",\n    parties: [\n'
          % (parties, schemes, risks))
kinds = ["Commissioner", "LocalAuthority", "AcuteProvider", "CommunityProvider", "Voluntary"]
for p in range(parties):
    out.write('        (id: "P%d", name: "Partner organisation %d", kind: %s, reserves: %d, '
              'activity: %d),\n' % (p, p, kinds[p % len(kinds)], 1000000 + p * 7919, 1000 + p))
out.write('    ],\n    schemes: [\n')
for s in range(schemes):
    members = sorted({(s * 3 + m * 7) % parties for m in range(8)})
    contrib = ", ".join('"P%d": %d' % (m, 250000 + ((s + m) * 104729) % 4000000) for m in members)
    out.write('        (id: "S%d", name: "Scheme %d", contributions: {%s},\n'
              '         overspend: (contingency: 50000, bands: [(basis: Contribution)]),\n'
              '         underspend: (reinvest: 25, bands: [(basis: Contribution)])),\n'
              % (s, s, contrib))
out.write('    ],\n    risks: [\n')
treatments = ["Pooled", "Retained", "ByInfluence"]
for r in range(risks):
    s = r % schemes
    owner = (s * 3) % parties
    t = treatments[r % 3]
    extra = ""
    if t == "ByInfluence":
        extra = ', influence: {"P%d": 60, "P%d": 40}' % (owner, (s * 3 + 7) % parties)
    out.write('        (id: "R%d", title: "Risk %d: demand for the scheme runs above plan in winter", '
              'owner: "P%d", scheme: "S%d", boundary: CommissionerProvider, likelihood: %d, '
              'impact: %d, cost: "%d.%02d", treatment: %s%s),\n'
              % (r, r, owner, s, 1 + r % 5, 1 + (r // 5) % 5, 10000 + (r * 7919) % 900000,
                 r % 100, t, extra))
out.write('    ],\n)\n')
