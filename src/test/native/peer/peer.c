/*
 * Independent Cyclone DDS peer for the Java transport tests, built from ros_msgs.idl with idlc.
 * Message values come from the fill_* rules below, which mirror the Java test Fixtures (same
 * formulas); check_* compares every field of what Java sent.
 *
 *   peer describe             print each type's descriptor and flattened-by-Cyclone ops word count
 *   peer interop SEQ SECONDS  publish sample(SEQ) of every type on rt/c_to_java/<T> (reliable,
 *                             transient-local, keep last 1), check sample(SEQ) on rt/java_to_c/<T>
 *   peer bad SECONDS          once matched, publish bad data then good data: invalid UTF-8 then valid on
 *                             rt/bad/utf8, 5000 then 10 ranges on rt/bad/scan, and a Twist on rt/bad/type
 *   peer flood N SECONDS      once matched, publish N samples on each of rt/flood/utf8 (String, invalid UTF-8)
 *                             and rt/flood/cdr (String's type name with a uint32 where the string should be,
 *                             which the receiving Cyclone cannot deserialise), reliable, keep all
 *   peer flood-odom N SECONDS once matched, publish N Odometry samples with an invalid UTF-8 header.frame_id on
 *                             rt/odom, reliable, keep all
 *   peer graph SECONDS        print every ros_discovery_info announcement (reliable, transient local) as
 *                             "GRAPH gid=<hex> node=<ns>|<name> readers=<hex,...> writers=<hex,...>"
 *   peer endpoints SECONDS   print every discovered remote reader and writer on rt/ topics as
 *                             "ENDPOINT <reader|writer> <topic> type=<dds type> durability=<0 volatile|1 tl>
 *                             userdata=<text> ds_depth=<durability service depth or -> autodispose=<0|1|->
 *                             lifespan=<ns, or - for infinite>"
 *   peer echo SECONDS         reply to every rt/odom Odometry with a rt/cmd_vel Twist (linear.x = position.x)
 *   peer ping N SECONDS [W]   send W untimed then N timed Odometry on rt/odom, one at a time, waiting for
 *                             each rt/cmd_vel reply; print p50/p99 of the N round trips in us
 *   peer odom SECONDS         publish Odometry on rt/odom every 20 ms (at rest at x = 0, stamped now)
 *   peer estop VALUE SECONDS  publish std_msgs/Bool VALUE (0 or 1) on rt/estop every 100 ms (reliable,
 *                             transient local, so both of the node's e-stop readers match)
 *   peer listen SECONDS       read rt/cmd_vel, rt/diagnostics and ros_discovery_info and watch DCPSPublication;
 *                             print "PARTICIPANT <user data>" per participant discovered, and at the end
 *                             "LISTEN samples=<n> publications=<topic,...>"
 *
 * odom and estop print "WRITING <topic>" once the writer exists, or "DENIED <topic>: <reason>" when Cyclone
 * refuses to create it (the peer's own permissions do not allow it), then keep running.
 * Modes other than describe and ping run until stdin reaches EOF (the test's signal) or SECONDS pass.
 *
 * With PEER_ENCLAVE set to an enclave directory of an SROS 2 keystore, the participant carries the DDS
 * Security properties rmw_cyclonedds sets (identity and permissions CAs, certificate, key, governance,
 * permissions), with Cyclone's plugins from the directory PEER_SECURITY_PLUGINS.
 */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "dds/dds.h"
#include "dds/ddsi/ddsi_cdrstream.h"
#include "ros_msgs.h"
#include "stdin_eof.h"
#include "graph_print.h"

typedef builtin_interfaces_msg_dds__Time_ Time;
typedef std_msgs_msg_dds__Header_ Header;
typedef std_msgs_msg_dds__String_ StringMessage;
typedef std_msgs_msg_dds__Bool_ Bool;
typedef std_msgs_msg_dds__Empty_ Empty;
typedef geometry_msgs_msg_dds__Vector3_ Vector3;
typedef geometry_msgs_msg_dds__Point_ Point;
typedef geometry_msgs_msg_dds__Quaternion_ Quaternion;
typedef geometry_msgs_msg_dds__Pose_ Pose;
typedef geometry_msgs_msg_dds__PoseWithCovariance_ PoseWithCovariance;
typedef geometry_msgs_msg_dds__Twist_ Twist;
typedef geometry_msgs_msg_dds__TwistWithCovariance_ TwistWithCovariance;
typedef geometry_msgs_msg_dds__TwistStamped_ TwistStamped;
typedef nav_msgs_msg_dds__Odometry_ Odometry;
typedef sensor_msgs_msg_dds__LaserScan_ LaserScan;
typedef sensor_msgs_msg_dds__Imu_ Imu;
typedef rosgraph_msgs_msg_dds__Clock_ Clock;
typedef diagnostic_msgs_msg_dds__KeyValue_ KeyValue;
typedef diagnostic_msgs_msg_dds__DiagnosticStatus_ DiagnosticStatus;
typedef diagnostic_msgs_msg_dds__DiagnosticArray_ DiagnosticArray;
typedef rcl_interfaces_msg_dds__Log_ Log;
typedef rmw_dds_common_msg_dds__Gid_ Gid;
typedef rmw_dds_common_msg_dds__NodeEntitiesInfo_ NodeEntitiesInfo;
typedef rmw_dds_common_msg_dds__ParticipantEntitiesInfo_ ParticipantEntitiesInfo;
typedef rcl_interfaces_msg_dds__ParameterValue_ ParameterValue;
typedef rcl_interfaces_msg_dds__Parameter_ Parameter;
typedef rcl_interfaces_msg_dds__ParameterEvent_ ParameterEvent;
typedef rcl_interfaces_msg_dds__FloatingPointRange_ FloatingPointRange;
typedef rcl_interfaces_msg_dds__IntegerRange_ IntegerRange;
typedef rcl_interfaces_msg_dds__ParameterDescriptor_ ParameterDescriptor;
typedef rcl_interfaces_msg_dds__SetParametersResult_ SetParametersResult;
typedef rcl_interfaces_msg_dds__ListParametersResult_ ListParametersResult;
typedef lifecycle_msgs_msg_dds__State_ State;
typedef lifecycle_msgs_msg_dds__Transition_ Transition;
typedef lifecycle_msgs_msg_dds__TransitionDescription_ TransitionDescription;
typedef lifecycle_msgs_msg_dds__TransitionEvent_ TransitionEvent;

static char *fmt(const char *f, int s)
{
  char b[128];
  snprintf(b, sizeof b, f, s);
  return dds_string_dup(b);
}

