"""Word lists that tell what a capitalised name is: role nouns, organisations' head nouns.

Shared by the rules of :mod:`._name_forms`, :mod:`._name_kinds` and :mod:`._place_names`.
"""

from __future__ import annotations

__all__ = [
    "BODY_HEADS",
    "COMPANY_HEADS",
    "GROUP_HEADS",
    "HONORIFICS",
    "LEADING",
    "NAME_LINKS",
    "PERSON_ROLES",
]

LEADING = {"the", "The", "a", "A", "an", "An"}
# Nouns that make a name they describe a person's ("Marta Quillfeather, an analyst").
PERSON_ROLES = {
    "analyst", "professor", "researcher", "fellow", "director", "economist", "expert",
    "spokesman", "spokeswoman", "spokesperson", "minister", "president", "official",
    "diplomat", "envoy", "negotiator", "adviser", "advisor", "aide", "ambassador", "chief",
    "leader", "general", "commander", "lawmaker", "senator", "secretary", "scholar", "author",
    "journalist", "correspondent", "head", "chairman", "chairwoman", "premier", "mediator",
    "representative", "governor", "mayor", "speaker", "chancellor", "chairperson",
    "commissioner", "undersecretary", "columnist", "scientist", "candidate",
    "facilitator",
    "runner",  # "X, the front-runner"
}  # fmt: skip
# Head nouns of organisation names the small NER misses ("Sudanese Armed Forces",
# "Mayo Emergency Room"): armed and political groups, and other bodies.
GROUP_HEADS = {
    "Forces", "Force", "Army", "Front", "Movement", "Party", "Alliance", "Coalition",
    "Brigade", "Brigades", "Guard", "Guards", "Militia", "Militias", "Battalion", "Corps",
}  # fmt: skip
BODY_HEADS = {
    "Council", "Committee", "Committees", "Union", "Room", "Rooms", "Network", "Authority",
    "Mission", "Commission", "Agency", "Institute", "Centre", "Center", "Foundation",
    "Platform", "Association", "Federation", "Service", "Forum", "Lab", "Institut", "Instituto",
    "Observatory",
}  # fmt: skip
# Small words joining a body's head noun to the rest of its name ("Centre for Strategic
# Studies", "Coalition for Change", "Institut ... pour l'Économie").
NAME_LINKS = {"for", "of", "on", "pour", "de", "du", "des", "für"}
# Last words of company and consultancy names ("Kestrel Terminals", "Sahel Capital Advisory",
# "Zambezi Risk", "Harbour Holdings Ltd"): no person's name ends in one, and the words before
# it are the company's short name ("Kestrel").
COMPANY_HEADS = {
    "Terminals", "Ports", "Holdings", "Group", "Capital", "Advisory", "Advisors", "Advisers",
    "Partners", "Associates", "Consulting", "Consultants", "Resources", "Mining", "Minerals",
    "Metals", "Energy", "Petroleum", "Oil", "Gas", "Power", "Airlines", "Airways", "Shipping",
    "Logistics", "Investments", "Industries", "Technologies", "Telecom", "Motors", "Risk",
    "Risks", "Analytics", "Insight", "Insights", "Intelligence", "Strategies", "Securities",
    "Ltd", "Ltd.", "Inc", "Inc.", "Corp", "Corp.", "Corporation", "Company", "PLC", "plc",
    "LLC", "GmbH", "AG", "Limited", "Enterprises", "Ventures", "Construction", "Engineering",
}  # fmt: skip
# Forms of address before a person's name, never part of it ("Dr Miriam Kauona" is Miriam
# Kauona, whom a later article may call "Ms Kauona"); compared in lower case, without a dot.
HONORIFICS = {
    "dr", "mr", "mrs", "ms", "mx", "sir", "dame", "lord", "lady", "prof", "professor",
    "sheikh", "sheik", "mullah", "imam", "ayatollah", "rev", "reverend", "hon",
}  # fmt: skip
