/* Tests of the documentation against the program: the manual page docs/wijkdata.1 renders
 * without a warning (groff, and man when it is there), and names every command that
 * `wijkdata --help` lists, no other, and in each command's section every option of that
 * command's --help; the bash completion (docs/wijkdata.bash, run in bash) offers exactly
 * those commands and, per command, exactly those options. The command list is read from
 * --help, so a new command fails here until both documents have it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "wd_test_util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_WORDS 64

typedef struct {
    int n;
    char w[MAX_WORDS][40];
} words;

static void add(words *ws, const char *s, size_t n)
{
    if (n == 0 || n >= sizeof ws->w[0]) return;
    for (int i = 0; i < ws->n; i++)
        if (strlen(ws->w[i]) == n && strncmp(ws->w[i], s, n) == 0) return;
    if (ws->n < MAX_WORDS) snprintf(ws->w[ws->n++], sizeof ws->w[0], "%.*s", (int)n, s);
}

static int has(const words *ws, const char *s)
{
    for (int i = 0; i < ws->n; i++)
        if (strcmp(ws->w[i], s) == 0) return 1;
    return 0;
}

/* The commands of the main help: the lines under "Opdrachten:" that start with a name. */
static words commands_of(const char *help)
{
    words ws = {0};
    const char *at = strstr(help, "Opdrachten:\n");
    assert_non_null(at);
    for (at = strchr(at, '\n') + 1; *at && *at != '\n'; at = strchr(at, '\n') + 1) {
        if (at[0] == ' ' && at[1] == ' ' && islower((unsigned char)at[2]))
            add(&ws, at + 2, strcspn(at + 2, " \n"));
        if (!strchr(at, '\n')) break;
    }
    return ws;
}

/* The options a help text names: "--word" and "-x" standing as words of their own. */
static words options_of(const char *help)
{
    words ws = {0};
    for (const char *s = help; *s; s++) {
        if (*s != '-' || (s > help && !strchr(" [(|,\n", s[-1]))) continue;
        if (s[1] == '-' && islower((unsigned char)s[2])) {
            size_t n = 2 + strspn(s + 2, "abcdefghijklmnopqrstuvwxyz-");
            add(&ws, s, n);
            s += n - 1;
        } else if (islower((unsigned char)s[1]) && strchr(", ", s[2])) {
            add(&ws, s, 2);
        }
    }
    return ws;
}

static char *run_cli(const char *args)
{
    char *out = NULL;
    int rc = wd_test_cli(".", args, &out);
    assert_int_equal(rc, 0);
    return out;
}

/* The manual page as plain words: font escapes dropped, "\-" a hyphen, "\&" nothing. */
static char *man_text(void)
{
    char *raw = wd_test_read_file(WD_DOCS "/wijkdata.1", NULL);
    assert_non_null(raw);
    char *out = malloc(strlen(raw) + 1), *o = out;
    for (const char *s = raw; *s; s++) {
        if (s[0] == '\\' && s[1] == 'f' && s[2]) {
            s += 2;
        } else if (s[0] == '\\' && s[1] == '-') {
            *o++ = '-';
            s++;
        } else if (s[0] == '\\' && s[1] == '&') {
            s++;
        } else {
            *o++ = *s;
        }
    }
    *o = '\0';
    free(raw);
    return out;
}

/* The section of command `cmd` in the manual page (".SS cmd" up to the next heading), copied;
 * NULL when there is none. */
static char *man_section(const char *man, const char *cmd)
{
    char head[64];
    snprintf(head, sizeof head, "\n.SS %s\n", cmd);
    const char *at = strstr(man, head);
    if (!at) return NULL;
    at += strlen(head);
    const char *end = at;
    while ((end = strstr(end, "\n.S")) && end[3] != 'S' && end[3] != 'H')
        end++;
    size_t n = end ? (size_t)(end - at) : strlen(at);
    char *sec = malloc(n + 1);
    memcpy(sec, at, n);
    sec[n] = '\0';
    return sec;
}

/* The first option of `opts` that `text` does not name as a word of its own, or NULL. */
static const char *missing(const char *text, const words *opts)
{
    for (int i = 0; i < opts->n; i++) {
        const char *o = opts->w[i];
        size_t n = strlen(o);
        int found = 0;
        for (const char *at = strstr(text, o); at && !found; at = strstr(at + 1, o))
            found = (at == text || !strchr("abcdefghijklmnopqrstuvwxyz-", at[-1])) &&
                    !strchr("abcdefghijklmnopqrstuvwxyz-", at[n]) && at[n] != '\0';
        if (!found) return o;
    }
    return NULL;
}

static void man_renders_cleanly(void **state)
{
    (void)state;
    char *out = NULL;
    int rc = wd_test_run("groff -man -Tutf8 -ww -z " WD_DOCS "/wijkdata.1 2>&1", &out);
    assert_int_equal(rc, 0);
    assert_string_equal(out ? out : "", "");
    free(out);
    if (wd_test_run("command -v man >/dev/null", NULL) == 0) {
        rc = wd_test_run("MANWIDTH=80 man --warnings -l " WD_DOCS "/wijkdata.1 2>&1 >/dev/null",
                         &out);
        assert_int_equal(rc, 0);
        assert_string_equal(out ? out : "", "");
        free(out);
    }
    /* And a page with a mistake does not render cleanly. */
    char *dir = wd_test_tmpdir(), cmd[1200];
    snprintf(cmd, sizeof cmd,
             "printf '.TH X 1\\n.SH A\\n\\\\(qq\\n' > %s/x.1 && groff -man -Tutf8 -ww -z %s/x.1 "
             "2>&1",
             dir, dir);
    wd_test_run(cmd, &out);
    assert_non_null(out);
    wd_test_assert_contains(out, "warning");
    free(out);
    wd_test_dir_free(&dir);
}