/* ---- values: keep in step with src/test/java/org/cponode/ros/Fixtures.java ---- */
static void fill_Time(Time *m, int s) { m->sec_ = s; m->nanosec_ = 500000000u + (uint32_t) s; }
static void fill_Header(Header *m, int s) { fill_Time(&m->stamp_, s); m->frame_id_ = fmt("frame_\xc3\xbc_%d", s); }
static void fill_StringMessage(StringMessage *m, int s) { m->data_ = fmt("hello_\xe2\x9c\x93_%d", s); }
static void fill_Bool(Bool *m, int s) { m->data_ = (s % 2 == 1); }
static void fill_Empty(Empty *m, int s) { (void) s; m->structure_needs_at_least_one_member = 0; }
static void fill_Vector3(Vector3 *m, int s) { m->x_ = s + 0.1; m->y_ = s + 0.2; m->z_ = s + 0.3; }
static void fill_Point(Point *m, int s) { m->x_ = s + 1.1; m->y_ = s + 1.2; m->z_ = s + 1.3; }
static void fill_Quaternion(Quaternion *m, int s) { m->x_ = s + 2.1; m->y_ = s + 2.2; m->z_ = s + 2.3; m->w_ = s + 2.4; }
static void fill_Pose(Pose *m, int s) { fill_Point(&m->position_, s); fill_Quaternion(&m->orientation_, s); }
static void fill_cov(double *c, int n, int s, double step) { for (int k = 0; k < n; k++) c[k] = s + step * k; }
static void fill_PoseWithCovariance(PoseWithCovariance *m, int s) { fill_Pose(&m->pose_, s); fill_cov(m->covariance_, 36, s, 0.01); }
static void fill_Twist(Twist *m, int s) { fill_Vector3(&m->linear_, s); fill_Vector3(&m->angular_, s + 10); }
static void fill_TwistWithCovariance(TwistWithCovariance *m, int s) { fill_Twist(&m->twist_, s); fill_cov(m->covariance_, 36, s, -0.01); }
static void fill_TwistStamped(TwistStamped *m, int s) { fill_Header(&m->header_, s); fill_Twist(&m->twist_, s); }
static void fill_Odometry(Odometry *m, int s)
{
  fill_Header(&m->header_, s);
  m->child_frame_id_ = fmt("base_link_%d", s);
  fill_PoseWithCovariance(&m->pose_, s);
  fill_TwistWithCovariance(&m->twist_, s);
}
static void fill_floats(dds_sequence_float *q, uint32_t n)
{
  q->_maximum = q->_length = n;
  q->_buffer = dds_alloc(n * sizeof(float) + 1);
  q->_release = true;
}
static void fill_LaserScan(LaserScan *m, int s)
{
  fill_Header(&m->header_, s);
  m->angle_min_ = -1.5f; m->angle_max_ = 1.5f; m->angle_increment_ = 0.01f; m->time_increment_ = 0.0001f;
  m->scan_time_ = 0.1f; m->range_min_ = 0.12f; m->range_max_ = 3.5f;
  fill_floats(&m->ranges_, 360);
  for (int i = 0; i < 360; i++) m->ranges_._buffer[i] = s + i * 0.01f;
  fill_floats(&m->intensities_, 3);
  for (int i = 0; i < 3; i++) m->intensities_._buffer[i] = (float) (s + i);
}
static void fill_Imu(Imu *m, int s)
{
  fill_Header(&m->header_, s);
  fill_Quaternion(&m->orientation_, s);
  fill_cov(m->orientation_covariance_, 9, s, 0.1);
  fill_Vector3(&m->angular_velocity_, s);
  fill_cov(m->angular_velocity_covariance_, 9, s, 0.2);
  fill_Vector3(&m->linear_acceleration_, s + 20);
  fill_cov(m->linear_acceleration_covariance_, 9, s, 0.3);
}
static void fill_Clock(Clock *m, int s) { fill_Time(&m->clock_time_, s); }
static void fill_KeyValue(KeyValue *m, int s) { m->key_ = fmt("key_%d", s); m->value_ = fmt("v\xc3\xa4lue_%d", s); }
static void fill_DiagnosticStatus(DiagnosticStatus *m, int s)
{
  m->level_ = (uint8_t) (s % 4);
  m->name_ = fmt("name_%d", s);
  m->message_ = fmt("msg_%d", s);
  m->hardware_id_ = fmt("hw_%d", s);
  m->values_._maximum = m->values_._length = 2;
  m->values_._buffer = dds_alloc(2 * sizeof(KeyValue));
  m->values_._release = true;
  for (int i = 0; i < 2; i++) fill_KeyValue(&m->values_._buffer[i], s + i);
}
static void fill_DiagnosticArray(DiagnosticArray *m, int s)
{
  fill_Header(&m->header_, s);
  m->status_._maximum = m->status_._length = 3;
  m->status_._buffer = dds_alloc(3 * sizeof(DiagnosticStatus));
  m->status_._release = true;
  for (int i = 0; i < 3; i++) fill_DiagnosticStatus(&m->status_._buffer[i], s + i);
}
static void fill_Log(Log *m, int s)
{
  fill_Time(&m->stamp_, s);
  m->level_ = (uint8_t) (10 * (1 + s % 5));
  m->name_ = fmt("ns_%d.node", s);
  m->msg_ = fmt("m\xc3\xa9ssage_%d", s);
  m->file_ = fmt("file_%d.java", s);
  m->function_ = fmt("function_%d", s);
  m->line_ = 1000u + (uint32_t) s;
}

static void fill_Gid(Gid *m, int s) { for (int i = 0; i < 16; i++) m->data_[i] = (uint8_t) (s + i); }
static void fill_gids(dds_sequence_rmw_dds_common_msg_dds__Gid_ *q, int n, int s)
{
  q->_maximum = q->_length = (uint32_t) n;
  q->_buffer = dds_alloc((size_t) n * sizeof(Gid));
  q->_release = true;
  for (int i = 0; i < n; i++) fill_Gid(&q->_buffer[i], s + i);
}
static void fill_NodeEntitiesInfo(NodeEntitiesInfo *m, int s)
{
  snprintf(m->node_namespace_, sizeof m->node_namespace_, "/ns_%d", s);
  snprintf(m->node_name_, sizeof m->node_name_, "node_%d", s);
  fill_gids(&m->reader_gid_seq_, 2, s);
  fill_gids(&m->writer_gid_seq_, 1, s + 2);
}
static void fill_ParticipantEntitiesInfo(ParticipantEntitiesInfo *m, int s)
{
  fill_Gid(&m->gid_, s + 100);
  m->node_entities_info_seq_._maximum = m->node_entities_info_seq_._length = 2;
  m->node_entities_info_seq_._buffer = dds_alloc(2 * sizeof(NodeEntitiesInfo));
  m->node_entities_info_seq_._release = true;
  for (int i = 0; i < 2; i++) fill_NodeEntitiesInfo(&m->node_entities_info_seq_._buffer[i], s + i);
}

/* A sequence of n elements of type T, owned by the sample. */
#define SEQ(q, n, T) do { (q)._maximum = (q)._length = (uint32_t) (n); \
    (q)._buffer = dds_alloc((size_t) (n) * sizeof(T) + 1); (q)._release = true; } while (0)
static void fill_ParameterValue(ParameterValue *m, int s)
{
  m->type_ = (uint8_t) (s % 10);
  m->bool_value_ = (s % 2 == 1);
  m->integer_value_ = s * 1000LL + 7;
  m->double_value_ = s + 0.5;
  m->string_value_ = fmt("str_\xc3\xbc_%d", s);
  SEQ(m->byte_array_value_, 3, uint8_t);
  for (int i = 0; i < 3; i++) m->byte_array_value_._buffer[i] = (uint8_t) (s + i);
  SEQ(m->bool_array_value_, 2, bool);
  m->bool_array_value_._buffer[0] = (s % 2 == 0); m->bool_array_value_._buffer[1] = (s % 2 == 1);
  SEQ(m->integer_array_value_, 2, int64_t);
  m->integer_array_value_._buffer[0] = s; m->integer_array_value_._buffer[1] = -s;
  SEQ(m->double_array_value_, 3, double);
  for (int i = 0; i < 3; i++) m->double_array_value_._buffer[i] = s + 0.25 + 0.5 * i;
  SEQ(m->string_array_value_, 2, char *);
  m->string_array_value_._buffer[0] = fmt("a_%d", s); m->string_array_value_._buffer[1] = fmt("b_\xc3\xa4_%d", s);
}
static void fill_Parameter(Parameter *m, int s) { m->name_ = fmt("param_%d", s); fill_ParameterValue(&m->value_, s); }
static void fill_ParameterEvent(ParameterEvent *m, int s)
{
  fill_Time(&m->stamp_, s);
  m->node_ = fmt("/node_%d", s);
  SEQ(m->new_parameters_, 1, Parameter);
  fill_Parameter(&m->new_parameters_._buffer[0], s);
  SEQ(m->changed_parameters_, 2, Parameter);
  for (int i = 0; i < 2; i++) fill_Parameter(&m->changed_parameters_._buffer[i], s + 1 + i);
  SEQ(m->deleted_parameters_, 0, Parameter);
}
static void fill_FloatingPointRange(FloatingPointRange *m, int s) { m->from_value_ = s + 0.1; m->to_value_ = s + 10.1; m->step_ = 0.5; }
static void fill_IntegerRange(IntegerRange *m, int s) { m->from_value_ = -s; m->to_value_ = s + 100; m->step_ = 2; }
static void fill_ParameterDescriptor(ParameterDescriptor *m, int s)
{
  m->name_ = fmt("desc_%d", s);
  m->type_ = (uint8_t) (s % 10);
  m->description_ = fmt("d_\xc3\xbc_%d", s);
  m->additional_constraints_ = fmt("c_%d", s);
  m->read_only_ = (s % 2 == 1);
  m->dynamic_typing_ = (s % 2 == 0);
  SEQ(m->floating_point_range_, 1, FloatingPointRange);
  fill_FloatingPointRange(&m->floating_point_range_._buffer[0], s);
  SEQ(m->integer_range_, 0, IntegerRange);
}
static void fill_SetParametersResult(SetParametersResult *m, int s) { m->successful_ = (s % 2 == 0); m->reason_ = fmt("reason_%d", s); }
static void fill_ListParametersResult(ListParametersResult *m, int s)
{
  SEQ(m->names_, 2, char *);
  m->names_._buffer[0] = fmt("n_%d", s); m->names_._buffer[1] = fmt("n_%d", s + 1);
  SEQ(m->prefixes_, 1, char *);
  m->prefixes_._buffer[0] = fmt("p_%d", s);
}

