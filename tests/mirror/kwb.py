"""KWB (Kerncijfers wijken en buurten) tables of the service mirror: the topic catalogue per
year and revision, the DataProperties built from it, and the TypedDataSet rows.

SIMULATED TEST DATA in the real structure. Keys carry the suffix CBS gives them: the topic's
Position, so a suffix moves whenever a topic before it appears or disappears. The catalogue
has two families: 2013-2022 (the structure of 85318NED, 2022) and 2023 on (the structure of
85984NED, 2024). Within them topics come and go so that the suffixes land where the real
tables have them: GemiddeldInkomenPerInwoner _66 in 2013-2018, _72 in 2019-2022, _83 in the
first and _78 in the second revision of 2024; HuishoudensTotaal _28 up to 2022, _29 from 2023;
GemiddeldeWOZWaardeVanWoningen _36 in delivery 1 of 2025 and _39 in delivery 2. Stems occur
more than once under different topic groups (Appartement ... under electricity and gas;
Nederland, EuropaExclusiefNederland, BuitenEuropa by origin and by birth country).
"""

import functools
import re

from regions import rng

# Topic kinds: (Datatype, Unit, Decimals, PresentationType).
KINDS = {
    "naam": ("String", "naam", 0, ""),
    "omschrijving": ("String", "omschrijving", 0, ""),
    "code": ("String", "code", 0, ""),
    "count": ("Long", "aantal", 0, "Absolute"),
    "pct": ("Long", "%", 0, "Relative"),
    "pct1": ("Double", "%", 1, "Relative"),
    "per1000": ("Long", "per 1 000 inwoners", 0, "Relative"),
    "eur1": ("Double", "x 1 000 euro", 1, "Relative"),
    "woz": ("Long", "x 1 000 euro", 0, "Relative"),
    "kwh": ("Long", "kWh", 0, "Absolute"),
    "m3": ("Long", "m³", 0, "Absolute"),
    "km1": ("Double", "km", 1, "Absolute"),
    "ha": ("Long", "ha", 0, "Absolute"),
    "dens": ("Long", "aantal inwoners per km²", 0, "Relative"),
    "perkm2": ("Long", "per km²", 0, "Relative"),
    "avg1": ("Double", "aantal", 1, "Absolute"),
    "perhh1": ("Double", "per huishouden", 1, "Absolute"),
    "cls": ("Long", "code", 0, "Absolute"),
}

# Themes that the first delivery of a year's table does not have yet (DOMAIN 3.7).
LATER = {"inkomen", "uitkering", "zorg"}


def T(stem, kind, title=None, years=None, theme="", drop=(), default="Impossible"):
    """A topic: key stem, kind (KINDS), title (default: the stem in words), the years of its
    family it exists in ((from, to), inclusive), its theme, edition tags without it, and its
    DataProperties Default."""
    if title is None:
        words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", stem).split(" ")
        title = " ".join([words[0]] + [w.lower() for w in words[1:]])
    return ("T", stem, kind, title, years, theme, drop, default)


def G(title, children, years=None):
    """A topic group with its children (topics and groups)."""
    return ("G", title, children, years)


def _woningtype(unit):
    return [T("Appartement", unit), T("Tussenwoning", unit), T("Hoekwoning", unit),
            T("TweeOnderEenKapWoning", unit, "Twee-onder-één-kap-woning"),
            T("VrijstaandeWoning", unit, "Vrijstaande woning")]


def _energie(type_group, owner_group, heating_years):
    """The Energie group: electricity and gas, each by dwelling type and by ownership (the
    same stems twice), with the group names of the table's family."""
    def supply(title, total, unit):
        return G(title, [T(total, unit), G(type_group, _woningtype(unit)),
                         G(owner_group, [T("Huurwoning", unit),
                                         T("EigenWoning", unit, "Eigen woning")])])
    gas = supply("Gemiddeld aardgasverbruik", "GemiddeldAardgasverbruikTotaal", "m3")
    gas[2].append(T("PercentageWoningenMetStadsverwarming", "pct1", years=heating_years))
    return G("Energie", [supply("Gemiddelde elektriciteitslevering",
                                "GemiddeldeElektriciteitsleveringTotaal", "kwh"), gas])


