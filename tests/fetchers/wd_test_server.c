/* A tiny HTTP/1.1 server on 127.0.0.1 for the fetcher tests, in the spirit of curl's test
 * servers: a thread accepts connections on a port the kernel picks and answers each request
 * from, in this order: a script of responses set by the test (status, headers, body, a
 * pause, a connection dropped mid-body), the files of a folder (a mirror served over HTTP),
 * or a few canned paths. It counts requests and remembers the last request's head so that
 * tests can check what the client sent. Every response closes its connection.
 *
 * Included (#include "wd_test_server.c") by the tests that need it, because the build makes
 * one executable of each tests/<dir>/test_*.c. */
#include "wd_test_util.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* One scripted answer. */
typedef struct {
    const char *path;    /* request path (before '?') it answers; NULL: any */
    int status;          /* 0: 200 */
    const char *headers; /* extra header lines, each ending in "\r\n"; NULL: none */
    const char *body;    /* NULL: empty */
    size_t len;          /* bytes of body; 0: strlen(body) */
    size_t cut;          /* > 0: send this many body bytes, then pause for stall_ms, then
                          * send the rest, or close without it when `drop` */
    int stall_ms;        /* the pause; ends early when the client hangs up */
    int drop;            /* 1: close the connection at `cut` (a body cut short) */
    int times;           /* requests it answers before it is used up; 0: all */
} wd_test_response;

#define WD_TEST_SCRIPT_MAX 16

typedef struct {
    int fd;
    int port;
    pthread_t thread;
    char last_request[4096];
    int requests; /* requests answered so far */
    /* The script: entries are tried in order; used[i] counts what entry i answered. */
    const wd_test_response *script;
    size_t n_script;
    int used[WD_TEST_SCRIPT_MAX];
    /* A folder served as is, with every occurrence of root_from in a file replaced by
     * "http://127.0.0.1:<port>" (a file:// mirror whose links point into itself). */
    const char *root, *root_from;
    pthread_mutex_t lock;
} wd_test_server;

static void server_send_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w <= 0) return;
        p += w;
        n -= (size_t)w;
    }
}

static void server_respond(int fd, int status, const char *reason, const char *body, size_t len)
{
    char head[256];
    int n = snprintf(head, sizeof head,
                     "HTTP/1.1 %d %s\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n"
                     "Connection: close\r\n\r\n",
                     status, reason, len);
    server_send_all(fd, head, (size_t)n);
    server_send_all(fd, body, len);
}

/* Answer with scripted response r. */
static void server_scripted(int fd, const wd_test_response *r)
{
    const char *body = r->body ? r->body : "";
    size_t len = r->len ? r->len : strlen(body), send_len = r->cut && r->cut < len ? r->cut : len;
    char head[1024];
    int n = snprintf(head, sizeof head,
                     "HTTP/1.1 %d Scripted\r\nContent-Length: %zu\r\n%sConnection: close\r\n\r\n",
                     r->status ? r->status : 200, len, r->headers ? r->headers : "");
    server_send_all(fd, head, (size_t)n);
    server_send_all(fd, body, send_len);
    if (r->stall_ms > 0) {
        /* Readable means the client closed (or sent more): stop waiting either way. */
        struct pollfd p = {.fd = fd, .events = POLLIN};
        poll(&p, 1, r->stall_ms);
    }
    if (!r->drop) server_send_all(fd, body + send_len, len - send_len);
}

/* The file under s->root for `path` with root_from replaced; NULL when there is none. */
static char *server_read_root(const wd_test_server *s, const char *path, size_t *len)
{
    char fpath[4096], dec[1024];
    size_t n = 0;
    /* Percent-decode: mirror file names contain spaces. */
    for (const char *p = path; *p && n + 1 < sizeof dec; p++) {
        unsigned v;
        if (p[0] == '%' && sscanf(p + 1, "%2x", &v) == 1) {
            dec[n++] = (char)v;
            p += 2;
        } else {
            dec[n++] = *p;
        }
    }
    dec[n] = '\0';
    if (strstr(dec, "..")) return NULL;
    snprintf(fpath, sizeof fpath, "%s%s", s->root, dec);
    FILE *f = fopen(fpath, "rb");
    if (!f) return NULL;
    char *data = NULL;
    size_t cap = 0, used = 0, got;
    char chunk[65536];
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (used + got + 1 > cap) {
            cap = (used + got + 1) * 2;
            char *p = realloc(data, cap);
            if (!p) break;
            data = p;
        }
        memcpy(data + used, chunk, got);
        used += got;
    }
    fclose(f);
    if (!data) return NULL;
    data[used] = '\0';
    size_t from_len = s->root_from ? strlen(s->root_from) : 0, count = 0;
    for (char *p = from_len ? strstr(data, s->root_from) : NULL; p;
         p = strstr(p + from_len, s->root_from))
        count++;
    /* Nothing to rewrite (always so for binary files such as a zip): the bytes as they are. */
    if (count == 0) {
        *len = used;
        return data;
    }
    char to[64];
    snprintf(to, sizeof to, "http://127.0.0.1:%d", s->port);
    size_t to_len = strlen(to);
    char *out = malloc(used + count * to_len + 1);
    if (!out) {
        free(data);
        return NULL;
    }
    size_t o = 0;
    for (const char *p = data, *q;; p = q + from_len) {
        q = strstr(p, s->root_from);
        size_t k = q ? (size_t)(q - p) : strlen(p);
        memcpy(out + o, p, k);
        o += k;
        if (!q) break;
        memcpy(out + o, to, to_len);
        o += to_len;
    }
    out[o] = '\0';
    free(data);
    *len = o;
    return out;
}