static void fill_State(State *m, int s) { m->id_ = (uint8_t) (200 + s); m->label_ = fmt("state_%d", s); }
static void fill_Transition(Transition *m, int s) { m->id_ = (uint8_t) (100 + s); m->label_ = fmt("transition_\xe2\x9c\x93_%d", s); }
static void fill_TransitionDescription(TransitionDescription *m, int s)
{
  fill_Transition(&m->transition_, s); fill_State(&m->start_state_, s); fill_State(&m->goal_state_, s + 1);
}
static uint64_t event_timestamp(int s) { return (UINT64_C(1) << 63) + UINT64_C(1000000007) * (uint64_t) s; }
static void fill_TransitionEvent(TransitionEvent *m, int s)
{
  m->timestamp_ = event_timestamp(s);
  fill_Transition(&m->transition_, s + 1); fill_State(&m->start_state_, s + 2); fill_State(&m->goal_state_, s + 3);
}

/* ---- checks: every field, with its path ---- */
static int passed, failed;
static void chk_d(const char *p, const char *f, double got, double want)
{
  if (got == want) { passed++; return; }
  failed++;
  printf("FAIL %s.%s: got %.17g, want %.17g\n", p, f, got, want);
}
static void chk_s(const char *p, const char *f, const char *got, const char *want)
{
  if (got != NULL && strcmp(got, want) == 0) { passed++; return; }
  failed++;
  printf("FAIL %s.%s: got \"%s\", want \"%s\"\n", p, f, got ? got : "(null)", want);
}
static void chk_u64(const char *p, const char *f, uint64_t got, uint64_t want)
{
  if (got == want) { passed++; return; }
  failed++;
  printf("FAIL %s.%s: got %llu, want %llu\n", p, f, (unsigned long long) got, (unsigned long long) want);
}
static const char *sub(char *buf, const char *p, const char *f) { snprintf(buf, 200, "%s.%s", p, f); return buf; }
#define SUB(f) sub(b, p, f)

static void check_Time(const Time *m, int s, const char *p) { chk_d(p, "sec", m->sec_, s); chk_d(p, "nanosec", m->nanosec_, 500000000u + (uint32_t) s); }
static void check_Header(const Header *m, int s, const char *p)
{
  char b[200], w[64];
  check_Time(&m->stamp_, s, SUB("stamp"));
  snprintf(w, sizeof w, "frame_\xc3\xbc_%d", s);
  chk_s(p, "frame_id", m->frame_id_, w);
}
static void check_StringMessage(const StringMessage *m, int s, const char *p) { char w[64]; snprintf(w, sizeof w, "hello_\xe2\x9c\x93_%d", s); chk_s(p, "data", m->data_, w); }
static void check_Bool(const Bool *m, int s, const char *p) { chk_d(p, "data", m->data_, s % 2 == 1); }
static void check_Empty(const Empty *m, int s, const char *p) { (void) s; chk_d(p, "structure_needs_at_least_one_member", m->structure_needs_at_least_one_member, 0); }
static void check_Vector3(const Vector3 *m, int s, const char *p) { chk_d(p, "x", m->x_, s + 0.1); chk_d(p, "y", m->y_, s + 0.2); chk_d(p, "z", m->z_, s + 0.3); }
static void check_Point(const Point *m, int s, const char *p) { chk_d(p, "x", m->x_, s + 1.1); chk_d(p, "y", m->y_, s + 1.2); chk_d(p, "z", m->z_, s + 1.3); }
static void check_Quaternion(const Quaternion *m, int s, const char *p)
{
  chk_d(p, "x", m->x_, s + 2.1); chk_d(p, "y", m->y_, s + 2.2); chk_d(p, "z", m->z_, s + 2.3); chk_d(p, "w", m->w_, s + 2.4);
}
static void check_Pose(const Pose *m, int s, const char *p) { char b[200]; check_Point(&m->position_, s, SUB("position")); check_Quaternion(&m->orientation_, s, SUB("orientation")); }
static void check_cov(const double *c, int n, int s, double step, const char *p, const char *f)
{
  char name[64];
  for (int k = 0; k < n; k++) { snprintf(name, sizeof name, "%s[%d]", f, k); chk_d(p, name, c[k], s + step * k); }
}
static void check_PoseWithCovariance(const PoseWithCovariance *m, int s, const char *p) { char b[200]; check_Pose(&m->pose_, s, SUB("pose")); check_cov(m->covariance_, 36, s, 0.01, p, "covariance"); }
static void check_Twist(const Twist *m, int s, const char *p) { char b[200]; check_Vector3(&m->linear_, s, SUB("linear")); check_Vector3(&m->angular_, s + 10, SUB("angular")); }
static void check_TwistWithCovariance(const TwistWithCovariance *m, int s, const char *p) { char b[200]; check_Twist(&m->twist_, s, SUB("twist")); check_cov(m->covariance_, 36, s, -0.01, p, "covariance"); }
static void check_TwistStamped(const TwistStamped *m, int s, const char *p) { char b[200]; check_Header(&m->header_, s, SUB("header")); check_Twist(&m->twist_, s, SUB("twist")); }
static void check_Odometry(const Odometry *m, int s, const char *p)
{
  char b[200], w[64];
  check_Header(&m->header_, s, SUB("header"));
  snprintf(w, sizeof w, "base_link_%d", s);
  chk_s(p, "child_frame_id", m->child_frame_id_, w);
  check_PoseWithCovariance(&m->pose_, s, SUB("pose"));
  check_TwistWithCovariance(&m->twist_, s, SUB("twist"));
}
static void check_LaserScan(const LaserScan *m, int s, const char *p)
{
  char b[200], name[64];
  check_Header(&m->header_, s, SUB("header"));
  chk_d(p, "angle_min", m->angle_min_, -1.5f); chk_d(p, "angle_max", m->angle_max_, 1.5f);
  chk_d(p, "angle_increment", m->angle_increment_, 0.01f); chk_d(p, "time_increment", m->time_increment_, 0.0001f);
  chk_d(p, "scan_time", m->scan_time_, 0.1f); chk_d(p, "range_min", m->range_min_, 0.12f); chk_d(p, "range_max", m->range_max_, 3.5f);
  chk_d(p, "ranges.length", m->ranges_._length, 360);
  for (uint32_t i = 0; i < m->ranges_._length && i < 360; i++) { snprintf(name, sizeof name, "ranges[%u]", i); chk_d(p, name, m->ranges_._buffer[i], s + (int) i * 0.01f); }
  chk_d(p, "intensities.length", m->intensities_._length, 3);
  for (uint32_t i = 0; i < m->intensities_._length && i < 3; i++) { snprintf(name, sizeof name, "intensities[%u]", i); chk_d(p, name, m->intensities_._buffer[i], (float) (s + (int) i)); }
}
static void check_Imu(const Imu *m, int s, const char *p)
{
  char b[200];
  check_Header(&m->header_, s, SUB("header"));
  check_Quaternion(&m->orientation_, s, SUB("orientation"));
  check_cov(m->orientation_covariance_, 9, s, 0.1, p, "orientation_covariance");
  check_Vector3(&m->angular_velocity_, s, SUB("angular_velocity"));
  check_cov(m->angular_velocity_covariance_, 9, s, 0.2, p, "angular_velocity_covariance");
  check_Vector3(&m->linear_acceleration_, s + 20, SUB("linear_acceleration"));
  check_cov(m->linear_acceleration_covariance_, 9, s, 0.3, p, "linear_acceleration_covariance");
}
static void check_Clock(const Clock *m, int s, const char *p) { char b[200]; check_Time(&m->clock_time_, s, SUB("clock")); }
static void check_KeyValue(const KeyValue *m, int s, const char *p)
{
  char w[64];
  snprintf(w, sizeof w, "key_%d", s); chk_s(p, "key", m->key_, w);
  snprintf(w, sizeof w, "v\xc3\xa4lue_%d", s); chk_s(p, "value", m->value_, w);
}
static void check_DiagnosticStatus(const DiagnosticStatus *m, int s, const char *p)
{
  char w[64], name[200];
  chk_d(p, "level", m->level_, s % 4);
  snprintf(w, sizeof w, "name_%d", s); chk_s(p, "name", m->name_, w);
  snprintf(w, sizeof w, "msg_%d", s); chk_s(p, "message", m->message_, w);
  snprintf(w, sizeof w, "hw_%d", s); chk_s(p, "hardware_id", m->hardware_id_, w);
  chk_d(p, "values.length", m->values_._length, 2);
  for (uint32_t i = 0; i < m->values_._length && i < 2; i++) { snprintf(name, sizeof name, "%s.values[%u]", p, i); check_KeyValue(&m->values_._buffer[i], s + (int) i, name); }
}
static void check_DiagnosticArray(const DiagnosticArray *m, int s, const char *p)
{
  char b[200], name[200];
  check_Header(&m->header_, s, SUB("header"));
  chk_d(p, "status.length", m->status_._length, 3);
  for (uint32_t i = 0; i < m->status_._length && i < 3; i++) { snprintf(name, sizeof name, "%s.status[%u]", p, i); check_DiagnosticStatus(&m->status_._buffer[i], s + (int) i, name); }
}
static void check_Log(const Log *m, int s, const char *p)
{
  char b[200], w[64];
  check_Time(&m->stamp_, s, SUB("stamp"));
  chk_d(p, "level", m->level_, 10 * (1 + s % 5));
  snprintf(w, sizeof w, "ns_%d.node", s); chk_s(p, "name", m->name_, w);
  snprintf(w, sizeof w, "m\xc3\xa9ssage_%d", s); chk_s(p, "msg", m->msg_, w);
  snprintf(w, sizeof w, "file_%d.java", s); chk_s(p, "file", m->file_, w);
  snprintf(w, sizeof w, "function_%d", s); chk_s(p, "function", m->function_, w);
  chk_d(p, "line", m->line_, 1000u + (uint32_t) s);
}