REGIO = G("Regioaanduiding", [
    T("Gemeentenaam", "naam"), T("SoortRegio", "omschrijving", "Soort regio"),
    T("Codering", "code"),
    T("IndelingswijzigingGemeenteWijkBuurt", "code", "Indelingswijziging gemeente, wijk, buurt"),
])

LEEFTIJD = G("Leeftijdsgroepen", [
    T("k_0Tot15Jaar", "count", "0 tot 15 jaar"), T("k_15Tot25Jaar", "count", "15 tot 25 jaar"),
    T("k_25Tot45Jaar", "count", "25 tot 45 jaar"), T("k_45Tot65Jaar", "count", "45 tot 65 jaar"),
    T("k_65JaarOfOuder", "count", "65 jaar of ouder")])
BURGERLIJK = G("Burgerlijke staat", [T("Ongehuwd", "count"), T("Gehuwd", "count"),
                                     T("Gescheiden", "count"), T("Verweduwd", "count")])
GEBOORTE = G("Geboorte en sterfte", [
    T("GeboorteTotaal", "count"), T("GeboorteRelatief", "per1000"),
    T("SterfteTotaal", "count"), T("SterfteRelatief", "per1000")])
HUISHOUDENS = G("Particuliere huishoudens", [
    T("HuishoudensTotaal", "count"), T("Eenpersoonshuishoudens", "count"),
    T("HuishoudensZonderKinderen", "count"), T("HuishoudensMetKinderen", "count"),
    T("GemiddeldeHuishoudensgrootte", "avg1")])
INKOMEN = [
    G("Inkomen van personen", [
        T("AantalInkomensontvangers", "count", "Aantal inkomensontvangers\u00a0\u00a0",
          theme="inkomen"),
        T("GemiddeldInkomenPerInkomensontvanger", "eur1",
          "Gemiddeld inkomen per inkomensontvanger\u00a0", theme="inkomen"),
        T("GemiddeldInkomenPerInwoner", "eur1", "Gemiddeld inkomen per inwoner\u00a0",
          theme="inkomen"),
        T("k_40PersonenMetLaagsteInkomen", "pct1", "40% personen met laagste inkomen",
          theme="inkomen"),
        T("k_20PersonenMetHoogsteInkomen", "pct1", "20% personen met hoogste inkomen",
          theme="inkomen")]),
    G("Inkomen van huishoudens", [
        T("GemGestandaardiseerdInkomenVanHuish", "eur1",
          "Gem. gestandaardiseerd inkomen van huish", theme="inkomen"),
        T("k_40HuishoudensMetLaagsteInkomen", "pct1", "40% huishoudens met laagste inkomen",
          theme="inkomen"),
        T("k_20HuishoudensMetHoogsteInkomen", "pct1", "20% huishoudens met hoogste inkomen",
          theme="inkomen"),
        T("HuishoudensMetEenLaagInkomen", "pct1", theme="inkomen"),
        T("HuishOnderOfRondSociaalMinimum", "pct1", "Huish. onder of rond sociaal minimum",
          theme="inkomen"),
        T("HuishoudensTot110VanSociaalMinimum", "pct1", "Huishoudens tot 110% van sociaal minimum",
          theme="inkomen"),
        T("HuishoudensTot120VanSociaalMinimum", "pct1", "Huishoudens tot 120% van sociaal minimum",
          theme="inkomen"),
        T("MediaanVermogenVanParticuliereHuish", "eur1",
          "Mediaan vermogen van particuliere huish.", theme="inkomen",
          default="Missing")])]
