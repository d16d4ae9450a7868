/* A tiny HTTP/1.1 server on 127.0.0.1 for the fetcher tests, in the spirit of curl's test
 * servers: a thread accepts connections on a port the kernel picks, answers every request
 * with a canned response chosen by its path, and remembers the last request's head so that
 * tests can check what the client sent. Every response closes its connection.
 *
 * Included (#include "wd_test_server.c") by the tests that need it, because the build makes
 * one executable of each tests/<dir>/test_*.c. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#ifndef WD_TEST_UNUSED
#if defined(__GNUC__)
#define WD_TEST_UNUSED __attribute__((unused))
#else
#define WD_TEST_UNUSED
#endif
#endif

typedef struct {
    int fd;
    int port;
    pthread_t thread;
    char last_request[4096];
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
        pthread_mutex_lock(&s->lock);
        snprintf(s->last_request, sizeof s->last_request, "%s", req);
        pthread_mutex_unlock(&s->lock);
        char path[256] = "";
        sscanf(req, "GET %255s", path);
        if (strncmp(path, "/ok", 3) == 0) {
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
