#pragma once
// Checks between two reports of different types for one unit and period, declared in either
// definition (<crossChecks>): e.g. the online public services counted in the CCHC report and in
// the digital-transformation report. Every finding is given to both reports, shaped as
// validate's findings, with rule ids "cross.<declaring type>.<id>".
#include <string>
#include <vector>

#include "report/report.hpp"
#include "schema/report_type.hpp"
#include "validate/evaluation.hpp"
#include "validate/findings.hpp"

namespace rb::migrate {

struct CrossCheckResult {
    std::vector<validate::Finding> a;  // findings for report a (justifications of a applied)
    std::vector<validate::Finding> b;  // the same findings seen from report b
    int checks = 0;                    // declared checks between the two types that ran
    std::string skipped;               // why nothing was checked (unit or period differ), or ""
};

// Whether the two reports are of one unit and period (cross checks only compare those).
bool same_unit_and_period(const report::Report& a, const report::Report& b);

// Types that `t` has cross checks with: those it declares and those that declare it, among
// `installed`. A workspace looks for these types' reports of the same unit and period.
std::vector<std::string> cross_check_partners(const schema::ReportType& t,
                                              const std::vector<schema::ReportTypePtr>& installed);

// `ea` loaded from `a`, `eb` from `b`. Skipped (one info finding each side, `skipped` set) when
// the unit or period differ. A check whose other-side code is unknown to `b`'s edition does not
// run and reports an info finding naming the definition's file:line:col.
CrossCheckResult cross_check(const report::Report& a, const validate::Evaluation& ea, const report::Report& b,
                             const validate::Evaluation& eb);
// (To join them to a report's own findings: validate::add_findings(result, res.a, a).)

}  // namespace rb::migrate