UITKERING = [T("PersonenPerSoortUitkeringBijstand", "count",
               "Personen per soort uitkering; Bijstand", theme="uitkering"),
             T("PersonenPerSoortUitkeringAO", "count", "Personen per soort uitkering; AO",
               theme="uitkering"),
             T("PersonenPerSoortUitkeringWW", "count", "Personen per soort uitkering; WW",
               theme="uitkering"),
             T("PersonenPerSoortUitkeringAOW", "count", "Personen per soort uitkering; AOW",
               theme="uitkering")]
ZORG = [T("JongerenMetJeugdzorgInNatura", "count", theme="zorg"),
        T("PercentageJongerenMetJeugdzorg", "pct1", theme="zorg"),
        T("WmoClienten", "count", "Wmo-cliënten", theme="zorg"),
        T("WmoClientenRelatief", "per1000", "Wmo-cliënten relatief", theme="zorg")]
BEDRIJVEN = G("Bedrijfsvestigingen, SBI 2008", [
    T("BedrijfsvestigingenTotaal", "count"),
    G("Bedrijfsvestigingen naar activiteit", [
        T("ALandbouwBosbouwEnVisserij", "count", "A Landbouw, bosbouw en visserij"),
        T("BFNijverheidEnEnergie", "count", "B-F Nijverheid en energie"),
        T("GIHandelEnHoreca", "count", "G+I Handel en horeca"),
        T("HJVervoerInformatieEnCommunicatie", "count", "H+J Vervoer, informatie en communicatie"),
        T("KLFinancieleDienstenOnroerendGoed", "count", "K-L Financiële diensten, onroerend goed"),
        T("MNZakelijkeDienstverlening", "count", "M-N Zakelijke dienstverlening"),
        T("OQOverheidOnderwijsEnZorg", "count", "O-Q Overheid, onderwijs en zorg"),
        T("RUCultuurRecreatieOverigeDiensten", "count", "R-U Cultuur, recreatie, overige diensten"),
    ])])
MOTOR = G("Motorvoertuigen", [
    G("Personenauto's", [
        T("PersonenautoSTotaal", "count", "Personenauto's totaal"),
        G("Personenauto's; brandstoftype", [
            T("PersonenautoSBrandstofBenzine", "count", "Personenauto's; brandstof benzine",
              default="Missing"),
            T("PersonenautoSOverigeBrandstof", "count", "Personenauto's; overige brandstof",
              default="Missing")]),
        T("PersonenautoSPerHuishouden", "perhh1", "Personenauto's per huishouden"),
        T("PersonenautoSNaarOppervlakte", "perkm2", "Personenauto's naar oppervlakte")]),
    T("Motorfietsen", "count")])
NABIJHEID = G("Nabijheid voorzieningen", [
    T("AfstandTotHuisartsenpraktijk", "km1"), T("AfstandTotGroteSupermarkt", "km1"),
    T("AfstandTotKinderdagverblijf", "km1"),
    G("Basisonderwijs", [T("AfstandTotSchool", "km1"),
                         T("ScholenBinnen3Km", "avg1", "Scholen binnen 3 km")])])
OPPERVLAKTE = G("Oppervlakte", [T("OppervlakteTotaal", "ha"), T("OppervlakteLand", "ha"),
                                T("OppervlakteWater", "ha")])
POSTCODE = G("Postcode", [T("MeestVoorkomendePostcode", "code"), T("Dekkingspercentage", "cls")])
STEDELIJK = G("Stedelijkheid", [T("MateVanStedelijkheid", "cls"),
                                T("Omgevingsadressendichtheid", "perkm2")])

def _bevolking(herkomst):
    """The Bevolking group, with the origin group of the table's family."""
    return G("Bevolking", [T("AantalInwoners", "count"),
                           G("Geslacht", [T("Mannen", "count"), T("Vrouwen", "count")]),
                           LEEFTIJD, BURGERLIJK, herkomst, GEBOORTE, HUISHOUDENS,
                           T("Bevolkingsdichtheid", "dens")])


