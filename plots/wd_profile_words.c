/* Implementation of wd_profile_words (plots/wd_profile.h): every sentence a profile prints,
 * made once from the wd_profile, so that the PDF (plots/wd_profile.c) and the web version
 * (plots/wd_site.c) say the same in the same words. The layout of either lives with it. */
#include "plots/wd_profile.h"

#include "engine/wd_batch.h"
#include "plots/wd_text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *trend_arrow(int t)
{
    switch (t) {
    case 1:
        return "\xe2\x86\x91"; /* ↑ */
    case -1:
        return "\xe2\x86\x93"; /* ↓ */
    case 0:
        return "\xe2\x86\x92"; /* → */
    default:
        return "\xe2\x80\x93"; /* – */
    }
}

/* Whether the key figures have a wijk column: a buurt profile, or any wijk value. */
static int has_wijk_column(const wd_profile *p)
{
    int has = p->wijk_name[0] || p->wijk_code[0];
    for (int k = 0; k < wd_count(p->n_keys, WD_PROFILE_MAX_KEYS); k++)
        has |= isfinite(p->keys[k].wijk);
    return has;
}

/* Heads of the key figures' columns; "" for a column the profile does not have (no wijk
 * column for a wijk or gemeente profile, no gemeente column for a gemeente profile). */
static void key_head(const wd_profile *p, int c, char *buf, size_t cap)
{
    static const char *const heads[] = {"Kerncijfer", "",      "Wijk", "Gemeente",
                                        "Nederland",  "Trend", "Bron"};
    if (c == 1) {
        snprintf(buf, cap, "%s", p->level[0] ? p->level : "gebied");
        if (buf[0] >= 'a' && buf[0] <= 'z') buf[0] = (char)(buf[0] - 'a' + 'A');
    } else if ((c == 2 && !has_wijk_column(p)) || (c == 3 && strcmp(p->level, "gemeente") == 0)) {
        buf[0] = '\0';
    } else {
        snprintf(buf, cap, "%s", c >= 0 && c < 7 ? heads[c] : "");
    }
}

/* The unit a key figure's cells carry: "%" only; any other unit goes with the label, so that
 * the value columns stay narrow. */
static const char *cell_unit(const wd_profile_key *key)
{
    return strcmp(key->unit, "%") == 0 ? "%" : "";
}

/* Cell c (0: the region, bold with its (m)/(p) mark; 1..3: wijk, gemeente, Nederland). */
static void key_cell(const wd_profile_key *key, int c, char *buf, size_t cap)
{
    const double vals[4] = {key->value, key->wijk, key->gemeente, key->nederland};
    double v = vals[c >= 0 && c < 4 ? c : 0];
    char num[96];
    if (!isfinite(v) && key->why[c][0])
        snprintf(num, sizeof num, "%s", key->why[c]);
    else
        wd_text_fmt_value(num, sizeof num, v, key->decimals, cell_unit(key));
    const char *mark = c > 0 || !isfinite(v)        ? ""
                       : key->flags & WD_FLAG_MODEL ? " (m)"
                       : key->flags & WD_FLAG_PROXY ? " (p)"
                                                    : "";
    snprintf(buf, cap, "%s%s", num, mark);
}

static void where_line(const wd_profile *p, char *buf, size_t cap)
{
    size_t n = 0;
    buf[0] = '\0';
    if (p->wijk_name[0] || p->wijk_code[0])
        n += (size_t)snprintf(buf, cap, "Wijk %s%s%s%s", p->wijk_name, p->wijk_code[0] ? " (" : "",
                              p->wijk_code, p->wijk_code[0] ? ")" : "");
    if ((p->gemeente_name[0] || p->gemeente_code[0]) && n < cap)
        snprintf(buf + n, cap - n, "%sGemeente %s%s%s%s", n ? " \xc2\xb7 " : "", p->gemeente_name,
                 p->gemeente_code[0] ? " (" : "", p->gemeente_code, p->gemeente_code[0] ? ")" : "");
}

static void opgave_words(const wd_profile_opgave *o, char *buf, size_t cap)
{
    if (o->rank_lo == o->rank_hi)
        snprintf(buf, cap, "Rang %d van %d. Bij 9 van de 10 keer rekenen: steeds %d.",
                 o->rank_median, o->n_ranked, o->rank_median);
    else
        snprintf(buf, cap, "Rang %d van %d. Bij 9 van de 10 keer rekenen: tussen %d en %d.",
                 o->rank_median, o->n_ranked, o->rank_lo, o->rank_hi);
}