static void check_Gid(const Gid *m, int s, const char *p)
{
  char name[32];
  for (int i = 0; i < 16; i++) { snprintf(name, sizeof name, "data[%d]", i); chk_d(p, name, m->data_[i], (uint8_t) (s + i)); }
}
static void check_gids(const dds_sequence_rmw_dds_common_msg_dds__Gid_ *q, int n, int s, const char *p, const char *f)
{
  char name[200];
  chk_d(p, f, q->_length, n);
  for (uint32_t i = 0; i < q->_length && i < (uint32_t) n; i++) { snprintf(name, sizeof name, "%s.%s[%u]", p, f, i); check_Gid(&q->_buffer[i], s + (int) i, name); }
}
static void check_NodeEntitiesInfo(const NodeEntitiesInfo *m, int s, const char *p)
{
  char w[64];
  snprintf(w, sizeof w, "/ns_%d", s); chk_s(p, "node_namespace", m->node_namespace_, w);
  snprintf(w, sizeof w, "node_%d", s); chk_s(p, "node_name", m->node_name_, w);
  check_gids(&m->reader_gid_seq_, 2, s, p, "reader_gid_seq");
  check_gids(&m->writer_gid_seq_, 1, s + 2, p, "writer_gid_seq");
}
static void check_ParticipantEntitiesInfo(const ParticipantEntitiesInfo *m, int s, const char *p)
{
  char b[200], name[200];
  check_Gid(&m->gid_, s + 100, SUB("gid"));
  chk_d(p, "node_entities_info_seq.length", m->node_entities_info_seq_._length, 2);
  for (uint32_t i = 0; i < m->node_entities_info_seq_._length && i < 2; i++) {
    snprintf(name, sizeof name, "%s.node_entities_info_seq[%u]", p, i);
    check_NodeEntitiesInfo(&m->node_entities_info_seq_._buffer[i], s + (int) i, name);
  }
}

static void check_ParameterValue(const ParameterValue *m, int s, const char *p)
{
  char w[64], name[64];
  chk_d(p, "type", m->type_, (uint8_t) (s % 10));
  chk_d(p, "bool_value", m->bool_value_, s % 2 == 1);
  chk_d(p, "integer_value", (double) m->integer_value_, s * 1000.0 + 7);
  chk_d(p, "double_value", m->double_value_, s + 0.5);
  snprintf(w, sizeof w, "str_\xc3\xbc_%d", s); chk_s(p, "string_value", m->string_value_, w);
  chk_d(p, "byte_array_value.length", m->byte_array_value_._length, 3);
  for (uint32_t i = 0; i < m->byte_array_value_._length && i < 3; i++) { snprintf(name, sizeof name, "byte_array_value[%u]", i); chk_d(p, name, m->byte_array_value_._buffer[i], (uint8_t) (s + (int) i)); }
  chk_d(p, "bool_array_value.length", m->bool_array_value_._length, 2);
  if (m->bool_array_value_._length == 2) { chk_d(p, "bool_array_value[0]", m->bool_array_value_._buffer[0], s % 2 == 0); chk_d(p, "bool_array_value[1]", m->bool_array_value_._buffer[1], s % 2 == 1); }
  chk_d(p, "integer_array_value.length", m->integer_array_value_._length, 2);
  if (m->integer_array_value_._length == 2) { chk_d(p, "integer_array_value[0]", (double) m->integer_array_value_._buffer[0], s); chk_d(p, "integer_array_value[1]", (double) m->integer_array_value_._buffer[1], -s); }
  chk_d(p, "double_array_value.length", m->double_array_value_._length, 3);
  for (uint32_t i = 0; i < m->double_array_value_._length && i < 3; i++) { snprintf(name, sizeof name, "double_array_value[%u]", i); chk_d(p, name, m->double_array_value_._buffer[i], s + 0.25 + 0.5 * i); }
  chk_d(p, "string_array_value.length", m->string_array_value_._length, 2);
  if (m->string_array_value_._length == 2) {
    snprintf(w, sizeof w, "a_%d", s); chk_s(p, "string_array_value[0]", m->string_array_value_._buffer[0], w);
    snprintf(w, sizeof w, "b_\xc3\xa4_%d", s); chk_s(p, "string_array_value[1]", m->string_array_value_._buffer[1], w);
  }
}
static void check_Parameter(const Parameter *m, int s, const char *p)
{
  char b[200], w[64];
  snprintf(w, sizeof w, "param_%d", s); chk_s(p, "name", m->name_, w);
  check_ParameterValue(&m->value_, s, SUB("value"));
}
static void check_ParameterEvent(const ParameterEvent *m, int s, const char *p)
{
  char b[200], w[64], name[200];
  check_Time(&m->stamp_, s, SUB("stamp"));
  snprintf(w, sizeof w, "/node_%d", s); chk_s(p, "node", m->node_, w);
  chk_d(p, "new_parameters.length", m->new_parameters_._length, 1);
  if (m->new_parameters_._length == 1) check_Parameter(&m->new_parameters_._buffer[0], s, SUB("new_parameters[0]"));
  chk_d(p, "changed_parameters.length", m->changed_parameters_._length, 2);
  for (uint32_t i = 0; i < m->changed_parameters_._length && i < 2; i++) { snprintf(name, sizeof name, "%s.changed_parameters[%u]", p, i); check_Parameter(&m->changed_parameters_._buffer[i], s + 1 + (int) i, name); }
  chk_d(p, "deleted_parameters.length", m->deleted_parameters_._length, 0);
}
static void check_FloatingPointRange(const FloatingPointRange *m, int s, const char *p)
{
  chk_d(p, "from_value", m->from_value_, s + 0.1); chk_d(p, "to_value", m->to_value_, s + 10.1); chk_d(p, "step", m->step_, 0.5);
}
static void check_IntegerRange(const IntegerRange *m, int s, const char *p)
{
  chk_d(p, "from_value", (double) m->from_value_, -s); chk_d(p, "to_value", (double) m->to_value_, s + 100); chk_d(p, "step", (double) m->step_, 2);
}
static void check_ParameterDescriptor(const ParameterDescriptor *m, int s, const char *p)
{
  char b[200], w[64];
  snprintf(w, sizeof w, "desc_%d", s); chk_s(p, "name", m->name_, w);
  chk_d(p, "type", m->type_, (uint8_t) (s % 10));
  snprintf(w, sizeof w, "d_\xc3\xbc_%d", s); chk_s(p, "description", m->description_, w);
  snprintf(w, sizeof w, "c_%d", s); chk_s(p, "additional_constraints", m->additional_constraints_, w);
  chk_d(p, "read_only", m->read_only_, s % 2 == 1);
  chk_d(p, "dynamic_typing", m->dynamic_typing_, s % 2 == 0);
  chk_d(p, "floating_point_range.length", m->floating_point_range_._length, 1);
  if (m->floating_point_range_._length == 1) check_FloatingPointRange(&m->floating_point_range_._buffer[0], s, SUB("floating_point_range[0]"));
  chk_d(p, "integer_range.length", m->integer_range_._length, 0);
}
static void check_SetParametersResult(const SetParametersResult *m, int s, const char *p)
{
  char w[64];
  chk_d(p, "successful", m->successful_, s % 2 == 0);
  snprintf(w, sizeof w, "reason_%d", s); chk_s(p, "reason", m->reason_, w);
}
static void check_ListParametersResult(const ListParametersResult *m, int s, const char *p)
{
  char w[64];
  chk_d(p, "names.length", m->names_._length, 2);
  if (m->names_._length == 2) {
    snprintf(w, sizeof w, "n_%d", s); chk_s(p, "names[0]", m->names_._buffer[0], w);
    snprintf(w, sizeof w, "n_%d", s + 1); chk_s(p, "names[1]", m->names_._buffer[1], w);
  }
  chk_d(p, "prefixes.length", m->prefixes_._length, 1);
  if (m->prefixes_._length == 1) { snprintf(w, sizeof w, "p_%d", s); chk_s(p, "prefixes[0]", m->prefixes_._buffer[0], w); }
}

