// Fast DDS 2.9 peer for the Java transport tests (types from fast_msgs.idl via fastddsgen).
//
//   fastdds_peer interop SEQ SECONDS
//     publishes Odometry(SEQ) on rt/fast_to_java/odom and Twist(SEQ) on rt/fast_to_java/cmd_vel (reliable,
//     transient local, keep last 1), checks every field of Odometry(SEQ) and Twist(SEQ) received on
//     rt/java_to_fast/odom and rt/java_to_fast/cmd_vel, prints "CHECKS passed=P failed=F missing=M", then
//     stays until stdin reaches EOF or SECONDS pass.
//
// Values follow the Java test Fixtures (and peer.c): keep them in step. Network: UDPv4 on 127.0.0.1 only,
// discovery by unicast to the well-known ports of participants 0..19 of ROS_DOMAIN_ID.
#include <poll.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <thread>

#include <fastdds/dds/domain/DomainParticipant.hpp>
#include <fastdds/dds/domain/DomainParticipantFactory.hpp>
#include <fastdds/dds/publisher/DataWriter.hpp>
#include <fastdds/dds/publisher/Publisher.hpp>
#include <fastdds/dds/subscriber/DataReader.hpp>
#include <fastdds/dds/subscriber/SampleInfo.hpp>
#include <fastdds/dds/subscriber/Subscriber.hpp>
#include <fastdds/dds/topic/TypeSupport.hpp>
#include <fastdds/rtps/transport/UDPv4TransportDescriptor.h>
#include <fastrtps/utils/IPLocator.h>

#include "fast_msgsPubSubTypes.h"

using namespace eprosima::fastdds::dds;
using eprosima::fastrtps::rtps::IPLocator;
using eprosima::fastrtps::rtps::Locator_t;
using Odometry = nav_msgs::msg::dds_::Odometry_;
using Twist = geometry_msgs::msg::dds_::Twist_;
using Vector3 = geometry_msgs::msg::dds_::Vector3_;
using Header = std_msgs::msg::dds_::Header_;

static std::string fmt(const char *f, int s)
{
  char b[128];
  std::snprintf(b, sizeof b, f, s);
  return b;
}

static void fill_vector3(Vector3 &v, int s) { v.x_(s + 0.1); v.y_(s + 0.2); v.z_(s + 0.3); }
static void fill_header(Header &h, int s)
{
  h.stamp_().sec_(s);
  h.stamp_().nanosec_(500000000u + (uint32_t) s);
  h.frame_id_(fmt("frame_\xc3\xbc_%d", s));
}
static void fill_twist(Twist &t, int s) { fill_vector3(t.linear_(), s); fill_vector3(t.angular_(), s + 10); }
static void fill_odometry(Odometry &o, int s)
{
  fill_header(o.header_(), s);
  o.child_frame_id_(fmt("base_link_%d", s));
  auto &pose = o.pose_().pose_value_();
  pose.position_().x_(s + 1.1); pose.position_().y_(s + 1.2); pose.position_().z_(s + 1.3);
  pose.orientation_().x_(s + 2.1); pose.orientation_().y_(s + 2.2); pose.orientation_().z_(s + 2.3); pose.orientation_().w_(s + 2.4);
  for (int k = 0; k < 36; k++) o.pose_().covariance_()[k] = s + 0.01 * k;
  fill_twist(o.twist_().twist_value_(), s);
  for (int k = 0; k < 36; k++) o.twist_().covariance_()[k] = s + -0.01 * k;
}

static int passed, failed;
static void chk(const std::string &path, double got, double want)
{
  if (got == want) { passed++; return; }
  failed++;
  std::printf("FAIL %s: got %.17g, want %.17g\n", path.c_str(), got, want);
}
static void chk(const std::string &path, const std::string &got, const std::string &want)
{
  if (got == want) { passed++; return; }
  failed++;
  std::printf("FAIL %s: got \"%s\", want \"%s\"\n", path.c_str(), got.c_str(), want.c_str());
}
static void check_vector3(const Vector3 &v, int s, const std::string &p)
{
  chk(p + ".x", v.x_(), s + 0.1); chk(p + ".y", v.y_(), s + 0.2); chk(p + ".z", v.z_(), s + 0.3);
}
static void check_twist(const Twist &t, int s, const std::string &p)
{
  check_vector3(t.linear_(), s, p + ".linear");
  check_vector3(t.angular_(), s + 10, p + ".angular");
}
static void check_odometry(const Odometry &o, int s)
{
  chk("odom.header.stamp.sec", o.header_().stamp_().sec_(), s);
  chk("odom.header.stamp.nanosec", o.header_().stamp_().nanosec_(), 500000000u + (uint32_t) s);
  chk("odom.header.frame_id", o.header_().frame_id_(), fmt("frame_\xc3\xbc_%d", s));
  chk("odom.child_frame_id", o.child_frame_id_(), fmt("base_link_%d", s));
  const auto &pose = o.pose_().pose_value_();
  chk("odom.pose.pose.position.x", pose.position_().x_(), s + 1.1);
  chk("odom.pose.pose.position.y", pose.position_().y_(), s + 1.2);
  chk("odom.pose.pose.position.z", pose.position_().z_(), s + 1.3);
  chk("odom.pose.pose.orientation.x", pose.orientation_().x_(), s + 2.1);
  chk("odom.pose.pose.orientation.y", pose.orientation_().y_(), s + 2.2);
  chk("odom.pose.pose.orientation.z", pose.orientation_().z_(), s + 2.3);
  chk("odom.pose.pose.orientation.w", pose.orientation_().w_(), s + 2.4);
  for (int k = 0; k < 36; k++) chk("odom.pose.covariance[" + std::to_string(k) + "]", o.pose_().covariance_()[k], s + 0.01 * k);
  check_twist(o.twist_().twist_value_(), s, "odom.twist.twist");
  for (int k = 0; k < 36; k++) chk("odom.twist.covariance[" + std::to_string(k) + "]", o.twist_().covariance_()[k], s + -0.01 * k);
}