# Topics that arrived in 2019 in the 2013-2022 family: before them income is _66, after _72.
FROM_2019 = (2019, 2022)

OLD = [
    REGIO,
    _bevolking(G("Migratieachtergrond", [
            T("WestersTotaal", "count"),
            G("Niet-westers", [T("NietWestersTotaal", "count"), T("Marokko", "count"),
                               T("NederlandseAntillenEnAruba", "count",
                                 "(Voormalige) Nederlandse Antillen, Aruba"),
                               T("Suriname", "count"), T("Turkije", "count"),
                               T("OverigNietWesters", "count")])])),
    G("Wonen", [
        T("Woningvoorraad", "count"),
        T("GemiddeldeWOZWaardeVanWoningen", "woz", "Gemiddelde WOZ-waarde van woningen"),
        G("Woningtype", [T("PercentageEengezinswoning", "pct"),
                         T("PercentageMeergezinswoning", "pct")]),
        G("Bewoning", [T("PercentageBewoond", "pct"), T("PercentageOnbewoond", "pct")]),
        G("Eigendom", [
            T("Koopwoningen", "pct"),
            G("Huurwoningen", [T("HuurwoningenTotaal", "pct"), T("InBezitWoningcorporatie", "pct"),
                               T("InBezitOverigeVerhuurders", "pct")]),
            T("EigendomOnbekend", "pct")]),
        G("Bouwjaar", [T("BouwjaarVoor2000", "pct"), T("BouwjaarVanaf2000", "pct")])]),
    _energie("Woningtype", "Woningeigendom", FROM_2019),
    G("Onderwijs", [G("Opleidingsniveau", [
        T("OpleidingsniveauLaag", "count", years=FROM_2019),
        T("OpleidingsniveauMiddelbaar", "count", years=FROM_2019),
        T("OpleidingsniveauHoog", "count", years=FROM_2019)], years=FROM_2019)],
      years=FROM_2019),
    G("Arbeid", [T("Nettoarbeidsparticipatie", "pct"),
                 G("Werkenden", [T("PercentageWerknemers", "pct", years=FROM_2019),
                                 T("PercentageZelfstandigen", "pct", years=FROM_2019)],
                   years=FROM_2019)]),
    G("Inkomen", INKOMEN),
    G("Sociale zekerheid", UITKERING),
    G("Zorg", ZORG),
    BEDRIJVEN, MOTOR, NABIJHEID, OPPERVLAKTE, POSTCODE, STEDELIJK,
]

