/*
 * The verifier benches' load client in C (bench/verify-load.ts builds and runs it): the service
 * shares the machine's two cores with it, so a client that costs ~60 µs of CPU per request (node's
 * sockets and event loop) takes a share of the cores the bench means to give the service. This one
 * does one write, one read and a share of an epoll_wait per request.
 *
 * usage: load-client REQUESTS_FILE CONNECTIONS MAX_MS PORT...
 * REQUESTS_FILE: each request as a 4-byte little-endian length and its bytes, sent in that order;
 * connection c goes to PORT[c % ports], keep-alive, one request in flight on it.
 * stdout: "ok N", "cpu_us N", "seconds S", then one latency a line (ms, in send order).
 * A response is counted ok when its status is 200 and its body holds "ok" in quotes.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BUF 65536

struct conn {
  int fd;
  long req;     /* the request in flight, -1 when none */
  double sent;  /* its send time, ms */
  size_t have;  /* bytes of the response read so far */
  char buf[BUF];
};

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void die(const char *what) {
  perror(what);
  exit(2);
}

int main(int argc, char **argv) {
  if (argc < 5) {
    fprintf(stderr, "usage: %s REQUESTS_FILE CONNECTIONS MAX_MS PORT...\n", argv[0]);
    return 2;
  }
  FILE *f = fopen(argv[1], "rb");
  if (!f) die("requests file");
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *data = malloc(size);
  if (!data || fread(data, 1, size, f) != (size_t)size) die("read requests");
  fclose(f);
  long n = 0;
  for (long off = 0; off + 4 <= size; n++) off += 4 + (long)((uint8_t)data[off] | (uint8_t)data[off + 1] << 8 | (uint8_t)data[off + 2] << 16 | (uint32_t)(uint8_t)data[off + 3] << 24);
  char **req = malloc(n * sizeof *req);
  uint32_t *len = malloc(n * sizeof *len);
  double *lat = calloc(n, sizeof *lat);
  for (long i = 0, off = 0; i < n; i++) {
    len[i] = (uint8_t)data[off] | (uint8_t)data[off + 1] << 8 | (uint8_t)data[off + 2] << 16 | (uint32_t)(uint8_t)data[off + 3] << 24;
    req[i] = data + off + 4;
    off += 4 + len[i];
  }
  int conns = atoi(argv[2]);
  double max_ms = atof(argv[3]);
  int ports = argc - 4;
  int ep = epoll_create1(0);
  if (ep < 0) die("epoll_create1");
  struct conn *c = calloc(conns, sizeof *c);
  long next = 0, done = 0, ok = 0, open = conns;
  double start = now_ms(), deadline = start + max_ms;
  for (int i = 0; i < conns; i++) {
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(atoi(argv[4 + i % ports]))};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    c[i].fd = socket(AF_INET, SOCK_STREAM, 0);
    if (c[i].fd < 0) die("socket");
    int one = 1;
    setsockopt(c[i].fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(c[i].fd, (struct sockaddr *)&a, sizeof a) < 0) die("connect"); /* blocking: loopback, before the clock matters */
    c[i].req = -1;
    struct epoll_event e = {.events = EPOLLIN, .data.u32 = i};
    if (epoll_ctl(ep, EPOLL_CTL_ADD, c[i].fd, &e) < 0) die("epoll_ctl");
  }
  struct rusage u0, u;
  getrusage(RUSAGE_SELF, &u0);
  start = now_ms();
  deadline = start + max_ms;
  /* send: the next request on connection i, or close it when none is left */
#define SEND(i)                                                                   \
  do {                                                                            \
    if (next >= n || now_ms() > deadline) {                                       \
      close(c[i].fd);                                                             \
      c[i].fd = -1;                                                               \
      open--;                                                                     \
    } else {                                                                      \
      c[i].req = next++;                                                          \
      c[i].have = 0;                                                              \
      c[i].sent = now_ms();                                                       \
      if (write(c[i].fd, req[c[i].req], len[c[i].req]) != (ssize_t)len[c[i].req]) \
        die("write");                                                             \
    }                                                                             \
  } while (0)
  for (int i = 0; i < conns; i++) SEND(i);
  struct epoll_event ev[64];
  while (open > 0) {
    int k = epoll_wait(ep, ev, 64, 1000);
    if (k < 0 && errno != EINTR) die("epoll_wait");
    for (int j = 0; j < k; j++) {
      int i = ev[j].data.u32;
      struct conn *x = &c[i];
      if (x->fd < 0) continue;
      ssize_t r = read(x->fd, x->buf + x->have, BUF - 1 - x->have);
      if (r <= 0) {
        fprintf(stderr, "connection %d closed by the service\n", i);
        return 3;
      }
      x->have += r;
      x->buf[x->have] = 0;
      char *end = strstr(x->buf, "\r\n\r\n");
      if (!end) continue;
      char *cl = strcasestr(x->buf, "\r\ncontent-length:");
      if (!cl || cl > end) {
        fprintf(stderr, "response without Content-Length\n");
        return 3;
      }
      size_t body = strtoul(cl + 17, NULL, 10);
      size_t total = (end - x->buf) + 4 + body;
      if (x->have < total) continue;
      if (x->have > total) {
        fprintf(stderr, "more than one response at once\n");
        return 3;
      }
      lat[x->req] = now_ms() - x->sent;
      if (!strncmp(x->buf, "HTTP/1.1 200", 12) && memmem(end + 4, body, "\"ok\"", 4)) ok++;
      done++;
      SEND(i);
    }
  }
  double seconds = (now_ms() - start) / 1e3;
  getrusage(RUSAGE_SELF, &u);
#define US(t) ((t).tv_sec * 1e6 + (t).tv_usec)
  printf("ok %ld\ncpu_us %.0f\nseconds %.6f\n", ok, US(u.ru_utime) - US(u0.ru_utime) + US(u.ru_stime) - US(u0.ru_stime), seconds);
  for (long i = 0; i < done; i++) printf("%.4f\n", lat[i]);
  return 0;
}