static void check_State(const State *m, int s, const char *p)
{
  char w[64];
  chk_d(p, "id", m->id_, (uint8_t) (200 + s));
  snprintf(w, sizeof w, "state_%d", s); chk_s(p, "label", m->label_, w);
}
static void check_Transition(const Transition *m, int s, const char *p)
{
  char w[64];
  chk_d(p, "id", m->id_, (uint8_t) (100 + s));
  snprintf(w, sizeof w, "transition_\xe2\x9c\x93_%d", s); chk_s(p, "label", m->label_, w);
}
static void check_TransitionDescription(const TransitionDescription *m, int s, const char *p)
{
  char b[200];
  check_Transition(&m->transition_, s, SUB("transition"));
  check_State(&m->start_state_, s, SUB("start_state"));
  check_State(&m->goal_state_, s + 1, SUB("goal_state"));
}
static void check_TransitionEvent(const TransitionEvent *m, int s, const char *p)
{
  char b[200];
  chk_u64(p, "timestamp", m->timestamp_, event_timestamp(s));
  check_Transition(&m->transition_, s + 1, SUB("transition"));
  check_State(&m->start_state_, s + 2, SUB("start_state"));
  check_State(&m->goal_state_, s + 3, SUB("goal_state"));
}

/* ---- the type table ---- */
typedef struct {
  const char *name;
  const dds_topic_descriptor_t *desc;
  size_t size;
  void (*fill)(void *, int);
  void (*check)(const void *, int, const char *);
} type_entry;

#define WRAP(N) \
  static void fillv_##N(void *m, int s) { fill_##N((N *) m, s); } \
  static void checkv_##N(const void *m, int s, const char *p) { check_##N((const N *) m, s, p); }
WRAP(Time) WRAP(Header) WRAP(StringMessage) WRAP(Bool) WRAP(Empty) WRAP(Vector3) WRAP(Point) WRAP(Quaternion)
WRAP(Pose) WRAP(PoseWithCovariance) WRAP(Twist) WRAP(TwistWithCovariance) WRAP(TwistStamped) WRAP(Odometry)
WRAP(LaserScan) WRAP(Imu) WRAP(Clock) WRAP(KeyValue) WRAP(DiagnosticStatus) WRAP(DiagnosticArray) WRAP(Log)
WRAP(Gid) WRAP(NodeEntitiesInfo) WRAP(ParticipantEntitiesInfo) WRAP(ParameterValue) WRAP(Parameter)
WRAP(ParameterEvent) WRAP(FloatingPointRange) WRAP(IntegerRange) WRAP(ParameterDescriptor) WRAP(SetParametersResult)
WRAP(ListParametersResult) WRAP(State) WRAP(Transition) WRAP(TransitionDescription) WRAP(TransitionEvent)
#define ENTRY(N, DESC) { #N, &DESC, sizeof(N), fillv_##N, checkv_##N }

static const type_entry TYPES[] = {
  ENTRY(Time, builtin_interfaces_msg_dds__Time__desc),
  ENTRY(Header, std_msgs_msg_dds__Header__desc),
  ENTRY(StringMessage, std_msgs_msg_dds__String__desc),
  ENTRY(Bool, std_msgs_msg_dds__Bool__desc),
  ENTRY(Empty, std_msgs_msg_dds__Empty__desc),
  ENTRY(Vector3, geometry_msgs_msg_dds__Vector3__desc),
  ENTRY(Point, geometry_msgs_msg_dds__Point__desc),
  ENTRY(Quaternion, geometry_msgs_msg_dds__Quaternion__desc),
  ENTRY(Pose, geometry_msgs_msg_dds__Pose__desc),
  ENTRY(PoseWithCovariance, geometry_msgs_msg_dds__PoseWithCovariance__desc),
  ENTRY(Twist, geometry_msgs_msg_dds__Twist__desc),
  ENTRY(TwistWithCovariance, geometry_msgs_msg_dds__TwistWithCovariance__desc),
  ENTRY(TwistStamped, geometry_msgs_msg_dds__TwistStamped__desc),
  ENTRY(Odometry, nav_msgs_msg_dds__Odometry__desc),
  ENTRY(LaserScan, sensor_msgs_msg_dds__LaserScan__desc),
  ENTRY(Imu, sensor_msgs_msg_dds__Imu__desc),
  ENTRY(Clock, rosgraph_msgs_msg_dds__Clock__desc),
  ENTRY(KeyValue, diagnostic_msgs_msg_dds__KeyValue__desc),
  ENTRY(DiagnosticStatus, diagnostic_msgs_msg_dds__DiagnosticStatus__desc),
  ENTRY(DiagnosticArray, diagnostic_msgs_msg_dds__DiagnosticArray__desc),
  ENTRY(Log, rcl_interfaces_msg_dds__Log__desc),
  ENTRY(Gid, rmw_dds_common_msg_dds__Gid__desc),
  ENTRY(NodeEntitiesInfo, rmw_dds_common_msg_dds__NodeEntitiesInfo__desc),
  ENTRY(ParticipantEntitiesInfo, rmw_dds_common_msg_dds__ParticipantEntitiesInfo__desc),
  ENTRY(ParameterValue, rcl_interfaces_msg_dds__ParameterValue__desc),
  ENTRY(Parameter, rcl_interfaces_msg_dds__Parameter__desc),
  ENTRY(ParameterEvent, rcl_interfaces_msg_dds__ParameterEvent__desc),
  ENTRY(FloatingPointRange, rcl_interfaces_msg_dds__FloatingPointRange__desc),
  ENTRY(IntegerRange, rcl_interfaces_msg_dds__IntegerRange__desc),
  ENTRY(ParameterDescriptor, rcl_interfaces_msg_dds__ParameterDescriptor__desc),
  ENTRY(SetParametersResult, rcl_interfaces_msg_dds__SetParametersResult__desc),
  ENTRY(ListParametersResult, rcl_interfaces_msg_dds__ListParametersResult__desc),
  ENTRY(State, lifecycle_msgs_msg_dds__State__desc),
  ENTRY(Transition, lifecycle_msgs_msg_dds__Transition__desc),
  ENTRY(TransitionDescription, lifecycle_msgs_msg_dds__TransitionDescription__desc),
  ENTRY(TransitionEvent, lifecycle_msgs_msg_dds__TransitionEvent__desc),
};
#define NTYPES ((int) (sizeof TYPES / sizeof TYPES[0]))

/* ---- helpers ---- */
static void die(const char *what, dds_return_t rc)
{
  fprintf(stderr, "peer: %s: %s\n", what, dds_strretcode(rc));
  exit(3);
}
static dds_entity_t ok(const char *what, dds_entity_t e) { if (e < 0) die(what, e); return e; }