# Edition tags: "2024r2" the second revision of 2024, "2025d1"/"2025d2" the deliveries of
# 2025, "2026d1" the first delivery of 2026. A topic with a tag in `drop` is absent there.
LATER_EDITIONS = ("2024r2", "2025d1", "2025d2", "2026d1")
NEW = [
    REGIO,
    _bevolking(G("Bevolking naar herkomst", [
            G("Herkomstland", [T("Nederland", "count"),
                               T("EuropaExclusiefNederland", "count", "Europa (exclusief Nederland) "),
                               T("BuitenEuropa", "count", "Buiten Europa ")]),
            G("Geboren in Nederland", [
                T("Nederland", "count"),
                T("EuropaExclusiefNederland", "count", "Europa (exclusief Nederland) "),
                T("BuitenEuropa", "count", "Buiten Europa ")]),
            G("Geboren buiten Nederland", [
                T("EuropaExclusiefNederland", "count", "Europa (exclusief Nederland)"),
                T("BuitenEuropa", "count", "Buiten Europa")])])),
    G("Wonen en vastgoed", [
        T("Woningvoorraad", "count"),
        T("NieuwbouwWoningen", "count", "Nieuwbouw woningen ", years=(2024, 2026), drop=("2025d1",
                                                                                      "2026d1")),
        T("NietWoningvoorraad", "count", "Niet-woningvoorraad", years=(2024, 2026),
          drop=("2025d1", "2026d1")),
        T("NieuwbouwNietWoningen", "count", "Nieuwbouw niet-woningen", years=(2024, 2026),
          drop=("2025d1", "2026d1")),
        T("GemiddeldeWOZWaardeVanWoningen", "woz", "Gemiddelde WOZ-waarde van woningen"),
        G("Woningen naar type", [
            T("PercentageEengezinswoning", "pct"),
            T("PercentageTussenwoningEengezins", "pct", "Percentage tussenwoning (eengezins)"),
            T("PercentageHoekwoningEengezins", "pct", "Percentage hoekwoning (eengezins)"),
            T("PercentageTweeOnderEenKapWoningEe", "pct", "Percentage twee-onder-één-kap-woning (ee"),
            T("PercentageVrijstaandeWoningEengezins", "pct",
              "Percentage vrijstaande woning (eengezins"),
            T("PercentageMeergezinswoning", "pct")]),
        T("OnbewoondeWoningen", "pct"),
        G("Woningen naar eigendom", [
            T("Koopwoningen", "pct"),
            G("Huurwoningen", [T("HuurwoningenTotaal", "pct"), T("InBezitWoningcorporatie", "pct"),
                               T("InBezitOverigeVerhuurders", "pct")])]),
        G("Woningen naar bouwjaar", [T("BouwjaarMeerDanTienJaarGeleden", "pct"),
                                     T("BouwjaarAfgelopenTienJaar", "pct")])]),
    _energie("Naar woningtype", "Naar eigendom", None),
    G("Onderwijs", [
        G("Onderwijssoort", [
            T("LeerlingenPo", "count", "Leerlingen po", drop=LATER_EDITIONS),
            T("LeerlingenVoInclVavo", "count", "Leerlingen vo (incl. vavo) ", drop=LATER_EDITIONS),
            T("StudentenMboExclExtranei", "count", "Studenten mbo (excl. extranei)",
              drop=LATER_EDITIONS),
            T("StudentenHbo", "count", "Studenten hbo", drop=LATER_EDITIONS),
            T("StudentenWo", "count", "Studenten wo", drop=LATER_EDITIONS)]),
        G("Hoogst behaald onderwijsniveau", [
            T("BasisonderwijsVmboMbo1", "count", "Basisonderwijs, vmbo, mbo1"),
            T("HavoVwoMbo24", "count", "Havo, vwo, mbo2-4"), T("HboWo", "count", "Hbo, wo")])]),
    G("Arbeid", [T("Nettoarbeidsparticipatie", "pct"),
                 G("Onderverdeling werkenden", [T("PercentageWerknemers", "pct"),
                                                T("PercentageZelfstandigen", "pct")])]),
    G("Inkomen", INKOMEN),
    G("Sociale zekerheid", UITKERING),
    G("Zorg", ZORG),
    BEDRIJVEN, MOTOR, NABIJHEID, OPPERVLAKTE, POSTCODE, STEDELIJK,
]


def _include(years, drop, year, tag):
    return (years is None or years[0] <= year <= years[1]) and tag not in drop


