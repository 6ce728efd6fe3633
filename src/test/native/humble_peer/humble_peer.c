/*
 * A Humble-layout reader of ros_discovery_info, independent of the Java code: types from
 * humble_graph.idl via idlc.
 *
 *   humble_peer graph SECONDS   print every announcement as
 *                               "GRAPH gid=<48 hex> node=<ns>|<name> readers=<hex,...> writers=<hex,...>"
 *                               until stdin reaches EOF or SECONDS pass
 */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "dds/dds.h"
#include "humble_graph.h"

typedef rmw_dds_common_msg_dds__Gid_ Gid;
typedef rmw_dds_common_msg_dds__NodeEntitiesInfo_ NodeEntitiesInfo;
typedef rmw_dds_common_msg_dds__ParticipantEntitiesInfo_ ParticipantEntitiesInfo;

static int ok(const char *what, int rc)
{
  if (rc < 0) { fprintf(stderr, "%s: %s\n", what, dds_strretcode(rc)); exit(1); }
  return rc;
}

static bool stdin_closed(void)
{
  struct pollfd fd = { .fd = 0, .events = POLLIN };
  if (poll(&fd, 1, 0) > 0) {
    char buf[64];
    return read(0, buf, sizeof buf) <= 0;
  }
  return false;
}

static void print_gid(const Gid *g)
{
  for (int i = 0; i < 24; i++) printf("%02x", g->data_[i]);
}

static void print_gids(const dds_sequence_rmw_dds_common_msg_dds__Gid_ *q)
{
  for (uint32_t i = 0; i < q->_length; i++) { if (i) printf(","); print_gid(&q->_buffer[i]); }
}

static int graph(int seconds)
{
  dds_entity_t pp = ok("participant", dds_create_participant(DDS_DOMAIN_DEFAULT, NULL, NULL));
  dds_qos_t *q = dds_create_qos();
  dds_qset_reliability(q, DDS_RELIABILITY_RELIABLE, DDS_MSECS(100));
  dds_qset_durability(q, DDS_DURABILITY_TRANSIENT_LOCAL);
  dds_qset_history(q, DDS_HISTORY_KEEP_LAST, 100);
  dds_entity_t topic = ok("topic", dds_create_topic(pp, &rmw_dds_common_msg_dds__ParticipantEntitiesInfo__desc,
                                                    "ros_discovery_info", NULL, NULL));
  dds_entity_t reader = ok("reader", dds_create_reader(pp, topic, q, NULL));
  dds_delete_qos(q);
  printf("READY\n");
  fflush(stdout);
  dds_time_t deadline = dds_time() + DDS_SECS(seconds);
  while (dds_time() < deadline && !stdin_closed()) {
    void *buf[1] = { NULL };
    dds_sample_info_t info;
    int n = dds_take(reader, buf, &info, 1, 1);
    if (n <= 0) { dds_sleepfor(DDS_MSECS(10)); continue; }
    if (info.valid_data) {
      const ParticipantEntitiesInfo *m = buf[0];
      for (uint32_t i = 0; i < m->node_entities_info_seq_._length; i++) {
        const NodeEntitiesInfo *node = &m->node_entities_info_seq_._buffer[i];
        printf("GRAPH gid=");
        print_gid(&m->gid_);
        printf(" node=%s|%s readers=", node->node_namespace_, node->node_name_);
        print_gids(&node->reader_gid_seq_);
        printf(" writers=");
        print_gids(&node->writer_gid_seq_);
        printf("\n");
      }
      fflush(stdout);
    }
    dds_return_loan(reader, buf, n);
  }
  dds_delete(pp);
  return 0;
}

int main(int argc, char **argv)
{
  if (argc == 3 && strcmp(argv[1], "graph") == 0) return graph(atoi(argv[2]));
  fprintf(stderr, "usage: humble_peer graph SECONDS\n");
  return 2;
}