static void *server_main(void *arg)
{
    wd_test_server *s = arg;
    for (;;) {
        int c = accept(s->fd, NULL, NULL);
        if (c < 0) break; /* the listening socket was shut down */
        char req[4096];
        size_t n = 0;
        while (n + 1 < sizeof req) {
            ssize_t r = recv(c, req + n, sizeof req - 1 - n, 0);
            if (r <= 0) break;
            n += (size_t)r;
            req[n] = '\0';
            if (strstr(req, "\r\n\r\n")) break;
        }
        req[n] = '\0';
        char path[1024] = "";
        sscanf(req, "GET %1023s", path);
        path[strcspn(path, "?")] = '\0';
        pthread_mutex_lock(&s->lock);
        snprintf(s->last_request, sizeof s->last_request, "%s", req);
        s->requests++;
        const wd_test_response *r = NULL;
        for (size_t i = 0; !r && i < s->n_script; i++) {
            const wd_test_response *e = &s->script[i];
            if ((!e->path || strcmp(e->path, path) == 0) && (!e->times || s->used[i] < e->times)) {
                s->used[i]++;
                r = e;
            }
        }
        pthread_mutex_unlock(&s->lock);
        char *file = NULL;
        size_t file_len = 0;
        if (!r && s->root) file = server_read_root(s, path, &file_len);
        if (r) {
            server_scripted(c, r);
        } else if (file) {
            server_respond(c, 200, "OK", file, file_len);
            free(file);
        } else if (strncmp(path, "/ok", 3) == 0) {
            const char *b = "{\"value\": []}";
            server_respond(c, 200, "OK", b, strlen(b));
        } else if (strcmp(path, "/fail") == 0) {
            const char *b = "{\"odata.error\":{\"message\":{\"value\":\"query returns more than "
                            "10000 records\"}}}";
            server_respond(c, 500, "Internal Server Error", b, strlen(b));
        } else if (strcmp(path, "/big") == 0) {
            size_t len = 200000;
            char *b = malloc(len);
            if (b) {
                memset(b, 'x', len);
                server_respond(c, 200, "OK", b, len);
                free(b);
            }
        } else if (strcmp(path, "/big-chunked") == 0) {
            /* No Content-Length: the client only learns the size while reading. */
            const char *head = "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n";
            server_send_all(c, head, strlen(head));
            char chunk[8192];
            memset(chunk, 'y', sizeof chunk);
            for (int i = 0; i < 25; i++)
                server_send_all(c, chunk, sizeof chunk);
        } else {
            const char *b = "not found";
            server_respond(c, 404, "Not Found", b, strlen(b));
        }
        shutdown(c, SHUT_WR);
        close(c);
    }
    return NULL;
}

/* Replace the script (the array must outlive its use) and reset its counters. */
WD_TEST_UNUSED static void wd_test_server_script(wd_test_server *s, const wd_test_response *r,
                                                 size_t n)
{
    pthread_mutex_lock(&s->lock);
    s->script = r;
    s->n_script = n < WD_TEST_SCRIPT_MAX ? n : WD_TEST_SCRIPT_MAX;
    memset(s->used, 0, sizeof s->used);
    s->requests = 0;
    pthread_mutex_unlock(&s->lock);
}

/* Requests answered since the last wd_test_server_script (or the start). */
WD_TEST_UNUSED static int wd_test_server_requests(wd_test_server *s)
{
    pthread_mutex_lock(&s->lock);
    int n = s->requests;
    pthread_mutex_unlock(&s->lock);
    return n;
}

/* Start the server; returns 0 and fills s, or -1. */
WD_TEST_UNUSED static int wd_test_server_start(wd_test_server *s)
{
    memset(s, 0, sizeof *s);
    pthread_mutex_init(&s->lock, NULL);
    s->fd = socket(AF_INET, SOCK_STREAM, 0);
    if (s->fd < 0) return -1;
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    socklen_t al = sizeof a;
    if (bind(s->fd, (struct sockaddr *)&a, sizeof a) || listen(s->fd, 16) ||
        getsockname(s->fd, (struct sockaddr *)&a, &al)) {
        close(s->fd);
        return -1;
    }
    s->port = ntohs(a.sin_port);
    if (pthread_create(&s->thread, NULL, server_main, s)) {
        close(s->fd);
        return -1;
    }
    return 0;
}

WD_TEST_UNUSED static void wd_test_server_stop(wd_test_server *s)
{
    shutdown(s->fd, SHUT_RDWR);
    pthread_join(s->thread, NULL);
    close(s->fd);
    pthread_mutex_destroy(&s->lock);
}
