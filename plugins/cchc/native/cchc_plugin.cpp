// Native code of the CCHC report type.
#include <reportbench/plugin_api.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace cchc {
namespace api = reportbench::plugin_api;

// Fields of the case-file breakdown (group HS.7), in the order the report lists them.
const char* const kFieldCodes[] = {"HS.7.1", "HS.7.2", "HS.7.3", "HS.7.4", "HS.7.5", "HS.7.6", "HS.7.7"};

bool has(const api::ReportView& r, const char* code) { return r.value(code).is_number(); }

// Section II.2's paragraph on the case files of the period, as commune staff write it: the
// window, the total, the breakdown by field, then early / on time / late and online.
class CaseFilesDrafter : public api::Drafter {
public:
    std::string draft(const api::ReportView& r) const override {
        for (const char* needed : {"HS.2", "HS.4", "HS.4.1", "HS.4.2"})
            if (!has(r, needed)) return {};
        std::string text = "Kết quả giải quyết TTHC " + r.period_label() + " (từ ngày " + r.window_from() +
                           " đến ngày " + r.window_to() + "), đã tiếp nhận và giải quyết " + r.display("HS.2") + " hồ sơ";
        std::string fields;
        for (const char* code : kFieldCodes) {
            if (!has(r, code)) continue;
            if (r.value(code).number == 0 && std::string(code) == "HS.7.7") continue;  // "other" only when used
            fields += (fields.empty() ? "" : "; ") + std::string("lĩnh vực ") + r.label(code) + " là " +
                      r.display(code) + " hồ sơ";
        }
        if (!fields.empty()) text += ", trong đó: " + fields;
        text += ". ";
        if (has(r, "HS.1") && r.value("HS.1").number > 0)
            text += "Kỳ trước chuyển sang " + r.display("HS.1") + " hồ sơ. ";
        text += "Số hồ sơ đã giải quyết " + r.display("HS.4") + ", trong đó trước hạn là " + r.display("HS.4.1") +
                " hồ sơ, đúng hạn là " + r.display("HS.4.2") + " hồ sơ";
        if (has(r, "HS.4.3")) text += ", quá hạn là " + r.display("HS.4.3") + " hồ sơ";
        text += "; tiếp nhận trực tuyến là " + (has(r, "HS.2.2") ? r.display("HS.2.2") : std::string("…")) + " hồ sơ.";
        if (has(r, "III.3.1")) text += " Tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn đạt " + r.display("III.3.1") + ".";
        if (has(r, "HS.5.2") && r.value("HS.5.2").number > 0)
            text += " Còn " + r.display("HS.5.2") + " hồ sơ đang giải quyết đã quá hạn.";
        return text;
    }
};

// Checks that need the previous period's report of the same year.
class AcrossPeriods : public api::RuleSet {
public:
    std::vector<api::Finding> check(const api::ReportView& r) const override {
        std::vector<api::Finding> out;
        const api::ReportView* prev = r.previous();
        if (!prev) return out;
        const auto plan = r.value("I.2.1"), prev_plan = prev->value("I.2.1");
        if (plan.is_number() && prev_plan.is_number() && std::fabs(plan.number - prev_plan.number) > 1e-9) {
            out.push_back({"warning", "cchc.plan-changed", {"I.2.1"}, "I.1",
                           "Số nhiệm vụ trong kế hoạch CCHC năm (" + r.display("I.2.1") + ") khác với báo cáo kỳ trước (" +
                               prev->display("I.2.1") + "): nếu kế hoạch đã được điều chỉnh, hãy nêu văn bản điều chỉnh ở mục I.1.",
                           "The annual plan's task count (" + r.display("I.2.1") + ") differs from the previous report's (" +
                               prev->display("I.2.1") + "): if the plan was amended, cite the amendment in section I.1."});
        }
        const auto rate = r.value("I.2"), prev_rate = prev->value("I.2");
        if (rate.is_number() && prev_rate.is_number() && rate.number + 1e-9 < prev_rate.number) {
            out.push_back({"warning", "cchc.plan-rate-down", {"I.2"}, "",
                           "Tỷ lệ hoàn thành kế hoạch CCHC năm (" + r.display("I.2") + ") thấp hơn kỳ trước (" +
                               prev->display("I.2") + ") dù là số lũy kế.",
                           "The cumulative plan completion rate (" + r.display("I.2") + ") is lower than the previous report's (" +
                               prev->display("I.2") + ")."});
        }
        return out;
    }
};

class Plugin : public api::Plugin {
public:
    void register_with(api::Registrar& host) override {
        host.add_drafter("cchc", "II.2", std::make_shared<CaseFilesDrafter>());
        host.add_rules("cchc", std::make_shared<AcrossPeriods>());
    }
};

std::shared_ptr<api::Plugin> create() { return std::make_shared<Plugin>(); }

}  // namespace cchc

REPORTBENCH_PLUGIN(cchc::create)