def topics(year, tag=""):
    """The DataProperties entries of the KWB table of `year` in edition `tag` (see
    LATER_EDITIONS; "" for an ordinary table), as a list of dicts in the real structure, and
    the list of its topics as (key, stem, kind, theme)."""
    tree = OLD if year <= 2022 else NEW
    props = [{"odata.type": "Cbs.OData.GeoDetail", "ID": 0, "Position": 0, "ParentID": None,
              "Type": "GeoDetail", "Key": "WijkenEnBuurten", "Title": "Wijken en buurten",
              "Description": "", "MapYear": year}]
    found = []

    def has_topics(nodes):
        for node in nodes:
            if node[0] == "G":
                if _include(node[3], (), year, tag) and has_topics(node[2]):
                    return True
            elif _include(node[4], node[6], year, tag):
                return True
        return False

    def walk(nodes, parent):
        for node in nodes:
            if node[0] == "G":
                _, title, children, years = node
                if not _include(years, (), year, tag) or not has_topics(children):
                    continue
                gid = len(props)
                props.append({"odata.type": "Cbs.OData.TopicGroup", "ID": gid, "Position": None,
                              "ParentID": parent, "Type": "TopicGroup", "Key": "",
                              "Title": title, "Description": None})
                walk(children, gid)
            else:
                _, stem, kind, title, years, theme, drop, default = node
                if not _include(years, drop, year, tag):
                    continue
                position = len(found) + 1
                key = "%s_%d" % (stem, position)
                datatype, unit, decimals, presentation = KINDS[kind]
                props.append({"odata.type": "Cbs.OData.Topic", "ID": len(props),
                              "Position": position, "ParentID": parent, "Type": "Topic",
                              "Key": key, "Title": title, "Description": None,
                              "Datatype": datatype, "Unit": unit, "Decimals": decimals,
                              "Default": default, "PresentationType": presentation})
                found.append((key, stem, kind, theme))

    walk(tree, None)
    return props, found


def pad(text, width):
    """CBS right-pads keys and names to the width of their column."""
    return text.ljust(width)


SOORT = {"land": "Land", "gemeente": "Gemeente", "wijk": "Wijk", "buurt": "Buurt"}


AGES = ("k_0Tot15Jaar", "k_15Tot25Jaar", "k_25Tot45Jaar", "k_45Tot65Jaar", "k_65JaarOfOuder")
HOUSEHOLDS = ("HuishoudensTotaal", "Eenpersoonshuishoudens", "HuishoudensZonderKinderen",
              "HuishoudensMetKinderen")


@functools.lru_cache(maxsize=None)
def _profile(code, year, pop):
    """Unrounded age bands and households of an area that add up: the bands to its
    inhabitants, one-person, without and with children to its households."""
    r = rng("profile", code, year)
    weights = [b * r.uniform(0.7, 1.3) for b in (0.16, 0.12, 0.26, 0.26, 0.20)]
    out = {stem: pop * w / sum(weights) for stem, w in zip(AGES, weights)}
    total = pop / r.uniform(1.6, 2.6)
    one, kids = total * r.uniform(0.2, 0.6), total * r.uniform(0.15, 0.35)
    out.update(HuishoudensTotaal=total, Eenpersoonshuishoudens=one, HuishoudensMetKinderen=kids,
               HuishoudensZonderKinderen=total - one - kids)
    return out


@functools.lru_cache(maxsize=None)
def _fraction(stem, lo, hi):
    return rng("frac", stem).uniform(lo, hi)