const char *wd_profile_words(const wd_profile *p, wd_words what, int item, char *buf, size_t cap)
{
    char a[64], b[64];
    if (!buf || cap == 0) return "";
    buf[0] = '\0';
    switch (what) {
    case WD_WORDS_DEMO:
        snprintf(buf, cap,
                 "DEMO \xe2\x80\x94 gesimuleerde gegevens \xe2\x80\x94 niet gebruiken "
                 "voor besluiten");
        break;
    case WD_WORDS_KICKER:
        snprintf(buf, cap, "Wijkprofiel %s \xc2\xb7 %s", p->level[0] ? p->level : "gebied",
                 p->code[0] ? p->code : "code onbekend");
        break;
    case WD_WORDS_NAME:
        snprintf(buf, cap, "%s", p->name[0] ? p->name : "(naam onbekend)");
        break;
    case WD_WORDS_WHERE:
        where_line(p, buf, cap);
        break;
    case WD_WORDS_FACTS:
        if (isfinite(p->population))
            wd_text_fmt_number(a, sizeof a, p->population, 0);
        else
            snprintf(a, sizeof a, "onbekend");
        if (p->year > 0)
            snprintf(b, sizeof b, "%d", p->year);
        else
            snprintf(b, sizeof b, "onbekend");
        snprintf(buf, cap, "Inwoners: %s \xc2\xb7 Cijfers over %s \xc2\xb7 Gemaakt op %s", a, b,
                 p->generated_on[0] ? p->generated_on : "onbekende datum");
        break;
    case WD_WORDS_PAGE_HEAD:
        snprintf(buf, cap, "Wijkprofiel %s (%s)", p->name[0] ? p->name : "(naam onbekend)",
                 p->code);
        break;
    case WD_WORDS_NOTICE:
        snprintf(buf, cap, "%s: cijfers zijn indicatief en worden niet gerangschikt",
                 !isfinite(p->population)                         ? "Inwonertal onbekend"
                 : strcmp(p->level, "buurt") == 0 || !p->level[0] ? "Kleine buurt"
                                                                  : "Klein gebied");
        break;
    case WD_WORDS_KEY_HEAD:
        key_head(p, item, buf, cap);
        break;
    case WD_WORDS_KEY_LABEL:
        if (item >= 0 && item < wd_count(p->n_keys, WD_PROFILE_MAX_KEYS)) {
            const wd_profile_key *key = &p->keys[item];
            wd_text_fmt_label(buf, cap, key->label, cell_unit(key)[0] ? "" : key->unit);
        }
        break;
    case WD_WORDS_KEY_CELL:
        if (item >= 0 && item / 4 < wd_count(p->n_keys, WD_PROFILE_MAX_KEYS))
            key_cell(&p->keys[item / 4], item % 4, buf, cap);
        break;
    case WD_WORDS_KEY_SOURCE:
        if (item >= 0 && item < wd_count(p->n_keys, WD_PROFILE_MAX_KEYS)) {
            const wd_profile_key *key = &p->keys[item];
            snprintf(buf, cap, "%s%s%s", key->source, key->year_note[0] ? ": " : "",
                     key->year_note);
        }
        break;
    case WD_WORDS_TREND_ARROW:
        snprintf(buf, cap, "%s", trend_arrow(item));
        break;
    case WD_WORDS_TREND_NAME:
        snprintf(buf, cap, "%s",
                 item == 1    ? "stijgt"
                 : item == -1 ? "daalt"
                 : item == 0  ? "geen duidelijke trend"
                              : "niet getoetst");
        break;
    case WD_WORDS_KEY_LEGEND:
        snprintf(buf, cap,
                 "(m): een schatting van het RIVM, geen meting. (p): een benadering. Lijntje: "
                 "het cijfer over de jaren. Het breekt als de grens van het gebied veranderde. "
                 "Pijl: \xe2\x86\x91\xc2\xa0stijgt, \xe2\x86\x93\xc2\xa0"
                 "daalt, \xe2\x86\x92\xc2\xa0geen duidelijke richting. "
                 "\xe2\x80\x93\xe2\x81\xa0\xc2\xa0niet te zeggen: te weinig jaren of een "
                 "schatting.");
        break;
    case WD_WORDS_OPGAVEN_HEAD:
        snprintf(buf, cap, "Opgaven in deze buurt");
        break;
    case WD_WORDS_OPGAVEN_INTRO:
        if (p->opgaven.n <= 0) {
            snprintf(buf, cap, "%s", p->opgaven.not_ranked);
            break;
        }
        wd_text_fmt_number(a, sizeof a, p->opgaven.draws, 0);
        snprintf(buf, cap,
                 "Rang 1 is de buurt met de grootste opgave in gemeente %s (%d). De rang hangt af "
                 "van keuzes: hoe zwaar telt elk cijfer? Daarom is %s keer gerekend, steeds met "
                 "andere keuzes. De balk toont waar de buurt staat bij 9 van de 10 keer. De stip "
                 "is het midden.",
                 p->gemeente_name[0] ? p->gemeente_name : "(onbekend)", p->opgaven.year, a);
        break;
    case WD_WORDS_OPGAVE_TITLE:
        if (item >= 0 && item < wd_count(p->opgaven.n, WD_PROFILE_MAX_OPGAVEN))
            snprintf(buf, cap, "%d. %s", item + 1, p->opgaven.items[item].title);
        break;
    case WD_WORDS_OPGAVE:
        if (item >= 0 && item < wd_count(p->opgaven.n, WD_PROFILE_MAX_OPGAVEN))
            opgave_words(&p->opgaven.items[item], buf, cap);
        break;
    case WD_WORDS_BALANCE_INTRO:
        snprintf(buf, cap,
                 "%s Gewichten zijn keuzes, geen feiten: ze staan erbij zodat iedereen ze kan "
                 "bespreken.",
                 p->balance.reading);
        break;
    case WD_WORDS_PANEL:
        wd_text_fmt_number(a, sizeof a, item == 0 ? p->balance.draagkracht : p->balance.draaglast,
                           0);
        snprintf(buf, cap, "%s \xe2\x80\x94 index %s", item == 0 ? "Draagkracht" : "Draaglast", a);
        break;
    case WD_WORDS_FORMULA_HEAD:
        snprintf(buf, cap, "Hoe is dit berekend?");
        break;
    case WD_WORDS_COMPARE_INTRO:
        snprintf(buf, cap,
                 "Elke rij is een %s van %s; per kolom staan de waarden op een eigen schaal, met "
                 "de waarde van %s hele %s als zwarte lijn. Zo is te zien welke delen afwijken, "
                 "zonder ranglijst.",
                 p->compare.part_name[0] == 'W'   ? "wijk"
                 : p->compare.part_name[0] == 'D' ? "deel"
                                                  : "buurt",
                 p->compare.ref_name, p->compare.part_name[0] == 'D' ? "het" : "de", p->level);
        break;
    case WD_WORDS_RANKINGS_INTRO:
        wd_text_fmt_number(a, sizeof a, p->rankings.draws, 0);
        snprintf(buf, cap,
                 "Per wijkopgave de buurten van %s %s waar de opgave het grootst is, gerangschikt "
                 "onder de buurten van gemeente %s (%d); rang 1 is de grootste opgave. Gewichten "
                 "zijn keuzes: de balk toont waar een buurt staat in 90%% van %s doorrekeningen "
                 "met andere gewichten, de stip de middelste rang. Overlappen twee balken, dan "
                 "ligt de volgorde van die buurten niet vast. Groep: hoog, midden of laag "
                 "(eerste, middelste of laatste derde van de gemeente).",
                 p->level, p->name, p->gemeente_name[0] ? p->gemeente_name : p->name,
                 p->rankings.year, a);
        break;
    case WD_WORDS_RANKINGS_SOURCE:
        snprintf(buf, cap,
                 "Bron: CBS Kerncijfers wijken en buurten, RIVM/CBS Gezondheid per wijk en buurt; "
                 "rangschikking door Wijkdata-Wijkdoen (wijkdata rank).");
        break;
    case WD_WORDS_NOT_RANKED:
        if (p->rankings.not_ranked[0])
            snprintf(buf, cap, "Niet gerangschikt: %s.", p->rankings.not_ranked);
        break;
    case WD_WORDS_HEALTH_INTRO:
        snprintf(buf, cap,
                 "Deze cijfers zijn modelschattingen van het RIVM: uit de Gezondheidsmonitor en "
                 "kenmerken van de bewoners schat een model wat in een buurt te verwachten is. "
                 "Het zijn geen metingen in de buurt zelf. De streep om elke stip is het "
                 "95%%-interval: de echte waarde ligt met grote waarschijnlijkheid daarbinnen. "
                 "Verschillen binnen die strepen zijn geen echte verschillen, en een verandering "
                 "van jaar op jaar is geen trend.");
        break;
    case WD_WORDS_HEALTH_HEAD:
        snprintf(buf, cap, "Hoe lees je dit?");
        break;
    case WD_WORDS_HEALTH_READING:
        snprintf(buf, cap,
                 "Een stip rechts van de zwarte streep van de gemeente betekent een hoger aandeel "
                 "dan in de gemeente als geheel. Valt de zwarte streep binnen het interval, dan "
                 "is het verschil met de gemeente niet zeker. Gezondheidscijfers verschijnen om "
                 "de paar jaar; het jaar van de schatting staat onder elk cijfer. Voor een "
                 "gesprek in de buurt zijn ze een startpunt: wat herkennen bewoners, wat niet?");
        break;
    case WD_WORDS_SIMILAR_HEAD:
        snprintf(buf, cap, "Buurten zoals %s", p->name);
        break;
    case WD_WORDS_SIMILAR_INTRO:
        snprintf(buf, cap,
                 "De buurten in de store die in %d het meest op deze buurt lijken in leeftijden, "
                 "huishoudens, stedelijkheid, inkomen en woningen. Afstand 0 is gelijk; 1 is "
                 "gemiddeld een standaardafwijking verschil (zie pagina %d).",
                 p->similar.year, wd_profile_page_count(p));
        break;
    case WD_WORDS_SIMILAR_NONE:
        snprintf(buf, cap, "Geen vergelijking: %s.",
                 p->similar.why[0] ? p->similar.why : "geen gegevens");
        break;
    case WD_WORDS_LBM_SCORE:
        if (p->lbm.year <= 0) {
            snprintf(buf, cap, "Leefbaarometer: %s.",
                     p->lbm.why[0] ? p->lbm.why : "geen gegevens voor dit gebied");
            break;
        }
        wd_text_fmt_number(a, sizeof a, p->lbm.score, 2);
        wd_text_fmt_number(b, sizeof b, p->lbm.ref, 2);
        snprintf(buf, cap, "Leefbaarometer %d: %s%s%s", p->lbm.year, a,
                 isfinite(p->lbm.ref) ? " \xc2\xb7 gemeente " : "", isfinite(p->lbm.ref) ? b : "");
        break;
    case WD_WORDS_LBM_INTRO:
        snprintf(buf, cap,
                 "De Leefbaarometer schat de leefbaarheid uit kenmerken van de woonomgeving: het "
                 "landelijk basisniveau plus de afwijking van de buurt, de som van vijf "
                 "dimensies. Een dimensie boven 0 maakt de buurt leefbaarder dan het landelijk "
                 "niveau, onder 0 minder. De klassen 1 tot 9 (van zeer onvoldoende tot "
                 "uitstekend) staan niet in de open gegevens en worden daarom niet genoemd.");
        break;
    case WD_WORDS_SMALL_HEAD:
        snprintf(buf, cap, "Ontwikkeling van de belangrijkste cijfers");
        break;
    case WD_WORDS_SMALL_INTRO: {
        int any_break = 0;
        for (int i = 0; i < wd_count(p->n_small, WD_PROFILE_MAX_SMALL); i++)
            any_break |= p->small[i].break_before > 0;
        snprintf(buf, cap,
                 "Blauwe stippen: dit gebied; zwarte stippellijn: de gemeente. De gestreepte lijn "
                 "is de trend sinds de laatste grenswijziging, de lichte band het 95%%-interval "
                 "van die trend.%s",
                 any_break ? " De verticale streepjeslijn markeert de gewijzigde grens: de lijn "
                             "van dit gebied loopt daar niet door."
                           : "");
        break;
    }
    case WD_WORDS_MAP_INTRO:
        snprintf(buf, cap, "De %s, gekleurd naar %d kerncijfers. %s %s heeft een zwarte rand.",
                 p->maps.scope, p->maps.n_maps, p->level[0] == 'b' ? "Buurt" : "Dit gebied",
                 p->name);
        break;
    case WD_WORDS_MAP_NOTE:
        snprintf(buf, cap,
                 "Elke kaart deelt de %s in klassen met ongeveer even veel gebieden; donkerder is "
                 "hoger. Gearceerd: geen gegevens. Cijfers %d op de grenzen van %d. %s",
                 p->maps.scope, p->maps.data_year, p->maps.boundary_year, p->maps.source);
        break;
    case WD_WORDS_SOURCES_HEAD:
        snprintf(buf, cap, "Bronnen");
        break;
    case WD_WORDS_NO_SOURCES:
        snprintf(buf, cap, "Geen bronnen opgegeven.");
        break;
    case WD_WORDS_NOTES_HEAD:
        snprintf(buf, cap, "Kanttekeningen");
        break;
    case WD_WORDS_DEFS_HEAD:
        snprintf(buf, cap, "Begrippen en formules");
        break;
    case WD_WORDS_NO_KEYS:
        snprintf(buf, cap, "Geen kerncijfers beschikbaar.");
        break;
    case WD_WORDS_NO_COMPONENTS:
        snprintf(buf, cap, "Geen componenten opgegeven.");
        break;
    }
    return buf;
}
