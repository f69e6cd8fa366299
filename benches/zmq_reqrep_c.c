/* A C libzmq REQ/REP pair and PUSH/PULL pair for benches/zmq_reqrep.sh: the
 * floor netkit's REQ/REP latency and the ceiling of its PUSH/PULL rate are
 * compared with (same libzmq that zmq-sys builds).
 *   zmq_reqrep_c rep ENDPOINT        echo until killed
 *   zmq_reqrep_c req ENDPOINT N      N round trips; prints {"rate":..,"p50_us":..}
 *   zmq_reqrep_c pull ENDPOINT N     bind, N messages; prints {"messages":..,"rate":..}
 *   zmq_reqrep_c push ENDPOINT N     connect, send "1".."N", linger until delivered
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zmq.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc < 3) return 2;
    void *ctx = zmq_ctx_new();
    char buf[256];
    if (strcmp(argv[1], "rep") == 0) {
        void *s = zmq_socket(ctx, ZMQ_REP);
        if (zmq_bind(s, argv[2]) != 0) { perror("bind"); return 4; }
        for (;;) {
            int n = zmq_recv(s, buf, sizeof buf, 0);
            if (n < 0) return 3;
            zmq_send(s, buf, n > (int)sizeof buf ? (int)sizeof buf : n, 0);
        }
    }
    int n = argc > 3 ? atoi(argv[3]) : 10000;
    if (strcmp(argv[1], "pull") == 0) {
        void *s = zmq_socket(ctx, ZMQ_PULL);
        if (zmq_bind(s, argv[2]) != 0) { perror("bind"); return 4; }
        if (zmq_recv(s, buf, sizeof buf, 0) < 0) return 3;
        double t0 = now();
        for (int i = 1; i < n; i++)
            if (zmq_recv(s, buf, sizeof buf, 0) < 0) return 3;
        double el = now() - t0;
        printf("{\"messages\": %d, \"rate\": %f}\n", n, (n - 1) / el);
        fflush(stdout);
        zmq_close(s);
        zmq_ctx_term(ctx);
        return 0;
    }
    if (strcmp(argv[1], "push") == 0) {
        void *s = zmq_socket(ctx, ZMQ_PUSH);
        zmq_connect(s, argv[2]);
        for (int i = 1; i <= n; i++) {
            int len = snprintf(buf, sizeof buf, "%d", i);
            if (zmq_send(s, buf, len, 0) < 0) return 3;
        }
        zmq_close(s);      /* default linger: wait until every message is out */
        zmq_ctx_term(ctx);
        return 0;
    }
    void *s = zmq_socket(ctx, ZMQ_REQ);
    zmq_connect(s, argv[2]);
    double *rtt = malloc(sizeof(double) * n);
    double t0 = now();
    for (int i = 0; i < n; i++) {
        double a = now();
        zmq_send(s, "x", 1, 0);
        if (zmq_recv(s, buf, sizeof buf, 0) < 0) return 3;
        rtt[i] = now() - a;
    }
    double el = now() - t0;
    qsort(rtt, n, sizeof(double), cmp);
    printf("{\"rate\": %f, \"p50_us\": %f}\n", n / el, rtt[n / 2] * 1e6);
    zmq_close(s);
    zmq_ctx_term(ctx);
    return 0;
}