/* The participant, secured when PEER_ENCLAVE names an enclave directory. */
static dds_entity_t participant(void)
{
  const char *enclave = getenv("PEER_ENCLAVE");
  if (enclave == NULL || *enclave == 0)
    return ok("participant", dds_create_participant(DDS_DOMAIN_DEFAULT, NULL, NULL));
  const char *plugins = getenv("PEER_SECURITY_PLUGINS");
  if (plugins == NULL || *plugins == 0) {
    fprintf(stderr, "peer: PEER_ENCLAVE needs PEER_SECURITY_PLUGINS\n");
    exit(3);
  }
  static const char *const files[][2] = {
    { "dds.sec.auth.identity_ca", "identity_ca.cert.pem" },
    { "dds.sec.auth.identity_certificate", "cert.pem" },
    { "dds.sec.auth.private_key", "key.pem" },
    { "dds.sec.access.permissions_ca", "permissions_ca.cert.pem" },
    { "dds.sec.access.governance", "governance.p7s" },
    { "dds.sec.access.permissions", "permissions.p7s" },
  };
  static const char *const plugin[][4] = {
    { "auth", "dds_security_auth", "init_authentication", "finalize_authentication" },
    { "crypto", "dds_security_crypto", "init_crypto", "finalize_crypto" },
    { "access", "dds_security_ac", "init_access_control", "finalize_access_control" },
  };
  dds_qos_t *q = dds_create_qos();
  char name[128], value[1024];
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
    snprintf(value, sizeof value, "file:%s/%s", enclave, files[i][1]);
    dds_qset_prop(q, files[i][0], value);
  }
  for (size_t i = 0; i < sizeof plugin / sizeof plugin[0]; i++) {
    snprintf(name, sizeof name, "dds.sec.%s.library.path", plugin[i][0]);
    snprintf(value, sizeof value, "%s/lib%s.so", plugins, plugin[i][1]);
    dds_qset_prop(q, name, value);
    snprintf(name, sizeof name, "dds.sec.%s.library.init", plugin[i][0]);
    dds_qset_prop(q, name, plugin[i][2]);
    snprintf(name, sizeof name, "dds.sec.%s.library.finalize", plugin[i][0]);
    dds_qset_prop(q, name, plugin[i][3]);
  }
  dds_entity_t pp = ok("secured participant", dds_create_participant(DDS_DOMAIN_DEFAULT, q, NULL));
  dds_delete_qos(q);
  return pp;
}

static dds_qos_t *qos(bool reliable, bool transient_local, int depth)
{
  dds_qos_t *q = dds_create_qos();
  dds_qset_reliability(q, reliable ? DDS_RELIABILITY_RELIABLE : DDS_RELIABILITY_BEST_EFFORT, DDS_MSECS(100));
  dds_qset_durability(q, transient_local ? DDS_DURABILITY_TRANSIENT_LOCAL : DDS_DURABILITY_VOLATILE);
  dds_qset_history(q, DDS_HISTORY_KEEP_LAST, depth);
  return q;
}

static dds_entity_t endpoint(dds_entity_t pp, const dds_topic_descriptor_t *desc, const char *name, bool writer, dds_qos_t *q)
{
  dds_entity_t topic = ok(name, dds_create_topic(pp, desc, name, NULL, NULL));
  return ok(name, writer ? dds_create_writer(pp, topic, q, NULL) : dds_create_reader(pp, topic, q, NULL));
}

static void wait_for_eof(dds_time_t deadline)
{
  while (!stdin_closed() && dds_time() < deadline) dds_sleepfor(DDS_MSECS(20));
}

static int describe(void)
{
  printf("SIZEOF dds_topic_descriptor_t=%zu dds_sample_info_t=%zu dds_publication_matched_status_t=%zu "
         "m_ops=%zu m_meta=%zu type_information=%zu restrict_data_representation=%zu valid_data=%zu "
         "current_count=%zu dds_sequence_t=%zu dds_log_data_t=%zu log_priority=%zu log_file=%zu log_line=%zu "
         "log_message=%zu log_size=%zu\n",
         sizeof(dds_topic_descriptor_t), sizeof(dds_sample_info_t), sizeof(dds_publication_matched_status_t),
         offsetof(dds_topic_descriptor_t, m_ops), offsetof(dds_topic_descriptor_t, m_meta),
         offsetof(dds_topic_descriptor_t, type_information), offsetof(dds_topic_descriptor_t, restrict_data_representation),
         offsetof(dds_sample_info_t, valid_data), offsetof(dds_publication_matched_status_t, current_count),
         sizeof(dds_sequence_t), sizeof(dds_log_data_t), offsetof(dds_log_data_t, priority),
         offsetof(dds_log_data_t, file), offsetof(dds_log_data_t, line), offsetof(dds_log_data_t, message),
         offsetof(dds_log_data_t, size));
  for (int i = 0; i < NTYPES; i++) {
    const dds_topic_descriptor_t *d = TYPES[i].desc;
    uint32_t words = dds_stream_countops(d->m_ops, d->m_nkeys, d->m_keys);
    printf("TYPE %s typename=%s size=%u align=%u flagset=%u nkeys=%u nops=%u ops=", TYPES[i].name, d->m_typename,
           d->m_size, d->m_align, d->m_flagset, d->m_nkeys, d->m_nops);
    for (uint32_t w = 0; w < words; w++) printf("%s%u", w ? "," : "", d->m_ops[w]);
    printf("\n");
  }
  return 0;
}

static int interop(int seq, int seconds)
{
  dds_entity_t pp = participant();
  dds_qos_t *latched = qos(true, true, 1);
  dds_entity_t readers[NTYPES];
  bool received[NTYPES] = { false };
  char name[128];
  for (int i = 0; i < NTYPES; i++) {
    snprintf(name, sizeof name, "rt/c_to_java/%s", TYPES[i].name);
    dds_entity_t w = endpoint(pp, TYPES[i].desc, name, true, latched);
    void *sample = dds_alloc(TYPES[i].size);
    TYPES[i].fill(sample, seq);
    ok("write", dds_write(w, sample));
    snprintf(name, sizeof name, "rt/java_to_c/%s", TYPES[i].name);
    readers[i] = endpoint(pp, TYPES[i].desc, name, false, latched);
  }
  printf("PUBLISHED\n");
  fflush(stdout);
  dds_time_t deadline = dds_time() + DDS_SECS(seconds);
  int missing = NTYPES;
  while (missing > 0 && dds_time() < deadline) {
    bool any = false;
    for (int i = 0; i < NTYPES; i++) {
      if (received[i]) continue;
      void *buf[1] = { NULL };
      dds_sample_info_t info;
      int n = dds_take(readers[i], buf, &info, 1, 1);
      if (n > 0) {
        if (info.valid_data) {
          TYPES[i].check(buf[0], seq, TYPES[i].name);
          received[i] = true;
          missing--;
          any = true;
          printf("RECEIVED %s\n", TYPES[i].name);
        }
        dds_return_loan(readers[i], buf, n);
      }
    }
    if (!any) dds_sleepfor(DDS_MSECS(10));
  }
  for (int i = 0; i < NTYPES; i++) if (!received[i]) printf("MISSING %s\n", TYPES[i].name);
  printf("CHECKS passed=%d failed=%d missing=%d\n", passed, failed, missing);
  fflush(stdout);
  wait_for_eof(deadline + DDS_SECS(5));
  dds_delete(pp);
  return failed == 0 && missing == 0 ? 0 : 1;
}

/* Waits until the writer has a matched reader (a late joiner would get only the last sample). */
static void wait_matched(dds_entity_t writer, dds_time_t deadline)
{
  dds_publication_matched_status_t pm = { 0 };
  while (dds_get_publication_matched_status(writer, &pm) == 0 && pm.current_count == 0 && dds_time() < deadline)
    dds_sleepfor(DDS_MSECS(10));
  if (pm.current_count == 0) { printf("NOMATCH\n"); fflush(stdout); exit(2); }
  dds_sleepfor(DDS_MSECS(300)); /* let the remote side finish matching too */
}

static int bad(int seconds)
{
  dds_entity_t pp = participant();
  dds_qos_t *q = qos(true, true, 10);
  dds_time_t deadline = dds_time() + DDS_SECS(seconds);
  dds_entity_t utf8 = endpoint(pp, &std_msgs_msg_dds__String__desc, "rt/bad/utf8", true, q);
  dds_entity_t scan = endpoint(pp, &sensor_msgs_msg_dds__LaserScan__desc, "rt/bad/scan", true, q);
  wait_matched(utf8, deadline);
  wait_matched(scan, deadline);
  StringMessage s = { .data_ = "bad_\xc3(" };
  ok("write utf8", dds_write(utf8, &s));
  s.data_ = "good";
  ok("write utf8", dds_write(utf8, &s));
  LaserScan big;
  memset(&big, 0, sizeof big);
  fill_LaserScan(&big, 1);
  fill_floats(&big.ranges_, 5000);
  for (int i = 0; i < 5000; i++) big.ranges_._buffer[i] = 1.0f;
  ok("write scan", dds_write(scan, &big));
  fill_floats(&big.ranges_, 10);
  for (int i = 0; i < 10; i++) big.ranges_._buffer[i] = 2.0f;
  ok("write scan", dds_write(scan, &big));
  dds_entity_t other = endpoint(pp, &geometry_msgs_msg_dds__Twist__desc, "rt/bad/type", true, q);
  Twist t;
  fill_Twist(&t, 1);
  ok("write twist", dds_write(other, &t));
  printf("PUBLISHED\n");
  fflush(stdout);
  wait_for_eof(deadline);
  dds_delete(pp);
  return 0;
}

