/* TLS echo load generator (OpenSSL), the same for every server it is pointed at.
 *   tls_echo rtt  HOST PORT CONNS SECONDS SIZE   round trips/s over CONNS connections
 *   tls_echo rtt-epoll HOST PORT CONNS SECONDS SIZE   the same from one thread (epoll,
 *                                                non-blocking TLS): less CPU per message
 *   tls_echo hs   HOST PORT CONNS SECONDS        new connections/s: connect, TLS
 *                                                handshake, one 64-byte echo, close
 * rtt and hs: one thread per connection, blocking sockets. Certificates are not verified
 * (both servers use the same one). Prints one number: operations per second.
 * Built by benches/tls_echo.sh: cc -O2 tls_echo.c -lssl -lcrypto -lpthread */
#include <arpa/inet.h>
#include <fcntl.h>
#include <sys/epoll.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static struct sockaddr_in addr;
static SSL_CTX *ctx;
static int size = 64;
static atomic_long total;
static atomic_int stop_flag;

static int dial(void) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
        perror("connect");
        exit(1);
    }
    return fd;
}

static SSL *tls(int fd) {
    SSL *s = SSL_new(ctx);
    SSL_set_fd(s, fd);
    SSL_set_tlsext_host_name(s, "localhost");
    if (SSL_connect(s) != 1) {
        ERR_print_errors_fp(stderr);
        exit(1);
    }
    return s;
}

static int echo(SSL *s, char *buf, int n) {
    if (SSL_write(s, buf, n) != n) return -1;
    int got = 0;
    while (got < n) {
        int r = SSL_read(s, buf + got, n - got);
        if (r <= 0) return -1;
        got += r;
    }
    return 0;
}

static void *rtt(void *arg) {
    (void)arg;
    char *buf = malloc(size);
    memset(buf, 'x', size);
    int fd = dial();
    SSL *s = tls(fd);
    long n = 0;
    while (!atomic_load(&stop_flag)) {
        if (echo(s, buf, size) != 0) { fprintf(stderr, "echo failed\n"); exit(1); }
        n++;
    }
    atomic_fetch_add(&total, n);
    SSL_shutdown(s);
    SSL_free(s);
    close(fd);
    return NULL;
}

/* One thread, every connection non-blocking under epoll: the cheapest way to keep
 * CONNS round trips in flight (no thread switch per message). */
static double rtt_loop(int conns, double secs) {
    int ep = epoll_create1(0);
    SSL **ss = calloc(conns, sizeof *ss);
    int *got = calloc(conns, sizeof *got);
    char *buf = malloc(size);
    memset(buf, 'x', size);
    for (int i = 0; i < conns; i++) {
        int fd = dial();
        ss[i] = tls(fd); /* blocking handshake, then non-blocking echoes */
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
        struct epoll_event ev = {.events = EPOLLIN, .data.u32 = i};
        epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
        if (SSL_write(ss[i], buf, size) != size) { fprintf(stderr, "write failed\n"); exit(1); }
    }
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    long n = 0;
    struct epoll_event evs[64];
    char *in = malloc(size);
    for (;;) {
        clock_gettime(CLOCK_MONOTONIC, &b);
        double el = (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
        if (el >= secs) { free(in); return n / el; }
        int k = epoll_wait(ep, evs, 64, 100);
        for (int e = 0; e < k; e++) {
            int i = evs[e].data.u32;
            for (;;) {
                int r = SSL_read(ss[i], in, size - got[i]);
                if (r <= 0) {
                    if (SSL_get_error(ss[i], r) == SSL_ERROR_WANT_READ) break;
                    fprintf(stderr, "echo failed\n");
                    exit(1);
                }
                got[i] += r;
                if (got[i] == size) {
                    got[i] = 0;
                    n++;
                    if (SSL_write(ss[i], buf, size) != size) { fprintf(stderr, "write failed\n"); exit(1); }
                }
            }
        }
    }
}

static void *hs(void *arg) {
    (void)arg;
    char buf[64];
    memset(buf, 'x', sizeof buf);
    long n = 0;
    while (!atomic_load(&stop_flag)) {
        int fd = dial();
        SSL *s = tls(fd);
        if (echo(s, buf, sizeof buf) != 0) { fprintf(stderr, "echo failed\n"); exit(1); }
        SSL_shutdown(s);
        SSL_free(s);
        close(fd);
        n++;
    }
    atomic_fetch_add(&total, n);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 6) {
        fprintf(stderr, "usage: %s rtt|hs HOST PORT CONNS SECONDS [SIZE]\n", argv[0]);
        return 2;
    }
    int handshakes = strcmp(argv[1], "hs") == 0;
    int evloop = strcmp(argv[1], "rtt-epoll") == 0;
    addr.sin_family = AF_INET;
    inet_pton(AF_INET, argv[2], &addr.sin_addr);
    addr.sin_port = htons(atoi(argv[3]));
    int conns = atoi(argv[4]);
    double secs = atof(argv[5]);
    if (argc > 6) size = atoi(argv[6]);
    ctx = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
    /* No session resumption: every connection is a full handshake. */
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    if (evloop) {
        printf("%.0f\n", rtt_loop(conns, secs));
        return 0;
    }
    pthread_t *t = calloc(conns, sizeof *t);
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (int i = 0; i < conns; i++) pthread_create(&t[i], NULL, handshakes ? hs : rtt, NULL);
    usleep((useconds_t)(secs * 1e6));
    atomic_store(&stop_flag, 1);
    for (int i = 0; i < conns; i++) pthread_join(t[i], NULL);
    clock_gettime(CLOCK_MONOTONIC, &b);
    double el = (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
    printf("%.0f\n", atomic_load(&total) / el);
    return 0;
}
