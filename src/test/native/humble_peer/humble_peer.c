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
#include "stdin_eof.h"
#include "graph_print.h"

static int ok(const char *what, int rc)
{
  if (rc < 0) { fprintf(stderr, "%s: %s\n", what, dds_strretcode(rc)); exit(1); }
  return rc;
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
  print_graph_until(reader, dds_time() + DDS_SECS(seconds), stdin_closed);
  dds_delete(pp);
  return 0;
}

int main(int argc, char **argv)
{
  if (argc == 3 && strcmp(argv[1], "graph") == 0) return graph(atoi(argv[2]));
  fprintf(stderr, "usage: humble_peer graph SECONDS\n");
  return 2;
}