/* std_msgs String_'s name on a uint32: the receiver reads the uint32 as the string's length, far beyond the
   sample, and Cyclone drops the sample while deserialising it. Without type information, Cyclone matches it with
   readers of the real String by name alone, as it does the Java node's types. */
static const uint32_t forged_string_ops[] = { DDS_OP_ADR | DDS_OP_TYPE_4BY, 0, DDS_OP_RTS };
static const dds_topic_descriptor_t forged_string_desc = {
  .m_size = sizeof (uint32_t), .m_align = sizeof (uint32_t), .m_flagset = DDS_TOPIC_FIXED_SIZE, .m_nkeys = 0,
  .m_typename = "std_msgs::msg::dds_::String_", .m_keys = NULL, .m_nops = 2, .m_ops = forged_string_ops, .m_meta = ""
};

/* peer flood (odom false) and flood-odom (odom true). Reliable, keep-all writers: every sample reaches the reader,
   dds_write waits while it catches up. */
static int flood(bool odom, int n, int seconds)
{
  dds_entity_t pp = ok("participant", dds_create_participant(DDS_DOMAIN_DEFAULT, NULL, NULL));
  dds_qos_t *q = dds_create_qos();
  dds_qset_reliability(q, DDS_RELIABILITY_RELIABLE, DDS_SECS(10));
  dds_qset_history(q, DDS_HISTORY_KEEP_ALL, 0);
  dds_time_t deadline = dds_time() + DDS_SECS(seconds);
  StringMessage s = { .data_ = "bad_\xc3(" };
  uint32_t length = 0x7fffff00u;
  Odometry m;
  dds_entity_t writers[2];
  const void *samples[2];
  int count;
  if (odom) {
    memset(&m, 0, sizeof m);
    fill_Odometry(&m, 1);
    m.header_.frame_id_ = "bad_\xc3(";
    writers[0] = endpoint(pp, &nav_msgs_msg_dds__Odometry__desc, "rt/odom", true, q);
    samples[0] = &m;
    count = 1;
  } else {
    writers[0] = endpoint(pp, &std_msgs_msg_dds__String__desc, "rt/flood/utf8", true, q);
    samples[0] = &s;
    writers[1] = endpoint(pp, &forged_string_desc, "rt/flood/cdr", true, q);
    samples[1] = &length;
    count = 2;
  }
  for (int k = 0; k < count; k++) wait_matched(writers[k], deadline);
  for (int i = 0; i < n; i++)
    for (int k = 0; k < count; k++) ok("write", dds_write(writers[k], samples[k]));
  printf("PUBLISHED %d\n", n);
  fflush(stdout);
  wait_for_eof(deadline);
  dds_delete(pp);
  return 0;
}

static int graph(int seconds)
{
  dds_entity_t pp = participant();
  dds_entity_t reader = endpoint(pp, &rmw_dds_common_msg_dds__ParticipantEntitiesInfo__desc, "ros_discovery_info", false,
                                 qos(true, true, 100));
  printf("READY\n");
  fflush(stdout);
  print_graph_until(reader, dds_time() + DDS_SECS(seconds), stdin_closed);
  dds_delete(pp);
  return 0;
}

static void print_endpoint(const char *kind, const dds_builtintopic_endpoint_t *e)
{
  if (strncmp(e->topic_name, "rt/", 3) != 0) return;
  void *ud = NULL;
  size_t udsz = 0;
  dds_durability_kind_t dk = DDS_DURABILITY_VOLATILE;
  dds_qget_durability(e->qos, &dk);
  printf("ENDPOINT %s %s type=%s durability=%d userdata=", kind, e->topic_name, e->type_name, (int) dk);
  if (dds_qget_userdata(e->qos, &ud, &udsz) && ud != NULL) fwrite(ud, 1, udsz, stdout);
  dds_free(ud);
  dds_history_kind_t hk;
  int32_t depth, ms, mi, mspi;
  dds_duration_t delay;
  if (dds_qget_durability_service(e->qos, &delay, &hk, &depth, &ms, &mi, &mspi)) printf(" ds_depth=%d", (int) depth);
  else printf(" ds_depth=-");
  bool autodispose;
  if (dds_qget_writer_data_lifecycle(e->qos, &autodispose)) printf(" autodispose=%d", autodispose ? 1 : 0);
  else printf(" autodispose=-");
  dds_duration_t lifespan;
  if (dds_qget_lifespan(e->qos, &lifespan) && lifespan != DDS_INFINITY) printf(" lifespan=%lld\n", (long long) lifespan);
  else printf(" lifespan=-\n");
}

static int endpoints(int seconds)
{
  dds_entity_t pp = ok("participant", dds_create_participant(DDS_DOMAIN_DEFAULT, NULL, NULL));
  dds_entity_t pubs = ok("DCPSPublication", dds_create_reader(pp, DDS_BUILTIN_TOPIC_DCPSPUBLICATION, NULL, NULL));
  dds_entity_t subs = ok("DCPSSubscription", dds_create_reader(pp, DDS_BUILTIN_TOPIC_DCPSSUBSCRIPTION, NULL, NULL));
  printf("READY\n");
  fflush(stdout);
  dds_time_t deadline = dds_time() + DDS_SECS(seconds);
  while (dds_time() < deadline && !stdin_closed()) {
    void *buf[1] = { NULL };
    dds_sample_info_t info;
    int n;
    bool any = false;
    while ((n = dds_take(pubs, buf, &info, 1, 1)) > 0) {
      if (info.valid_data) print_endpoint("writer", buf[0]);
      dds_return_loan(pubs, buf, n);
      buf[0] = NULL;
      any = true;
    }
    while ((n = dds_take(subs, buf, &info, 1, 1)) > 0) {
      if (info.valid_data) print_endpoint("reader", buf[0]);
      dds_return_loan(subs, buf, n);
      buf[0] = NULL;
      any = true;
    }
    fflush(stdout);
    if (!any) dds_sleepfor(DDS_MSECS(10));
  }
  dds_delete(pp);
  return 0;
}

static int echo(int seconds)
{
  dds_entity_t pp = participant();
  dds_qos_t *q = qos(true, false, 10);
  dds_entity_t odom = endpoint(pp, &nav_msgs_msg_dds__Odometry__desc, "rt/odom", false, q);
  dds_entity_t cmd = endpoint(pp, &geometry_msgs_msg_dds__Twist__desc, "rt/cmd_vel", true, q);
  ok("mask", dds_set_status_mask(odom, DDS_DATA_AVAILABLE_STATUS));
  dds_entity_t ws = ok("waitset", dds_create_waitset(pp));
  ok("attach", dds_waitset_attach(ws, odom, odom));
  printf("READY\n");
  fflush(stdout);
  dds_time_t deadline = dds_time() + DDS_SECS(seconds);
  Twist reply;
  memset(&reply, 0, sizeof reply);
  while (dds_time() < deadline && !stdin_closed()) {
    dds_waitset_wait(ws, NULL, 0, DDS_MSECS(100));
    void *buf[1] = { NULL };
    dds_sample_info_t info;
    int n;
    while ((n = dds_take(odom, buf, &info, 1, 1)) > 0) {
      if (info.valid_data) {
        reply.linear_.x_ = ((const Odometry *) buf[0])->pose_.pose_.position_.x_;
        reply.angular_.z_ = 0.5;
      }
      bool valid = info.valid_data;
      dds_return_loan(odom, buf, n);
      buf[0] = NULL;
      if (valid) dds_write(cmd, &reply);
    }
  }
  dds_delete(pp);
  return 0;
}

static int cmp_ll(const void *a, const void *b) { long long x = *(const long long *) a, y = *(const long long *) b; return (x > y) - (x < y); }

