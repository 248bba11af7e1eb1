/*
 * amqp_ceiling: the "raw ceiling" for Kunskapsloop's kernel benchmarks.
 *
 * A minimal librabbitmq 0.11 program with production durability: persistent
 * messages (delivery_mode 2) into a durable quorum queue, publisher confirms
 * (window 1000), manual acks (prefetch 500, multiple-ack every 100).
 *
 *   amqp_ceiling HOST PORT VHOST USER PASSWORD N SIZE
 *
 * Prints three key=value lines on stdout; on any error one line on stderr
 * naming the failed step, then exit 1 (after a best-effort queue delete).
 *
 * gcc -O2 -Wall -Wextra -Werror -o amqp_ceiling amqp_ceiling.c -lrabbitmq -lpthread
 */
#include <amqp.h>
#include <amqp_tcp_socket.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { WINDOW = 1000, PREFETCH = 500, ACK_EVERY = 100, TIMEOUT_S = 60 };
#define CH 1 /* one channel per connection is all we need */

struct cfg { const char *host, *vhost, *user, *pass; int port; };
static struct cfg g_cfg;
static char g_queue[2][128];          /* queues to delete if we die */
static pthread_mutex_t g_die = PTHREAD_MUTEX_INITIALIZER;

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Best effort: a fresh connection deletes our queues, so an aborted run does
 * not leave durable queues full of messages on the broker. */
static void cleanup_queues(void) {
  if (!g_queue[0][0] && !g_queue[1][0]) return;
  amqp_connection_state_t c = amqp_new_connection();
  amqp_socket_t *s = amqp_tcp_socket_new(c);
  struct timeval tv = {5, 0};
  if (s && amqp_socket_open_noblock(s, g_cfg.host, g_cfg.port, &tv) == AMQP_STATUS_OK) {
    amqp_set_rpc_timeout(c, &tv);
    if (amqp_login(c, g_cfg.vhost, 0, 131072, 0, AMQP_SASL_METHOD_PLAIN, g_cfg.user,
                   g_cfg.pass).reply_type == AMQP_RESPONSE_NORMAL &&
        amqp_channel_open(c, CH)) {
      for (int i = 0; i < 2; i++)
        if (g_queue[i][0]) amqp_queue_delete(c, CH, amqp_cstring_bytes(g_queue[i]), 0, 0);
      amqp_channel_close(c, CH, AMQP_REPLY_SUCCESS);
    }
    amqp_connection_close(c, AMQP_REPLY_SUCCESS);
  }
  amqp_destroy_connection(c);
}

/* One line to stderr, clean up, exit 1. Callable from any thread: the mutex is
 * never released, so a second failing thread just waits for exit(). */
