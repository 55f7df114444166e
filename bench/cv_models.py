"""Cross-validated MAE of the tuned compromise model against the compromise model.

Not a test: `.venv/bin/python bench/cv_models.py [DEU_FILE] [--folds K] [--seed S]`.
Folds are whole proposals (never single issues); the tuned model's shrinkage and
salience exponent are fitted on the training folds only. Prints, per capability
rule, the out-of-fold MAE of both models and the paired bootstrap 95% interval of
their difference (proposals resampled).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from zopa.models import cross_validate, load_deu

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "deu" / "deu_dev.tsv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(f"{args.path}: {args.folds}-fold CV by proposal, seed {args.seed}")
    for rule in ("council", "equal", "gdp"):
        report = cross_validate(
            load_deu(args.path, capability=rule), folds=args.folds, rng=args.seed
        )
        low, high = report["ci95"]
        chosen = ", ".join(f"({f['shrink']:g}, {f['salience_power']:g})" for f in report["folds"])
        print(
            f"  {rule:8s} {report['issues_scored']} issues / {report['proposals']} proposals: "
            f"tuned {report['tuned']:.2f}  compromise {report['compromise']:.2f}  "
            f"diff {report['mae_diff']:+.2f} [{low:+.2f}, {high:+.2f}]  (λ, β) by fold: {chosen}"
        )


if __name__ == "__main__":
    main()