def _value(area, year, stem, kind, theme, tag, r):
    """The value of one cell, drawing from `r`: a number, a padded string, or None (an empty
    cell)."""
    small = area.level in ("wijk", "buurt")
    pop = area.population
    if kind in ("naam", "omschrijving", "code"):
        if stem == "Gemeentenaam":
            return pad(area.gemeente_name or area.name, 40)
        if stem == "SoortRegio":
            return pad(SOORT[area.level], 10)
        if stem == "Codering":
            return pad(area.code, 10)
        if stem == "IndelingswijzigingGemeenteWijkBuurt":
            return area.indeling
        if stem == "MeestVoorkomendePostcode":
            # Right-aligned in its 10 characters, as CBS serves it.
            return None if area.level == "land" else ("%04d" % (1000 + int(area.code[2:6]) * 7 %
                                                              8999)).rjust(10)
    if tag.endswith("d1") and theme in LATER:
        return None  # comes in a later delivery
    if pop < 50 and stem not in ("AantalInwoners", "Mannen", "Vrouwen", "OppervlakteTotaal",
                                 "OppervlakteLand", "OppervlakteWater", "MateVanStedelijkheid"):
        return None  # secret: too few inhabitants
    if theme == "inkomen" and small and pop < 2500:
        return None  # income is suppressed for small areas
    if stem != "AantalInwoners" and r.random() < 0.015:
        return None  # an empty cell, as real tables have them
    x0, y0, x1, y1 = area.box or (0, 0, 0, 0)
    land_ha = max(1, (x1 - x0) * (y1 - y0) // 10000)
    water_ha = 0
    if area.water_box:
        wx0, wy0, wx1, wy1 = area.water_box
        water_ha = (wx1 - wx0) * (wy1 - wy0) // 10000
    if area.level == "land":
        land_ha, water_ha = 3367000, 783000
    if stem == "AantalInwoners":
        count = pop
    elif stem in ("Mannen", "Vrouwen"):
        men = round(pop * (0.48 + _fraction(area.code, 0, 0.04)))
        count = men if stem == "Mannen" else pop - men
    elif stem in AGES or stem in HOUSEHOLDS:
        count = _profile(area.code, year, pop)[stem]
    elif stem == "GemiddeldeHuishoudensgrootte":
        return round(pop / max(_profile(area.code, year, pop)["HuishoudensTotaal"], 1), 1)
    elif stem == "OppervlakteTotaal":
        return land_ha + water_ha
    elif stem == "OppervlakteLand":
        return land_ha
    elif stem == "OppervlakteWater":
        return water_ha
    elif stem == "Bevolkingsdichtheid":
        return round(pop * 100 / land_ha)
    elif kind == "count":
        lo, hi = (0.2, 0.45) if stem.startswith("Huishoudens") or stem == "Woningvoorraad" else (
            0.005, 0.25)
        count = pop * _fraction(stem, lo, hi) * r.uniform(0.7, 1.3)
    elif kind in ("pct", "pct1"):
        v = _fraction(stem, 2, 80) * r.uniform(0.6, 1.4)
        return round(min(v, 100.0), KINDS[kind][2]) if kind == "pct1" else min(round(v), 100)
    elif kind == "per1000":
        return round(_fraction(stem, 5, 120) * r.uniform(0.6, 1.4))
    elif kind == "eur1":
        return round(_fraction(stem, 20, 60) * r.uniform(0.7, 1.4), 1)
    elif kind == "woz":
        return round(_fraction(stem, 180, 450) * r.uniform(0.8, 1.5))
    elif kind in ("kwh", "m3"):
        base = 2800 if kind == "kwh" else 1200
        return 10 * round(base * r.uniform(0.5, 1.5) / 10)
    elif kind == "km1":
        return round(r.uniform(0.2, 3.5), 1)
    elif kind == "avg1":
        return round(r.uniform(1.4, 2.8) if stem.startswith("Gemiddelde") else r.uniform(3, 40), 1)
    elif kind == "perhh1":
        return round(r.uniform(0.3, 1.4), 1)
    elif kind in ("perkm2", "dens"):
        return round(r.uniform(300, 9000))
    elif kind == "cls":
        return r.randint(1, 5)
    else:
        raise ValueError("no value rule for %s (%s)" % (stem, kind))
    # Counts of wijken and buurten are rounded to multiples of 5, each cell on its own.
    return 5 * round(count / 5) if small else round(count)


def rows(table_id, year, tag, areas):
    """The TypedDataSet rows of a KWB table: a list of dicts keyed as served."""
    _, found = topics(year, tag)
    out = []
    for i, area in enumerate(areas):
        row = {"ID": i, "WijkenEnBuurten": pad(area.code, 10)}
        r = rng("kwb", table_id, tag, area.code)
        for key, stem, kind, theme in found:
            row[key] = _value(area, year, stem, kind, theme, tag, r)
        out.append(row)
    return out
