"""The simulated areas of the service mirror: the country, three gemeenten with their wijken
and buurten, for every indeling (boundary year) 2013-2026, with their geometry.

SIMULATED TEST DATA. Codes follow the real CBS patterns (GM0344, WK034401, BU03440111; Amsterdam
with letters from 2023 on) and names are made up or generic; populations are drawn from a fixed
seed. The areas hold the traps of the real data: Amsterdam letter codes (from 2023; digits
before), a buurt BU03630344 whose code contains '0344', a buurt with a boundary change in one
year, tiny buurten (a bedrijventerrein, a sportpark) and, in the 2025 indeling of Zoetermeer
(GM0637), a buurt code re-used for a different area and a buurt split in two.

Geometry: each gemeente is a rectangle in RD New (EPSG:28992, metres); its wijken are vertical
strips and each wijk's buurten horizontal slices of its strip, so buurten tile their wijk and
wijken their gemeente exactly.
"""

import hashlib
import random
from dataclasses import dataclass, field


def rng(*parts):
    """A random generator seeded from `parts` (stable across runs and Python versions)."""
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


@dataclass
class Area:
    """One region in one indeling."""

    code: str  # unpadded: NL00, GM0344, WK034401, BU03440111
    name: str
    level: str  # land, gemeente, wijk, buurt
    gemeente: str = ""  # GM code of its gemeente ('' for NL00)
    gemeente_name: str = ""
    wijk: str = ""  # WK code of its wijk (buurten)
    wijk_name: str = ""
    population: int = 0  # unrounded inhabitants in the year of the indeling
    indeling: str = "1"  # IndelingswijzigingGemeenteWijkBuurt: 1 same, 2 new code, 3 new boundary
    box: tuple = ()  # (x0, y0, x1, y1) in RD New metres
    water_box: tuple = ()  # part of `box` that is water (a separate PDOK feature), or ()
    children: list = field(default_factory=list)


# The base layout (the indeling of 2013-2024 except where a year changes it): per gemeente its
# RD origin, size and wijken; per wijk its code suffix, name and buurten (suffix, name, base
# population in 2013). Amsterdam's letter codes are mapped to digits before 2023 (AMS_DIGITS).
GEMEENTEN = [
    ("GM0344", "Utrecht", (128000, 452000, 140000, 460000), [
        ("01", "West", [("11", "Welgelegen"), ("12", "Oog in Al"), ("13", "Halve Maan"),
                        ("14", "Lombok"), ("21", "Nieuw Engeland"), ("22", "Schepenbuurt"),
                        ("23", "Damstraat"), ("24", "Majella")]),
        ("02", "Noordwest", [("11", "Pijlsweerd"), ("12", "Ondiep"), ("13", "Zuilen-Oost"),
                             ("14", "Elinkwijk"), ("21", "Prins Bernhardplein"),
                             ("22", "Tuinwijk"), ("23", "Mariëndaal")]),
        ("03", "Oost", [("11", "Wittevrouwen"), ("12", "Buiten Wittevrouwen"),
                        ("13", "Votulast"), ("21", "Abstede"), ("22", "Oudwijk"),
                        ("23", "Galgenwaard"), ("31", "Bedrijventerrein Lageweide")]),
        ("04", "Binnenstad", [("11", "Domplein"), ("12", "Neude"), ("13", "Lange Nieuwstraat"),
                              ("14", "Nieuwegracht-Oost"), ("21", "Springweg"),
                              ("22", "Lange Elisabethstraat")]),
    ]),
    ("GM0363", "Amsterdam", (118000, 484000, 126000, 490000), [
        ("AD", "Burgwallen", [("01", "Kop Zeedijk"), ("02", "Oude Kerk e.o."),
                              ("03", "Burgwallen Oost"), ("04", "Nes e.o."),
                              ("05", "Spuistraat Noord"), ("06", "Nieuwe Kerk e.o."),
                              ("07", "Begijnhofbuurt")]),
        ("AF", "Haarlemmerbuurt", [("01", "Planciusbuurt"), ("02", "Westelijke Eilanden"),
                                   ("03", "Haarlemmerbuurt West"), ("04", "Haarlemmerbuurt Oost"),
                                   ("05", "Zoutkeetsbuurt"), ("06", "Bickerseiland"),
                                   ("07", "IJ-oevers")]),
        ("03", "Jordaan", [("41", "Jordaan Noord"), ("42", "Jordaan Midden"),
                           ("43", "Jordaan Zuid"), ("44", "Elandsgracht e.o."),
                           ("45", "Lindengracht"), ("46", "Westerstraat")]),
        ("AK", "Grachtengordel", [("01", "Grachtengordel West"), ("02", "Leidsebuurt"),
                                  ("03", "Gouden Bocht"), ("04", "Amstelveld"),
                                  ("05", "Rembrandtpark Noord"), ("06", "Weteringschans"),
                                  ("07", "Plantage")]),
    ]),
    ("GM0637", "Zoetermeer", (90000, 450000, 98000, 456000), [
        ("01", "Centrum", [("01", "Dorp"), ("02", "Palenstein"), ("03", "Stadshart"),
                           ("04", "Driemanspolder"), ("05", "Buytenpark"),
                           ("06", "Seghwaert"), ("07", "Noordhove")]),
        ("02", "Meerzicht", [("01", "Meerzicht-Oost"), ("02", "Meerzicht-West"),
                             ("03", "Rokkeveen-Oost"), ("04", "Rokkeveen-West"),
                             ("05", "Oosterheem-Noord"), ("06", "Oosterheem-Zuid")]),
        ("03", "Noord", [("01", "Buytenwegh"), ("02", "De Leyens"), ("03", "Meerzicht-Noord"),
                         ("04", "Dorp-Noord"), ("05", "Rokkeveen-Noord"), ("06", "Sportpark")]),
        ("04", "Zuid", [("01", "Oosterheem-Oost"), ("02", "Oosterheem-West"),
                        ("03", "Buytenwegh-Zuid"), ("04", "Seghwaert-Zuid"),
                        ("05", "Noordhove-Zuid"), ("06", "Driemanspolder-Zuid")]),
    ]),
]

