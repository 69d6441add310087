#pragma once
// Small inline definitions for the migration and cross-check tests, and locating helpers.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <string_view>

#include "report/entry.hpp"
#include "report/report.hpp"
#include "schema/report_type.hpp"
#include "validate/evaluation.hpp"

namespace rb::migrate::testing {

// A definition with `rows` in its one group, `sections` in its narrative and `tail` after
// <rules> (cross checks, migrations).
inline std::string definition(std::string_view id, std::string_view edition, std::string_view rows,
                              std::string_view sections, std::string_view tail = "",
                              std::string_view periods = R"(<period kind="quarter"/>)") {
    std::string s = R"(<?xml version="1.0" encoding="UTF-8"?>
<reportType xmlns="urn:reportbench:reporttype:1" id=")";
    s += id;
    s += R"(" edition=")";
    s += edition;
    s += R"(" version="1" formatVersion="1">
  <title>Báo cáo thử</title>
  <periods>)";
    s += periods;
    s += R"(</periods>
  <narrative>
)";
    s += sections;
    s += R"(  </narrative>
  <appendix>
    <title>Phụ lục</title>
    <group code="G">
      <title>Nhóm</title>
)";
    s += rows;
    s += "    </group>\n  </appendix>\n  <rules/>\n";
    s += tail;
    s += "</reportType>\n";
    return s;
}

inline schema::ReportTypePtr parse(const std::string& text, const std::string& label) {
    auto t = schema::parse_definition(text, label);
    if (!t) throw std::runtime_error(t.error());
    return *t;
}

inline std::string error_of(const std::string& text, const std::string& label) {
    auto t = schema::parse_definition(text, label);
    EXPECT_FALSE(t) << "accepted:\n" << text;
    return t ? std::string() : t.error();
}

inline schema::ReportTypePtr load(const std::string& relative) {
    auto t = schema::load_definition(std::string(RB_SOURCE_DIR) + "/" + relative);
    if (!t) throw std::runtime_error(t.error());
    return *t;
}

// 1-based line of the first occurrence of `marker`.
inline int line_of(const std::string& text, std::string_view marker) {
    const auto pos = text.find(marker);
    EXPECT_NE(pos, std::string::npos) << marker;
    int line = 1;
    for (std::size_t i = 0; i < pos && i < text.size(); ++i)
        if (text[i] == '\n') ++line;
    return line;
}

// 1-based column (characters) of `marker` on its line.
inline int column_of(const std::string& text, std::string_view marker) {
    const auto pos = text.find(marker);
    const auto start = text.rfind('\n', pos) + 1;
    int col = 1;
    for (auto i = start; i < pos; ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++col;
    return col;
}

// "label:line:col: " of an element whose start tag begins with `marker` ("<rename …"): the
// loader's positions point at the element's name, one past its '<'.
inline std::string at(const std::string& label, const std::string& text, std::string_view marker) {
    const int col = column_of(text, marker) + (marker.front() == '<' ? 1 : 0);
    return label + ":" + std::to_string(line_of(text, marker)) + ":" + std::to_string(col) + ": ";
}

inline report::Report make_report(const schema::ReportType& t, const std::string& period, const std::string& unit) {
    auto p = report::Period::parse(period);
    if (!p) throw std::runtime_error(p.error());
    report::UnitInfo u;
    u.name = unit;
    u.province = "Ninh Bình";
    return report::new_report(t, *p, u);
}

inline void set(report::Report& r, const schema::ReportType& t, std::vector<report::Assignment> values) {
    auto ok = report::apply_values(r, t, values);
    if (!ok) throw std::runtime_error(ok.error());
}

inline validate::Evaluation evaluate(const schema::ReportTypePtr& t, const report::Report& r) {
    auto ev = validate::Evaluation::create(t);
    if (!ev) throw std::runtime_error(ev.error());
    ev->load(r);
    return std::move(*ev);
}

}  // namespace rb::migrate::testing
