"""Council voting weights and populations: capabilities for the DEU member states.

DEU records no capability. ``council`` capabilities follow the voting rule of the
treaty in force for qualified-majority voting when a proposal was introduced:

* introduced up to 2003 — **pre-Nice** weighted votes of the EU-15 (Art. 148(2) EC
  as amended by the 1994 Act of Accession of Austria, Finland and Sweden, in force
  1 January 1995; Art. 205(2) EC after Amsterdam): 87 votes in all;
* introduced 2004–2014 — **Nice** weighted votes (Treaty of Nice, Protocol on the
  enlargement of the EU, Art. 3, as adapted by the 2003 Act of Accession, applied
  from 1 November 2004; Bulgaria and Romania by the 2005 Act of Accession, Croatia by
  the 2012 Act of Accession). The Treaty of Lisbon kept these weights until
  31 October 2014 (Protocol 36, Art. 3);
* introduced 2015 or later — **Lisbon** double majority (Art. 16(4) TEU, from
  1 November 2014): a state's weight is its population, Eurostat 1 January 2017 in
  millions rounded to one decimal (only relative sizes matter).

Sources (checked against these public texts; the tables below match them):

* pre-Nice: the European Convention's glossary, "Qualified majority"
  (european-convention.europa.eu/EN/glossary): DE FR IT UK 10, ES 8, BE EL NL PT 5,
  AT SE 4, DK IE FI 3, LU 2; 62 of 87 votes for a qualified majority;
* Nice: the EU-25 table of 321 votes (EU-ABC, "Voting in the Council",
  euabc.com/word/953, and DW, "Treaty of Nice", 7 December 2002, for the EU-15's
  new weights) and the EU-28 table of 352 votes valid until 31 October 2014
  (EU-ABC, same entry), which adds RO 14, BG 10 and HR 7;
* Lisbon: Eurostat's news release on the population at 1 January 2017 (10 July
  2017) gives the six largest as DE 82.8, FR 67.0, UK 65.8, IT 60.6, ES 46.5,
  PL 38.0 million (first estimate). The table uses Eurostat's later, revised
  series (demo_gind), in which Germany is 82.5 million; the smaller states'
  figures come from that series and were not re-checked against a second
  source. A 0.4% difference in one weight does not change any result in the
  validation report by more than rounding.

The introduction year is read from the DEU proposal id (``d00032`` → 2000,
``n99047`` → 1999, ``d170228`` → 2017: the two digits after the letter), because
the README warns that the ``intro`` column is unreliable. The Commission and the
Parliament get the weight of the largest member state of the same regime (the
same convention as the GDP row, which sets them equal to Germany).
"""

from __future__ import annotations

__all__ = ["COUNCIL_REGIMES", "council_regime", "proposal_year"]

PRE_NICE: dict[str, float] = {
    "de": 10, "fr": 10, "it": 10, "uk": 10, "es": 8, "be": 5, "el": 5, "nl": 5, "pt": 5,
    "at": 4, "se": 4, "dk": 3, "ie": 3, "fi": 3, "lu": 2,
}  # fmt: skip
NICE: dict[str, float] = {
    "de": 29, "fr": 29, "it": 29, "uk": 29, "es": 27, "pl": 27, "ro": 14, "nl": 13,
    "be": 12, "cz": 12, "el": 12, "hu": 12, "pt": 12, "at": 10, "bu": 10, "se": 10,
    "dk": 7, "ie": 7, "lt": 7, "sk": 7, "fi": 7, "cr": 7, "cy": 4, "ee": 4, "lv": 4,
    "lu": 4, "si": 4, "mt": 3,
}  # fmt: skip
LISBON: dict[str, float] = {
    "de": 82.5, "fr": 67.0, "uk": 65.8, "it": 60.6, "es": 46.5, "pl": 38.0, "ro": 19.6,
    "nl": 17.1, "be": 11.4, "el": 10.8, "cz": 10.6, "pt": 10.3, "se": 10.0, "hu": 9.8,
    "at": 8.8, "bu": 7.1, "dk": 5.7, "fi": 5.5, "sk": 5.4, "ie": 4.8, "cr": 4.2,
    "lt": 2.8, "si": 2.1, "lv": 2.0, "ee": 1.3, "cy": 0.9, "lu": 0.6, "mt": 0.5,
}  # fmt: skip

COUNCIL_REGIMES: dict[str, dict[str, float]] = {
    "pre-Nice": PRE_NICE,
    "Nice": NICE,
    "Lisbon": LISBON,
}
INSTITUTIONS = ("com", "ep")


def proposal_year(proposal_id: str) -> int:
    """The introduction year encoded in a DEU proposal id (two digits after the letter)."""
    digits = proposal_id[1:3]
    if len(proposal_id) < 4 or not digits.isdigit():
        raise ValueError(f"DEU proposal id {proposal_id!r} does not start with a letter and a year")
    yy = int(digits)
    return 1900 + yy if yy >= 50 else 2000 + yy


def council_regime(year: int) -> str:
    """The QMV rule in force for a proposal introduced in ``year``."""
    if year <= 2003:
        return "pre-Nice"
    if year <= 2014:
        return "Nice"
    return "Lisbon"


def council_weight(regime: str, actor: str) -> float | None:
    """The weight of ``actor`` (DEU code) under ``regime``; ``None`` if it has none."""
    table = COUNCIL_REGIMES[regime]
    if actor in INSTITUTIONS:
        return max(table.values())
    return table.get(actor)
