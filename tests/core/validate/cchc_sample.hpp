#pragma once
// The real CCHC definition (Nam Định 2024) and the Phương Định Q1 2024 report, loaded once per
// test program, and an evaluation of a report under that definition.
#include <stdexcept>
#include <string>

#include "report/report.hpp"
#include "schema/report_type.hpp"
#include "validate/evaluation.hpp"

namespace rb::validate::testing {

inline const schema::ReportTypePtr& cchc() {
    static const schema::ReportTypePtr type = [] {
        auto t = schema::load_definition(std::string(RB_SOURCE_DIR) + "/plugins/cchc/cchc-nam-dinh-2024.xml");
        if (!t) throw std::runtime_error(t.error());
        return *t;
    }();
    return type;
}

inline const report::Report& sample() {
    static const report::Report r = [] {
        auto loaded = report::load(std::string(RB_SOURCE_DIR) + "/plugins/cchc/samples/phuong-dinh-2024-q1.rbr");
        if (!loaded) throw std::runtime_error(loaded.error());
        return *loaded;
    }();
    return r;
}

inline Evaluation evaluate(const report::Report& r, const report::Report* previous = nullptr) {
    auto ev = Evaluation::create(cchc());
    if (!ev) throw std::runtime_error(ev.error());
    ev->load(r);
    if (previous) ev->set_previous(previous);
    return std::move(*ev);
}

}  // namespace rb::validate::testing