static void die(const char *fmt, ...) {
  pthread_mutex_lock(&g_die);
  va_list ap;
  va_start(ap, fmt);
  fputs("amqp_ceiling: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  cleanup_queues();
  exit(1);
}

/* Broker close methods carry the reply text worth showing. */
static void die_on_close_method(const amqp_method_t *m, const char *step) {
  if (m->id == AMQP_CHANNEL_CLOSE_METHOD) {
    amqp_channel_close_t *d = m->decoded;
    die("%s: channel closed by broker: %d %.*s", step, d->reply_code,
        (int)d->reply_text.len, (char *)d->reply_text.bytes);
  }
  if (m->id == AMQP_CONNECTION_CLOSE_METHOD) {
    amqp_connection_close_t *d = m->decoded;
    die("%s: connection closed by broker: %d %.*s", step, d->reply_code,
        (int)d->reply_text.len, (char *)d->reply_text.bytes);
  }
}

static void check_reply(amqp_rpc_reply_t r, const char *step) {
  if (r.reply_type == AMQP_RESPONSE_NORMAL) return;
  if (r.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION)
    die("%s: %s", step, amqp_error_string2(r.library_error));
  if (r.reply_type == AMQP_RESPONSE_SERVER_EXCEPTION) die_on_close_method(&r.reply, step);
  die("%s: unexpected reply (type %d, method 0x%08x)", step, r.reply_type, r.reply.id);
}

static void check_status(int status, const char *step) {
  if (status != AMQP_STATUS_OK) die("%s: %s", step, amqp_error_string2(status));
}

static amqp_connection_state_t open_conn(const char *who) {
  char step[96];
  amqp_connection_state_t c = amqp_new_connection();
  amqp_socket_t *s = amqp_tcp_socket_new(c);
  if (!s) die("%s: creating TCP socket failed", who);
  snprintf(step, sizeof step, "%s: connect %s:%d", who, g_cfg.host, g_cfg.port);
  struct timeval tv = {TIMEOUT_S, 0};
  check_status(amqp_socket_open_noblock(s, g_cfg.host, g_cfg.port, &tv), step);
  check_status(amqp_set_rpc_timeout(c, &tv), step); /* no RPC may hang forever */
  /* heartbeat 0: the library only services heartbeats inside its own calls,
   * and an idle connection between phases must not be dropped. */
  snprintf(step, sizeof step, "%s: login vhost %s as %s", who, g_cfg.vhost, g_cfg.user);
  check_reply(amqp_login(c, g_cfg.vhost, 0, 131072, 0, AMQP_SASL_METHOD_PLAIN, g_cfg.user,
                         g_cfg.pass), step);
  amqp_channel_open(c, CH);
  snprintf(step, sizeof step, "%s: channel.open", who);
  check_reply(amqp_get_rpc_reply(c), step);
  return c;
}

static void close_conn(amqp_connection_state_t c, const char *who) {
  char step[96];
  snprintf(step, sizeof step, "%s: channel.close", who);
  check_reply(amqp_channel_close(c, CH, AMQP_REPLY_SUCCESS), step);
  snprintf(step, sizeof step, "%s: connection.close", who);
  check_reply(amqp_connection_close(c, AMQP_REPLY_SUCCESS), step);
  check_status(amqp_destroy_connection(c), step);
}

static void declare_queue(amqp_connection_state_t c, const char *name) {
  amqp_table_entry_t arg = {.key = amqp_cstring_bytes("x-queue-type"),
                            .value = {.kind = AMQP_FIELD_KIND_UTF8,
                                      .value.bytes = amqp_cstring_bytes("quorum")}};
  amqp_table_t args = {.num_entries = 1, .entries = &arg};
  /* quorum queues must be durable, non-exclusive, non-auto-delete */
  amqp_queue_declare(c, CH, amqp_cstring_bytes(name), 0, 1, 0, 0, args);
  check_reply(amqp_get_rpc_reply(c), "queue.declare (durable, x-queue-type=quorum)");
}

static void delete_queue(amqp_connection_state_t c, char *name) {
  amqp_queue_delete_ok_t *ok = amqp_queue_delete(c, CH, amqp_cstring_bytes(name), 0, 0);
  check_reply(amqp_get_rpc_reply(c), "queue.delete");
  /* every message was consumed and acked, so nothing may be left behind */
  if (ok->message_count != 0) die("queue.delete: %u messages left in %s", ok->message_count, name);
  name[0] = '\0';
}

/* Publish n persistent messages with confirms, at most WINDOW unconfirmed.
 * Delivery tags start at 1; `low` is the oldest unconfirmed tag and done[] a
 * ring marking confirmed tags in [low, pub] (acks need not arrive in order).
 * Returns seconds from first publish to last confirm; *t_start = first publish. */
static double publish_n(amqp_connection_state_t c, const char *queue, uint64_t n,
                        amqp_bytes_t body, double *t_start) {
  unsigned char done[WINDOW] = {0};
  amqp_basic_properties_t props = {._flags = AMQP_BASIC_DELIVERY_MODE_FLAG, .delivery_mode = 2};
  amqp_bytes_t rk = amqp_cstring_bytes(queue);
  uint64_t pub = 0, low = 1;
  *t_start = now();
  while (low <= n) {
    if (pub < n && pub - (low - 1) < WINDOW) { /* room in the window: publish */
      check_status(amqp_basic_publish(c, CH, amqp_empty_bytes, rk, 0, 0, &props, body),
                   "basic.publish");
      pub++;
      continue;
    }
    /* Window full (or all sent): block for the next frame. Frames already
     * buffered come back without a syscall on the next iterations. */
    amqp_frame_t f;
    struct timeval tv = {TIMEOUT_S, 0};
    amqp_maybe_release_buffers(c); /* decoded acks live in the connection pool */
    check_status(amqp_simple_wait_frame_noblock(c, &f, &tv), "waiting for publisher confirm");
    if (f.frame_type != AMQP_FRAME_METHOD) die("waiting for confirm: unexpected frame type %d", f.frame_type);
    die_on_close_method(&f.payload.method, "publish");
    if (f.payload.method.id == AMQP_BASIC_NACK_METHOD)
      die("publish: broker nacked delivery tag %llu",
          (unsigned long long)((amqp_basic_nack_t *)f.payload.method.decoded)->delivery_tag);
    if (f.payload.method.id == AMQP_CONNECTION_BLOCKED_METHOD)
      die("publish: broker blocked the connection (resource alarm)");
    if (f.payload.method.id != AMQP_BASIC_ACK_METHOD) continue; /* nothing else matters here */
    amqp_basic_ack_t *ack = f.payload.method.decoded;
    uint64_t tag = ack->delivery_tag;
    if (ack->multiple && tag == 0) tag = pub; /* tag 0 + multiple = everything */
    if (tag > pub) die("publish: confirm for unpublished tag %llu", (unsigned long long)tag);
    if (ack->multiple)
      for (uint64_t t = low; t <= tag; t++) done[t % WINDOW] = 1;
    else if (tag >= low)
      done[tag % WINDOW] = 1;
    while (low <= pub && done[low % WINDOW]) done[low++ % WINDOW] = 0;
  }
  return now() - *t_start;
}

static void start_consumer(amqp_connection_state_t c, const char *queue) {
  amqp_basic_qos(c, CH, 0, PREFETCH, 0);
  check_reply(amqp_get_rpc_reply(c), "basic.qos");
  /* no_ack=0: manual acks; the broker picks the consumer tag */
  amqp_basic_consume(c, CH, amqp_cstring_bytes(queue), amqp_empty_bytes, 0, 0, 0, amqp_empty_table);
  check_reply(amqp_get_rpc_reply(c), "basic.consume");
}

/* Receive n deliveries, ack with multiple=1 every ACK_EVERY and the remainder
 * at the end. Returns the time the last ack was sent. */
static double consume_n(amqp_connection_state_t c, uint64_t n, size_t size) {
  for (uint64_t got = 1; got <= n; got++) {
    amqp_envelope_t env;
    struct timeval tv = {TIMEOUT_S, 0};
    amqp_maybe_release_buffers(c);
    amqp_rpc_reply_t r = amqp_consume_message(c, &env, &tv, 0);
    if (r.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION &&
        r.library_error == AMQP_STATUS_UNEXPECTED_STATE) {
      /* a method other than basic.deliver arrived: find out which */
      amqp_frame_t f;
      check_status(amqp_simple_wait_frame_noblock(c, &f, &tv), "consume: reading frame");
      if (f.frame_type == AMQP_FRAME_METHOD) die_on_close_method(&f.payload.method, "consume");
      die("consume: unexpected frame (type %d, method 0x%08x)", f.frame_type,
          f.frame_type == AMQP_FRAME_METHOD ? f.payload.method.id : 0);
    }
    check_reply(r, "consume: basic.deliver");
    if (env.message.body.len != size)
      die("consume: body of %zu bytes, expected %zu", env.message.body.len, size);
    uint64_t tag = env.delivery_tag;
    amqp_destroy_envelope(&env);
    if (got % ACK_EVERY == 0 || got == n)
      check_status(amqp_basic_ack(c, CH, tag, 1), "consume: basic.ack");
  }
  return now();
}

/* Phase 3: publisher and consumer threads, each with its own connection. The
 * barrier makes both start only after their setup is done. */
struct both {
  const char *queue;
  uint64_t n;
  amqp_bytes_t body;
  pthread_barrier_t go;
  double t_start, t_end;
};

static void *publisher_thread(void *arg) {
  struct both *b = arg;
  amqp_connection_state_t c = open_conn("both: publisher");
  amqp_confirm_select(c, CH);
  check_reply(amqp_get_rpc_reply(c), "both: confirm.select");
  pthread_barrier_wait(&b->go);
  publish_n(c, b->queue, b->n, b->body, &b->t_start);
  close_conn(c, "both: publisher");
  return NULL;
}

static void *consumer_thread(void *arg) {
  struct both *b = arg;
  amqp_connection_state_t c = open_conn("both: consumer");
  start_consumer(c, b->queue);
  pthread_barrier_wait(&b->go);
  b->t_end = consume_n(c, b->n, b->body.len);
  close_conn(c, "both: consumer"); /* channel.close also cancels the consumer */
  return NULL;
}

static unsigned long parse_num(const char *s, const char *what, unsigned long max) {
  char *end;
  unsigned long v = strtoul(s, &end, 10);
  if (*s == '\0' || *end != '\0' || *s == '-' || v < 1 || v > max)
    die("arguments: bad %s '%s' (expected 1..%lu)", what, s, max);
  return v;
}

int main(int argc, char **argv) {
  if (argc != 8) {
    fprintf(stderr, "usage: %s HOST PORT VHOST USER PASSWORD N SIZE\n", argv[0]);
    return 1;
  }
  g_cfg = (struct cfg){argv[1], argv[3], argv[4], argv[5], 0};
  g_cfg.port = (int)parse_num(argv[2], "PORT", 65535);
  uint64_t n = parse_num(argv[6], "N", 1000000000UL);
  size_t size = parse_num(argv[7], "SIZE", 128UL << 20);

  amqp_bytes_t body = {size, malloc(size)};
  if (!body.bytes) die("allocating %zu-byte body", size);
  memset(body.bytes, 'x', size);
  long stamp = (long)time(NULL);
  snprintf(g_queue[0], sizeof g_queue[0], "bench.raw.%d.%ld", (int)getpid(), stamp);
  snprintf(g_queue[1], sizeof g_queue[1], "bench.raw.%d.%ld.both", (int)getpid(), stamp);
  const char *q0 = g_queue[0], *q1 = g_queue[1]; /* emptied once deleted */

  /* Phase 1: publish N with confirms on the main connection. */
  amqp_connection_state_t pc = open_conn("publisher");
  declare_queue(pc, q0);
  amqp_confirm_select(pc, CH);
  check_reply(amqp_get_rpc_reply(pc), "confirm.select");
  double t0, pub_s = publish_n(pc, q0, n, body, &t0);

  /* Phase 2: drain the full queue on a second connection. */
  amqp_connection_state_t cc = open_conn("consumer");
  double t_consume = now();
  start_consumer(cc, q0);
  double cons_s = consume_n(cc, n, size) - t_consume;
  close_conn(cc, "consumer");

  /* Phase 3: a fresh queue, publisher and consumer at the same time. */
  declare_queue(pc, q1);
  struct both b = {.queue = q1, .n = n, .body = body};
  pthread_t tp, tc;
  if (pthread_barrier_init(&b.go, NULL, 2) != 0) die("both: pthread_barrier_init");
  if (pthread_create(&tc, NULL, consumer_thread, &b) != 0 ||
      pthread_create(&tp, NULL, publisher_thread, &b) != 0)
    die("both: pthread_create");
  pthread_join(tp, NULL);
  pthread_join(tc, NULL);
  pthread_barrier_destroy(&b.go);
  double both_s = b.t_end - b.t_start;

  delete_queue(pc, g_queue[0]);
  delete_queue(pc, g_queue[1]);
  close_conn(pc, "publisher");
  free(body.bytes);

  printf("publish_confirmed_msgs_per_s=%.1f\n", n / pub_s);
  printf("consume_acked_msgs_per_s=%.1f\n", n / cons_s);
  printf("publish_consume_msgs_per_s=%.1f\n", n / both_s);
  return 0;
}