static bool stdin_closed()
{
  struct pollfd fd = {0, POLLIN, 0};
  if (poll(&fd, 1, 0) > 0) {
    char buf[64];
    return read(0, buf, sizeof buf) <= 0;
  }
  return false;
}

int main(int argc, char **argv)
{
  if (argc != 4 || std::strcmp(argv[1], "interop") != 0) {
    std::fprintf(stderr, "usage: fastdds_peer interop SEQ SECONDS\n");
    return 2;
  }
  const int seq = std::atoi(argv[2]);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(std::atoi(argv[3]));
  const char *domain_env = std::getenv("ROS_DOMAIN_ID");
  const int domain = domain_env ? std::atoi(domain_env) : 0;

  DomainParticipantQos pqos;
  pqos.name("fastdds_peer");
  pqos.transport().use_builtin_transports = false;
  auto udp = std::make_shared<eprosima::fastdds::rtps::UDPv4TransportDescriptor>();
  udp->interfaceWhiteList.push_back("127.0.0.1");
  pqos.transport().user_transports.push_back(udp);
  for (int i = 0; i < 20; i++) {
    Locator_t peer;
    IPLocator::setIPv4(peer, 127, 0, 0, 1);
    peer.port = (uint32_t) (7400 + 250 * domain + 10 + 2 * i);
    pqos.wire_protocol().builtin.initialPeersList.push_back(peer);
  }
  DomainParticipant *participant = DomainParticipantFactory::get_instance()->create_participant(domain, pqos);
  if (participant == nullptr) { std::fprintf(stderr, "create_participant failed\n"); return 3; }
  TypeSupport odom_type(new nav_msgs::msg::dds_::Odometry_PubSubType());
  TypeSupport twist_type(new geometry_msgs::msg::dds_::Twist_PubSubType());
  odom_type.register_type(participant);
  twist_type.register_type(participant);

  DataWriterQos wqos = DATAWRITER_QOS_DEFAULT;
  wqos.reliability().kind = RELIABLE_RELIABILITY_QOS;
  wqos.durability().kind = TRANSIENT_LOCAL_DURABILITY_QOS;
  wqos.history().kind = KEEP_LAST_HISTORY_QOS;
  wqos.history().depth = 1;
  DataReaderQos rqos = DATAREADER_QOS_DEFAULT;
  rqos.reliability().kind = RELIABLE_RELIABILITY_QOS;
  rqos.durability().kind = TRANSIENT_LOCAL_DURABILITY_QOS;
  rqos.history().kind = KEEP_LAST_HISTORY_QOS;
  rqos.history().depth = 1;

  Publisher *publisher = participant->create_publisher(PUBLISHER_QOS_DEFAULT);
  Subscriber *subscriber = participant->create_subscriber(SUBSCRIBER_QOS_DEFAULT);
  auto writer = [&](const char *name, TypeSupport &type) {
    return publisher->create_datawriter(participant->create_topic(name, type.get_type_name(), TOPIC_QOS_DEFAULT), wqos);
  };
  auto reader = [&](const char *name, TypeSupport &type) {
    return subscriber->create_datareader(participant->create_topic(name, type.get_type_name(), TOPIC_QOS_DEFAULT), rqos);
  };
  DataWriter *odom_out = writer("rt/fast_to_java/odom", odom_type);
  DataWriter *twist_out = writer("rt/fast_to_java/cmd_vel", twist_type);
  DataReader *odom_in = reader("rt/java_to_fast/odom", odom_type);
  DataReader *twist_in = reader("rt/java_to_fast/cmd_vel", twist_type);

  Odometry odom;
  fill_odometry(odom, seq);
  Twist twist;
  fill_twist(twist, seq);
  odom_out->write(&odom);
  twist_out->write(&twist);
  std::printf("PUBLISHED\n");
  std::fflush(stdout);

  bool got_odom = false, got_twist = false;
  while (!(got_odom && got_twist) && std::chrono::steady_clock::now() < deadline) {
    SampleInfo info;
    Odometry o;
    if (!got_odom && odom_in->take_next_sample(&o, &info) == ReturnCode_t::RETCODE_OK && info.valid_data) {
      check_odometry(o, seq);
      got_odom = true;
      std::printf("RECEIVED Odometry\n");
    }
    Twist t;
    if (!got_twist && twist_in->take_next_sample(&t, &info) == ReturnCode_t::RETCODE_OK && info.valid_data) {
      check_twist(t, seq, "twist");
      got_twist = true;
      std::printf("RECEIVED Twist\n");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  const int missing = (got_odom ? 0 : 1) + (got_twist ? 0 : 1);
  std::printf("CHECKS passed=%d failed=%d missing=%d\n", passed, failed, missing);
  std::fflush(stdout);
  while (!stdin_closed() && std::chrono::steady_clock::now() < deadline + std::chrono::seconds(5)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  participant->delete_contained_entities();
  DomainParticipantFactory::get_instance()->delete_participant(participant);
  return failed == 0 && missing == 0 ? 0 : 1;
}
