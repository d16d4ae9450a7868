/* A loopback HTTPS server (tests/tls_server.py) for the cmocka tests: a self-signed
 * certificate for 127.0.0.1 made by `openssl req` in a fresh temporary folder, the server
 * started as a child process on a port the kernel picks, serving the redirects and files a
 * test names. A client that takes the certificate as its CA bundle (wd_http_options.ca_bundle,
 * the configuration's ca_bundle) trusts it, so what the client does over https can be tested
 * without the network. Stopping it leaves no process and no file behind.
 *
 * Included (#include "wd_test_tls.c") by the tests that need it; it starts its child as the
 * service mirror does (wd_test_service.c). */
#include "wd_test_service.c"

#define WD_TEST_TLS_SERVER WD_TEST_DATA "/../tls_server.py"

/* A running server. */
typedef struct {
    pid_t pid;
    char *dir;      /* owned temporary folder: certificate, key, port file, stderr */
    char ca[4200];  /* the certificate, to give as CA bundle */
    char base[64];  /* "https://127.0.0.1:<port>", no trailing slash */
    char log[4200]; /* the server's stderr (one line per request) */
} wd_test_tls;

/* Start a server answering with `routes`, its arguments as tls_server.py takes them,
 * NULL-terminated: {"--redirect", PATH, LOCATION, "--file", PATH, FILE, ..., NULL}. 0 and *t
 * filled, or -1 after printing why; nothing is left behind on failure. Stop it with
 * wd_test_tls_stop(). */
WD_TEST_UNUSED static int wd_test_tls_start(wd_test_tls *t, const char *const *routes)
{
    memset(t, 0, sizeof *t);
    t->dir = wd_test_tmpdir();
    char key[4200], port_file[4200], parent[16], cmd[9000];
    snprintf(t->ca, sizeof t->ca, "%s/cert.pem", t->dir);
    snprintf(key, sizeof key, "%s/key.pem", t->dir);
    snprintf(port_file, sizeof port_file, "%s/port", t->dir);
    snprintf(t->log, sizeof t->log, "%s/stderr", t->dir);
    snprintf(parent, sizeof parent, "%ld", (long)getpid());
    snprintf(cmd, sizeof cmd,
             "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 "
             "-addext subjectAltName=IP:127.0.0.1 -keyout '%s' -out '%s'",
             key, t->ca);
    char *out = NULL;
    if (wd_test_run(cmd, &out) != 0) {
        fprintf(stderr, "openssl req failed: %s\n", out ? out : "(no output)");
        free(out);
        wd_test_dir_free(&t->dir);
        return -1;
    }
    free(out);
    const char *argv[64] = {"python3", WD_TEST_TLS_SERVER, "--cert",  t->ca,          "--key",
                            key,       "--port-file",      port_file, "--parent-pid", parent};
    size_t n = 10;
    while (*routes && n < 63)
        argv[n++] = *routes++;
    t->pid = service_spawn(argv, t->log);
    for (int waited = 0; t->pid > 0 && waited < 30000; waited += 20) {
        char *text = wd_test_read_file(port_file, NULL);
        if (text) {
            snprintf(t->base, sizeof t->base, "https://127.0.0.1:%d", atoi(text));
            free(text);
            return 0;
        }
        if (waitpid(t->pid, NULL, WNOHANG) == t->pid) break; /* it died */
        service_sleep_ms(20);
    }
    char *why = wd_test_read_file(t->log, NULL);
    fprintf(stderr, "tls_server.py did not start: %s\n", why ? why : "(no output)");
    free(why);
    if (t->pid > 0) {
        kill(t->pid, SIGKILL);
        waitpid(t->pid, NULL, 0);
    }
    wd_test_dir_free(&t->dir);
    return -1;
}

/* Requests the server answered so far whose request line contains `match` (its log). */
WD_TEST_UNUSED static int wd_test_tls_requests(const wd_test_tls *t, const char *match)
{
    char *text = wd_test_read_file(t->log, NULL);
    int n = 0;
    for (const char *p = text ? text : ""; (p = strstr(p, match)); p++)
        n++;
    free(text);
    return n;
}

/* Stop the server and remove its folder; a server that failed to start is left alone. */
WD_TEST_UNUSED static void wd_test_tls_stop(wd_test_tls *t)
{
    if (t->pid > 0) {
        kill(t->pid, SIGTERM);
        waitpid(t->pid, NULL, 0);
        t->pid = 0;
    }
    if (t->dir) wd_test_dir_free(&t->dir);
}
