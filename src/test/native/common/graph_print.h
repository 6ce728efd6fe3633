/*
 * Printing ros_discovery_info announcements, shared by the peers built from Iron's (16-byte) and Humble's
 * (24-byte) Gid IDL: the Gid size comes from the including peer's generated types. Include after the
 * generated header.
 */
#ifndef CPO_GRAPH_PRINT_H
#define CPO_GRAPH_PRINT_H

#include <stdbool.h>
#include <stdio.h>
#include "dds/dds.h"

static void print_gid(const rmw_dds_common_msg_dds__Gid_ *g)
{
  for (size_t i = 0; i < sizeof g->data_; i++) printf("%02x", g->data_[i]);
}

static void print_gids(const dds_sequence_rmw_dds_common_msg_dds__Gid_ *q)
{
  for (uint32_t i = 0; i < q->_length; i++) { if (i) printf(","); print_gid(&q->_buffer[i]); }
}

/*
 * Prints each announcement taken from reader as
 * "GRAPH gid=<hex> node=<ns>|<name> readers=<hex,...> writers=<hex,...>" until deadline or stop().
 */
static void print_graph_until(dds_entity_t reader, dds_time_t deadline, bool (*stop)(void))
{
  while (dds_time() < deadline && !stop()) {
    void *buf[1] = { NULL };
    dds_sample_info_t info;
    int n = dds_take(reader, buf, &info, 1, 1);
    if (n <= 0) { dds_sleepfor(DDS_MSECS(10)); continue; }
    if (info.valid_data) {
      const rmw_dds_common_msg_dds__ParticipantEntitiesInfo_ *m = buf[0];
      for (uint32_t i = 0; i < m->node_entities_info_seq_._length; i++) {
        const rmw_dds_common_msg_dds__NodeEntitiesInfo_ *node = &m->node_entities_info_seq_._buffer[i];
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
}

#endif
