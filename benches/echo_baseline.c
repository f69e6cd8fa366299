/* echo_baseline.c: the machine's near-limit reference for benches/echo.sh.
 *
 *   echo_baseline tcp-server PORT        single-thread epoll echo server
 *   echo_baseline udp-server PORT        recvfrom/sendto echo loop
 *   echo_baseline tcp-load HOST PORT CONC SECONDS SIZE
 *   echo_baseline udp-load HOST PORT CONC SECONDS SIZE
 *
 * The load generators open CONC connections (sockets), one pthread each, send
 * SIZE bytes and wait for the whole echo before the next (one in flight per
 * connection, like `netkit tcp-echo send --concurrency`), and print
 *   rate=R p50_ms=X p99_ms=Y errors=E round_trips=N
 * Minimal on purpose: no framing, no logging, IPv4 only. Build:
 *   cc -O2 -pthread -o echo_baseline echo_baseline.c
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static struct sockaddr_in addr_of(const char *host, int port) {
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    inet_pton(AF_INET, host, &a.sin_addr);
    return a;
}

static int tcp_server(int port) {
    int l = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = addr_of("127.0.0.1", port);
    if (bind(l, (struct sockaddr *)&a, sizeof a) || listen(l, 1024)) { perror("bind"); return 1; }
    fcntl(l, F_SETFL, O_NONBLOCK);
    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN, .data.fd = l}, evs[256];
    epoll_ctl(ep, EPOLL_CTL_ADD, l, &ev);
    char buf[65536];
    for (;;) {
        int n = epoll_wait(ep, evs, 256, -1);
        for (int i = 0; i < n; i++) {
            int fd = evs[i].data.fd;
            if (fd == l) {
                int c;
                while ((c = accept4(l, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    struct epoll_event ce = {.events = EPOLLIN, .data.fd = c};
                    epoll_ctl(ep, EPOLL_CTL_ADD, c, &ce);
                }
                continue;
            }
            ssize_t r = read(fd, buf, sizeof buf);
            if (r <= 0) {
                if (r < 0 && errno == EAGAIN) continue;
                close(fd);
                continue;
            }
            /* Echo; a loopback peer that waits for its echo never fills our send buffer. */
            ssize_t off = 0;
            while (off < r) {
                ssize_t w = write(fd, buf + off, r - off);
                if (w < 0) { if (errno == EAGAIN) continue; close(fd); break; }
                off += w;
            }
        }
    }
}

static int udp_server(int port) {
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in a = addr_of("127.0.0.1", port);
    if (bind(s, (struct sockaddr *)&a, sizeof a)) { perror("bind"); return 1; }
    char buf[65536];
    for (;;) {
        struct sockaddr_in p;
        socklen_t pl = sizeof p;
        ssize_t n = recvfrom(s, buf, sizeof buf, 0, (struct sockaddr *)&p, &pl);
        if (n >= 0) sendto(s, buf, n, 0, (struct sockaddr *)&p, pl);
    }
}

struct job {
    struct sockaddr_in to;
    int udp, size;
    double until;
    uint32_t *lat;
    size_t n, cap;
    long errors, econnect, ewrite, etimeout, eclosed;
};

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static int open_conn(struct job *j) {
    int s = socket(AF_INET, j->udp ? SOCK_DGRAM : SOCK_STREAM, 0), one = 1;
    struct timeval tv = {.tv_sec = 1};
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    if (!j->udp) setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(s, (struct sockaddr *)&j->to, sizeof j->to)) { close(s); return -1; }
    return s;
}

static void *worker(void *arg) {
    struct job *j = arg;
    char *msg = malloc(j->size), *buf = malloc(65536);
    memset(msg, 'x', j->size);
    int s = open_conn(j);
    while (now_s() < j->until) {
        if (s < 0) { j->errors++; j->econnect++; usleep(10000); s = open_conn(j); continue; }
        double t0 = now_s();
        int ok = write(s, msg, j->size) == j->size;
        if (!ok) j->ewrite++;
        ssize_t got = 0;
        while (ok && got < j->size) {
            ssize_t r = read(s, buf, j->udp ? 65536 : j->size - got);
            if (r < 0) { ok = 0; j->etimeout++; }
            else if (r == 0) { ok = 0; j->eclosed++; }
            else got += r;
        }
        if (!ok) { j->errors++; if (!j->udp) { close(s); s = open_conn(j); } continue; }
        if (j->n == j->cap) { j->cap = j->cap ? j->cap * 2 : 4096; j->lat = realloc(j->lat, j->cap * 4); }
        j->lat[j->n++] = (uint32_t)((now_s() - t0) * 1e6);
    }
    if (s >= 0) close(s);
    return NULL;
}

static int cmp_u32(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static int load(int udp, const char *host, int port, int conc, double secs, int size) {
    struct job *jobs = calloc(conc, sizeof *jobs);
    pthread_t *th = calloc(conc, sizeof *th);
    double start = now_s();
    for (int i = 0; i < conc; i++) {
        jobs[i] = (struct job){.to = addr_of(host, port), .udp = udp, .size = size, .until = start + secs};
        pthread_attr_t at;
        pthread_attr_init(&at);
        pthread_attr_setstacksize(&at, 256 * 1024);
        pthread_create(&th[i], &at, worker, &jobs[i]);
    }
    size_t total = 0;
    long errors = 0, ec = 0, ew = 0, et = 0, ecl = 0;
    for (int i = 0; i < conc; i++) {
        pthread_join(th[i], NULL);
        total += jobs[i].n; errors += jobs[i].errors;
        ec += jobs[i].econnect; ew += jobs[i].ewrite; et += jobs[i].etimeout; ecl += jobs[i].eclosed;
    }
    double el = now_s() - start;
    uint32_t *all = malloc((total + 1) * 4);
    size_t k = 0;
    for (int i = 0; i < conc; i++) { memcpy(all + k, jobs[i].lat, jobs[i].n * 4); k += jobs[i].n; }
    qsort(all, total, 4, cmp_u32);
    double p50 = total ? all[(size_t)(0.50 * (total - 1))] / 1000.0 : 0;
    double p99 = total ? all[(size_t)(0.99 * (total - 1))] / 1000.0 : 0;
    printf("rate=%.0f p50_ms=%.3f p99_ms=%.3f errors=%ld round_trips=%zu (connect %ld, write %ld, read error/timeout %ld, closed %ld)\n",
           total / el, p50, p99, errors, total, ec, ew, et, ecl);
    return 0;
}

int main(int argc, char **argv) {
    if (argc >= 3 && !strcmp(argv[1], "tcp-server")) return tcp_server(atoi(argv[2]));
    if (argc >= 3 && !strcmp(argv[1], "udp-server")) return udp_server(atoi(argv[2]));
    if (argc >= 7 && !strcmp(argv[1] + 3, "-load"))
        return load(!strncmp(argv[1], "udp", 3), argv[2], atoi(argv[3]), atoi(argv[4]), atof(argv[5]), atoi(argv[6]));
    fprintf(stderr, "usage: see the comment at the top of echo_baseline.c\n");
    return 2;
}
