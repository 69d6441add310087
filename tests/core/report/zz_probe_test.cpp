#include <gtest/gtest.h>
#include <chrono>
#include "report/report.hpp"
#include "sample_report.hpp"
using namespace rb::report;
TEST(Probe, Timing) {
  Report a = samples::sample_report();
  std::string text; for (int i=0; text.size() < (2u<<20); ++i) text += "- Đoạn " + std::to_string(i) + ": giải quyết hồ sơ đúng hạn.\n\n";
  a.narrative["II.2"]=text;
  auto us=[](auto d){return std::chrono::duration_cast<std::chrono::microseconds>(d).count();};
  for (int k=0;k<4;++k){
  auto t0=std::chrono::steady_clock::now();
  std::string x=to_xml(a);
  auto t1=std::chrono::steady_clock::now();
  auto r=from_xml(x,"x");
  auto t2=std::chrono::steady_clock::now();
  ASSERT_TRUE(save(a,"/tmp/rbx/p.rbr"));
  auto t3=std::chrono::steady_clock::now();
  std::cout<<"to_xml "<<us(t1-t0)<<" from_xml "<<us(t2-t1)<<" save "<<us(t3-t2)<<"\n";
  }
}