static void man_has_every_command_and_option(void **state)
{
    (void)state;
    char *help = run_cli("--help");
    words cmds = commands_of(help);
    free(help);
    assert_true(cmds.n >= 12);
    assert_true(has(&cmds, "site"));
    char *man = man_text();
    for (int i = 0; i < cmds.n; i++) {
        char args[64];
        snprintf(args, sizeof args, "%s --help", cmds.w[i]);
        char *h = run_cli(args);
        words opts = options_of(h);
        free(h);
        char *sec = man_section(man, cmds.w[i]);
        if (!sec) print_error("wijkdata.1 has no section .SS %s\n", cmds.w[i]);
        assert_non_null(sec);
        /* An option of every command (--store) is documented once, with the global ones. */
        const char *global = strstr(man, "\n.SH ALGEMENE OPTIES\n");
        assert_non_null(global);
        const char *global_end = strstr(global + 1, "\n.SH ");
        assert_non_null(global_end);
        size_t n = strlen(sec), g = (size_t)(global_end - global);
        sec = realloc(sec, n + g + 1);
        memcpy(sec + n, global, g);
        sec[n + g] = '\0';
        const char *lost = missing(sec, &opts);
        if (lost) print_error("wijkdata.1, %s: no %s\n", cmds.w[i], lost);
        assert_null(lost);
        free(sec);
    }
    /* No section for a command the program does not have. */
    const char *opdr = strstr(man, "\n.SH OPDRACHTEN\n"), *next = strstr(opdr + 1, "\n.SH ");
    for (const char *at = strstr(opdr, "\n.SS "); at && at < next; at = strstr(at + 1, "\n.SS ")) {
        char name[40];
        snprintf(name, sizeof name, "%.*s", (int)strcspn(at + 5, "\n"), at + 5);
        if (!has(&cmds, name)) print_error("wijkdata.1 documents '%s', which --help lacks\n", name);
        assert_true(has(&cmds, name));
    }
    /* Global options, exit codes, environment, files, examples. */
    words global = {0};
    add(&global, "--store", 7);
    add(&global, "--help", 6);
    add(&global, "--version", 9);
    assert_null(missing(man, &global));
    const char *heads[] = {"\n.SH AFSLUITCODES\n", "\n.SH OMGEVING\n", "\n.SH BESTANDEN\n",
                           "\n.SH VOORBEELDEN\n"};
    for (size_t i = 0; i < sizeof heads / sizeof *heads; i++)
        wd_test_assert_contains(man, heads[i]);
    /* The check finds what is missing. */
    words fake = {0};
    add(&fake, "--bestaat-niet", 14);
    assert_non_null(missing(man, &fake));
    add(&fake, "--gemeent", 9);
    char *sec = man_section(man, "site");
    assert_string_equal(missing(sec, &fake), "--bestaat-niet");
    free(sec);
    free(man);
}

/* What the completion offers for the words `line` (the last one is being completed). */
static words complete(const char *line)
{
    char cmd[1024], *out = NULL;
    snprintf(cmd, sizeof cmd,
             "bash -c 'source " WD_DOCS "/wijkdata.bash; COMP_WORDS=(%s); "
             "COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _wijkdata; printf \"%%s\\n\" "
             "\"${COMPREPLY[@]}\"'",
             line);
    assert_int_equal(wd_test_run(cmd, &out), 0);
    words ws = {0};
    for (char *at = out; at && *at; at = strchr(at, '\n') ? strchr(at, '\n') + 1 : NULL)
        add(&ws, at, strcspn(at, "\n"));
    free(out);
    return ws;
}

static int same(const words *a, const words *b)
{
    for (int i = 0; i < a->n; i++)
        if (!has(b, a->w[i])) return 0;
    return a->n == b->n;
}

static void completion_matches_help(void **state)
{
    (void)state;
    char *help = run_cli("--help");
    words cmds = commands_of(help);
    free(help);
    words got = complete("wijkdata \"\"");
    add(&cmds, "--help", 6);
    add(&cmds, "--version", 9);
    assert_true(same(&got, &cmds));
    cmds.n -= 2;
    for (int i = 0; i < cmds.n; i++) {
        char args[64], line[96];
        snprintf(args, sizeof args, "%s --help", cmds.w[i]);
        char *h = run_cli(args);
        words opts = options_of(h);
        free(h);
        add(&opts, "--help", 6);
        snprintf(line, sizeof line, "wijkdata %s -", cmds.w[i]);
        words offered = complete(line);
        if (!same(&offered, &opts)) print_error("completion of '%s' differs\n", cmds.w[i]);
        assert_true(same(&offered, &opts));
    }
    /* Values of a fixed list. */
    words formats = complete("wijkdata export --format \"\"");
    assert_true(has(&formats, "csv-nl") && has(&formats, "gpkg"));
    /* The comparison can fail. */
    words one = {0};
    add(&one, "--out", 5);
    assert_false(same(&one, &formats));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(man_renders_cleanly),
        cmocka_unit_test(man_has_every_command_and_option),
        cmocka_unit_test(completion_matches_help),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