static int ping(int count, int seconds, int warmup)
{
  dds_entity_t pp = participant();
  dds_qos_t *q = qos(true, false, 10);
  dds_entity_t odom = endpoint(pp, &nav_msgs_msg_dds__Odometry__desc, "rt/odom", true, q);
  dds_entity_t cmd = endpoint(pp, &geometry_msgs_msg_dds__Twist__desc, "rt/cmd_vel", false, q);
  ok("mask", dds_set_status_mask(cmd, DDS_DATA_AVAILABLE_STATUS));
  dds_entity_t ws = ok("waitset", dds_create_waitset(pp));
  ok("attach", dds_waitset_attach(ws, cmd, cmd));
  dds_time_t deadline = dds_time() + DDS_SECS(seconds);
  dds_publication_matched_status_t pm;
  dds_subscription_matched_status_t sm;
  do {
    dds_sleepfor(DDS_MSECS(20));
    dds_get_publication_matched_status(odom, &pm);
    dds_get_subscription_matched_status(cmd, &sm);
  } while ((pm.current_count == 0 || sm.current_count == 0) && dds_time() < deadline);
  if (pm.current_count == 0 || sm.current_count == 0) { printf("NOMATCH\n"); return 2; }
  dds_sleepfor(DDS_MSECS(300));
  Odometry o;
  memset(&o, 0, sizeof o);
  fill_Odometry(&o, 0);
  long long *rtt = calloc((size_t) count, sizeof *rtt);
  int got = 0, lost = 0;
  for (int i = 1 - warmup; i <= count && dds_time() < deadline; i++) {
    o.pose_.pose_.position_.x_ = i;
    dds_time_t t0 = dds_time();
    ok("write", dds_write(odom, &o));
    bool answered = false;
    while (!answered && dds_time() - t0 < DDS_SECS(1)) {
      dds_waitset_wait(ws, NULL, 0, DDS_MSECS(100));
      void *buf[1] = { NULL };
      dds_sample_info_t info;
      int n;
      while ((n = dds_take(cmd, buf, &info, 1, 1)) > 0) {
        if (info.valid_data && ((const Twist *) buf[0])->linear_.x_ == i) answered = true;
        dds_return_loan(cmd, buf, n);
        buf[0] = NULL;
      }
    }
    if (i <= 0) continue; /* warm-up */
    if (answered) rtt[got++] = (long long) (dds_time() - t0); else lost++;
  }
  qsort(rtt, (size_t) got, sizeof *rtt, cmp_ll);
  printf("RTT n=%d lost=%d p50_us=%.1f p99_us=%.1f\n", got, lost, got ? rtt[got / 2] / 1e3 : -1.0,
         got ? rtt[(int) (got * 0.99)] / 1e3 : -1.0);
  dds_delete(pp);
  return lost > count / 20 ? 1 : 0;
}

/* A writer on NAME, or 0 with "DENIED NAME: reason" when Cyclone refuses it. */
static dds_entity_t try_writer(dds_entity_t pp, const dds_topic_descriptor_t *desc, const char *name, dds_qos_t *q)
{
  dds_entity_t topic = dds_create_topic(pp, desc, name, NULL, NULL);
  dds_entity_t w = topic < 0 ? topic : dds_create_writer(pp, topic, q, NULL);
  if (w < 0) printf("DENIED %s: %s\n", name, dds_strretcode(w));
  else printf("WRITING %s\n", name);
  fflush(stdout);
  return w < 0 ? 0 : w;
}

static int odom(int seconds)
{
  dds_entity_t pp = participant();
  dds_entity_t w = try_writer(pp, &nav_msgs_msg_dds__Odometry__desc, "rt/odom", qos(true, false, 10));
  dds_time_t deadline = dds_time() + DDS_SECS(seconds);
  Odometry o;
  memset(&o, 0, sizeof o);
  o.header_.frame_id_ = "odom";
  o.child_frame_id_ = "base_footprint";
  o.pose_.pose_.position_.y_ = 0.1;
  o.pose_.pose_.orientation_.w_ = 1.0;
  while (dds_time() < deadline && !stdin_closed()) {
    if (w != 0) {
      dds_time_t now = dds_time();
      o.header_.stamp_.sec_ = (int32_t) (now / DDS_NSECS_IN_SEC);
      o.header_.stamp_.nanosec_ = (uint32_t) (now % DDS_NSECS_IN_SEC);
      dds_write(w, &o);
    }
    dds_sleepfor(DDS_MSECS(20));
  }
  dds_delete(pp);
  return 0;
}

static int estop(int value, int seconds)
{
  dds_entity_t pp = participant();
  dds_entity_t w = try_writer(pp, &std_msgs_msg_dds__Bool__desc, "rt/estop", qos(true, true, 1));
  dds_time_t deadline = dds_time() + DDS_SECS(seconds);
  Bool b = { .data_ = value != 0 };
  while (dds_time() < deadline && !stdin_closed()) {
    if (w != 0) dds_write(w, &b);
    dds_sleepfor(DDS_MSECS(100));
  }
  dds_delete(pp);
  return 0;
}

static int listen_plain(int seconds)
{
  dds_entity_t pp = participant();
  dds_qos_t *q = qos(false, false, 10);
  dds_entity_t readers[] = {
    endpoint(pp, &geometry_msgs_msg_dds__Twist__desc, "rt/cmd_vel", false, q),
    endpoint(pp, &diagnostic_msgs_msg_dds__DiagnosticArray__desc, "rt/diagnostics", false, q),
    endpoint(pp, &rmw_dds_common_msg_dds__ParticipantEntitiesInfo__desc, "ros_discovery_info", false, q),
  };
  dds_entity_t pubs = ok("DCPSPublication", dds_create_reader(pp, DDS_BUILTIN_TOPIC_DCPSPUBLICATION, NULL, NULL));
  dds_entity_t pps = ok("DCPSParticipant", dds_create_reader(pp, DDS_BUILTIN_TOPIC_DCPSPARTICIPANT, NULL, NULL));
  printf("READY\n");
  fflush(stdout);
  char seen[2048] = "";
  int samples = 0;
  dds_time_t deadline = dds_time() + DDS_SECS(seconds);
  while (dds_time() < deadline && !stdin_closed()) {
    void *buf[1] = { NULL };
    dds_sample_info_t info;
    int n;
    for (size_t i = 0; i < sizeof readers / sizeof readers[0]; i++) {
      while ((n = dds_take(readers[i], buf, &info, 1, 1)) > 0) {
        if (info.valid_data) samples++;
        dds_return_loan(readers[i], buf, n);
        buf[0] = NULL;
      }
    }
    while ((n = dds_take(pps, buf, &info, 1, 1)) > 0) {
      void *ud;
      size_t sz;
      if (info.valid_data && dds_qget_userdata(((const dds_builtintopic_participant_t *) buf[0])->qos, &ud, &sz)) {
        printf("PARTICIPANT %.*s\n", (int) sz, ud ? (const char *) ud : "");
        fflush(stdout);
        dds_free(ud);
      }
      dds_return_loan(pps, buf, n);
      buf[0] = NULL;
    }
    while ((n = dds_take(pubs, buf, &info, 1, 1)) > 0) {
      const dds_builtintopic_endpoint_t *e = buf[0];
      bool room = strlen(seen) + strlen(e->topic_name) + 2 < sizeof seen;
      if (info.valid_data && strstr(seen, e->topic_name) == NULL && room) {
        if (*seen) strcat(seen, ",");
        strcat(seen, e->topic_name);
      }
      dds_return_loan(pubs, buf, n);
      buf[0] = NULL;
    }
    dds_sleepfor(DDS_MSECS(10));
  }
  printf("LISTEN samples=%d publications=%s\n", samples, seen);
  fflush(stdout);
  dds_delete(pp);
  return 0;
}

int main(int argc, char **argv)
{
  if (argc >= 2 && strcmp(argv[1], "describe") == 0) return describe();
  if (argc == 4 && strcmp(argv[1], "interop") == 0) return interop(atoi(argv[2]), atoi(argv[3]));
  if (argc == 3 && strcmp(argv[1], "bad") == 0) return bad(atoi(argv[2]));
  if (argc == 4 && strcmp(argv[1], "flood") == 0) return flood(false, atoi(argv[2]), atoi(argv[3]));
  if (argc == 4 && strcmp(argv[1], "flood-odom") == 0) return flood(true, atoi(argv[2]), atoi(argv[3]));
  if (argc == 3 && strcmp(argv[1], "echo") == 0) return echo(atoi(argv[2]));
  if (argc == 3 && strcmp(argv[1], "graph") == 0) return graph(atoi(argv[2]));
  if (argc == 3 && strcmp(argv[1], "endpoints") == 0) return endpoints(atoi(argv[2]));
  if ((argc == 4 || argc == 5) && strcmp(argv[1], "ping") == 0) return ping(atoi(argv[2]), atoi(argv[3]), argc == 5 ? atoi(argv[4]) : 0);
  if (argc == 3 && strcmp(argv[1], "odom") == 0) return odom(atoi(argv[2]));
  if (argc == 4 && strcmp(argv[1], "estop") == 0) return estop(atoi(argv[2]), atoi(argv[3]));
  if (argc == 3 && strcmp(argv[1], "listen") == 0) return listen_plain(atoi(argv[2]));
  fprintf(stderr, "usage: peer describe | interop SEQ SECONDS | bad SECONDS | flood N SECONDS | flood-odom N SECONDS"
          " | graph SECONDS | endpoints SECONDS | echo SECONDS | ping N SECONDS [WARMUP] | odom SECONDS"
          " | estop VALUE SECONDS | listen SECONDS\n");
  return 2;
}
