"""Each model's prediction with its interval, and the ZOPA per issue and for the package."""

from __future__ import annotations

from typing import Any

__all__ = ["models_view", "short_model"]


def short_model(name: str) -> str:
    """``zopa.compromise.v1`` → ``compromise``; other names unchanged."""
    parts = name.split(".")
    return parts[1] if len(parts) == 3 and parts[0] == "zopa" else name


def models_view(result: dict[str, Any]) -> dict[str, Any]:
    """The :func:`zopa.scenario.solve_scenario` result arranged for a page.

    Per issue: the positions (``binds`` says negotiator or ratifier), each
    model's point, interval and ZOPA verdict in the result's model order, the
    ZOPA at both levels (level 2 counts ratifiers' red lines) and who sets its
    bounds; the package verdict per model; the ratifiers; the formats.
    """
    names = [m["name"] for m in result["models"]]
    issues = []
    for issue in result["issues"]:
        issues.append(
            {
                **issue,
                "predictions": [
                    {"model": name, "short": short_model(name), **issue["predictions"][name]}
                    for name in names
                ],
                "ratifiers": [p["actor"] for p in issue["positions"] if p["binds"] == "ratifier"],
            }
        )
    package = result["package"]
    return {
        "seed": result["seed"],
        "draws": result["draws"],
        "interval": result["interval"],
        "placeholders": result["placeholders"],
        "models": [{**m, "short": short_model(m["name"])} for m in result["models"]],
        "issues": issues,
        "package": {
            **package,
            "models": [
                {"model": name, "short": short_model(name), **package["models"][name]}
                for name in names
            ],
        },
        "ratifiers": sorted({r for i in issues for r in i["ratifiers"]}),
        "formats": result["formats"],
    }