# Amsterdam's wijk letters and the digits they had before the 2023 indeling.
AMS_DIGITS = {"AD": "01", "AF": "02", "AK": "04"}
# Tiny buurten (inhabitants in 2013): most of their figures are suppressed.
TINY = {"BU03440331": 15, "BU06370306": 40}
# The buurt whose boundary changed in one year only.
BOUNDARY_CHANGE = ("BU03440112", 2019)
# Buurten with a water part (a separate PDOK feature with water = 'JA').
WATER = {"BU0363AF07", "BU03440223"}
# The first year in which Amsterdam has letter codes, and the year of the Zoetermeer changes.
LETTERS_FROM = 2023
ZOETERMEER_CHANGE = 2025

NL_POPULATION_2013 = 16779575

# The three gemeenten above; national_size() adds invented ones after them.
BASE = list(GEMEENTEN)


def national_size(on, n_gemeenten=342, n_wijken=3300, n_buurten=14500):
    """With `on`, the layout gets invented gemeenten after the three above (GM2001, GM2002,
    ..., "Simulatiestad 1" ...; wijken "Wijk 01" ..., buurten "Buurt 0101" ...) up to about the
    national size (342 gemeenten, 3,300 wijken, 14,500 buurten), each gemeente a 6 by 6 km
    rectangle on a grid over the country, for benchmarks of a national fetch; without, the
    three alone (the default). They have none of the traps of the three."""
    GEMEENTEN[:] = BASE
    if not on:
        return
    extra = n_gemeenten - len(BASE)
    wijken_left = n_wijken - sum(len(w) for _, _, _, w in BASE)
    buurten_left = n_buurten - sum(len(b) for _, _, _, w in BASE for _, _, b in w)
    for g in range(extra):
        n_wk = wijken_left // (extra - g)
        n_bu = buurten_left // (extra - g)
        wijken_left -= n_wk
        buurten_left -= n_bu
        x0, y0 = 20000 + 7000 * (g % 34), 310000 + 7000 * (g // 34)
        wijken = []
        for w in range(n_wk):
            nb = n_bu // n_wk + (w < n_bu % n_wk)
            wijken.append(("%02d" % (w + 1), "Wijk %02d" % (w + 1),
                           [("%02d" % (b + 1), "Buurt %02d%02d" % (w + 1, b + 1))
                            for b in range(nb)]))
        GEMEENTEN.append(("GM%04d" % (2001 + g), "Simulatiestad %d" % (g + 1),
                          (x0, y0, x0 + 6000, y0 + 6000), wijken))


def _base_population(code):
    if code in TINY:
        return TINY[code]
    return rng("pop", code).randint(600, 8000)


def _growth(code):
    return 1.0 + rng("growth", code).uniform(-0.01, 0.02)


def _code_in_year(code, year):
    """The code a base wijk or buurt code carries in `year` (Amsterdam's digits before 2023)."""
    if year < LETTERS_FROM and code[2:6] == "0363":
        letters = code[6:8]
        if letters in AMS_DIGITS:
            return code[:6] + AMS_DIGITS[letters] + code[8:]
    return code


def _slices(y0, y1, weights):
    total = sum(weights)
    out, at = [], y0
    for i, w in enumerate(weights):
        nxt = y1 if i == len(weights) - 1 else at + round((y1 - y0) * w / total)
        out.append((at, nxt))
        at = nxt
    return out


def _zoetermeer_2025(wk_code, buurten):
    """Apply the 2025 changes to the buurten of a Zoetermeer wijk: BU06370102 is re-used for
    the upper part of the old Stadshart (old Palenstein becomes BU06370108), and BU06370201 is
    split into BU06370207 and BU06370208. `buurten` is a list of (code, name, pop, box)."""
    out = []
    for code, name, pop, box in buurten:
        x0, y0, x1, y1 = box
        if code == "BU06370102":
            out.append(("BU06370108", name, pop, box, "2"))
        elif code == "BU06370103":
            cut = y0 + (y1 - y0) * 6 // 10
            out.append((code, name, round(pop * 0.6), (x0, y0, x1, cut), "3"))
            out.append(("BU06370102", "Stadshart-Oost", pop - round(pop * 0.6),
                        (x0, cut, x1, y1), "3"))
        elif code == "BU06370201":
            cut = y0 + (y1 - y0) * 55 // 100
            out.append(("BU06370207", name + "-Noord", round(pop * 0.55), (x0, y0, x1, cut), "3"))
            out.append(("BU06370208", name + "-Zuid", pop - round(pop * 0.55),
                        (x0, cut, x1, y1), "3"))
        else:
            out.append((code, name, pop, box, "1"))
    return out


def indeling(year):
    """Every area of the indeling of `year`, in the order CBS serves them: NL00, then each
    gemeente followed by its wijken, each wijk followed by its buurten. Returns a list of Area;
    gemeenten and wijken list their children in `children`."""
    t = year - 2013
    land = Area("NL00", "Nederland", "land", population=round(NL_POPULATION_2013 * 1.0055**t))
    out = [land]
    for gm, gm_name, (gx0, gy0, gx1, gy1), wijken in GEMEENTEN:
        g = Area(gm, gm_name, "gemeente", gemeente=gm, gemeente_name=gm_name,
                 box=(gx0, gy0, gx1, gy1))
        strips = _slices(gx0, gx1, [len(b) for _, _, b in wijken])
        wijk_areas = []
        for (wk_suffix, wk_name, buurten), (sx0, sx1) in zip(wijken, strips):
            base_wk = "WK" + gm[2:] + wk_suffix
            wk = _code_in_year(base_wk, year)
            rows = []
            for (bu_suffix, bu_name), (by0, by1) in zip(buurten,
                                                        _slices(gy0, gy1, [1] * len(buurten))):
                base_bu = "BU" + base_wk[2:] + bu_suffix
                pop = round(_base_population(base_bu) * _growth(base_bu) ** t)
                rows.append((base_bu, bu_name, pop, (sx0, by0, sx1, by1)))
            if gm == "GM0637" and year >= ZOETERMEER_CHANGE:
                rows = _zoetermeer_2025(wk, rows)
            else:
                rows = [r + ("1",) for r in rows]
            w = Area(wk, wk_name, "wijk", gemeente=gm, gemeente_name=gm_name,
                     box=(sx0, gy0, sx1, gy1))
            if gm == "GM0363" and year == LETTERS_FROM and wk != "WK036303":
                w.indeling = "2"
            for base_bu, bu_name, pop, box, ind in rows:
                b = Area(_code_in_year(base_bu, year), bu_name, "buurt", gemeente=gm,
                         gemeente_name=gm_name, wijk=wk, wijk_name=wk_name, population=pop,
                         indeling=ind, box=box)
                if gm == "GM0363" and year == LETTERS_FROM and b.code[6:8] in AMS_DIGITS:
                    b.indeling = "2"
                if (base_bu, year) == BOUNDARY_CHANGE:
                    b.indeling = "3"
                if base_bu in WATER:
                    x0, y0, x1, y1 = box
                    b.water_box = (x0 + (x1 - x0) * 3 // 4, y0, x1, y1)
                    b.box = (x0, y0, x0 + (x1 - x0) * 3 // 4, y1)
                w.children.append(b)
            w.population = sum(b.population for b in w.children)
            wijk_areas.append(w)
        g.children = wijk_areas
        # Inhabitants whose address is unknown count for the gemeente only (as at CBS).
        g.population = sum(w.population for w in wijk_areas) + 25 + len(gm_name)
        out.append(g)
        for w in wijk_areas:
            out.append(w)
            out.extend(w.children)
    return out
