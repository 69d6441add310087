// An example native plugin: what a definition cannot say is written here.
//  - a rule that depends on the period's length: the chair must hold at least one scheduled
//    reception session a month (Luật Tiếp công dân 2013, art. 15);
//  - a drafter for section I that writes the paragraph from the figures;
//  - a file format of its own: the figures as tab-separated "code, value" lines, the shape a
//    district's in-house tally sheet imports.
// Build it against an installed ReportBench (see CMakeLists.txt).
#include <reportbench/plugin_api.hpp>

#include <fstream>
#include <string>
#include <vector>

namespace example {
namespace api = reportbench::plugin_api;

int months_in(const std::string& period) {
    if (period.find("-Q") != std::string::npos) return 3;
    if (period.find("-H") != std::string::npos) return 6;
    if (period.find("-9M") != std::string::npos) return 9;
    return 12;
}

class SessionsPerMonth : public api::RuleSet {
public:
    std::vector<api::Finding> check(const api::ReportView& r) const override {
        const api::Value sessions = r.value("I.1");
        const int months = months_in(r.period());
        if (!sessions.is_number() || sessions.number >= months) return {};
        const std::string n = std::to_string(months);
        return {api::Finding{"warning", "example.sessions-per-month", {"I.1"}, "I",
                             "Chủ tịch UBND xã tiếp công dân định kỳ ít nhất mỗi tháng một buổi: kỳ " + r.period_label() +
                                 " cần ít nhất " + n + " buổi, báo cáo ghi " + r.display("I.1") + ".",
                             "The chair must hold at least one reception session a month: " + n +
                                 " expected for this period, " + r.display("I.1") + " reported."}};
    }
};

class ResultsDrafter : public api::Drafter {
public:
    std::string draft(const api::ReportView& r) const override {
        if (!r.value("I.1").is_number() || !r.value("I.2").is_number()) return {};
        std::string text = "Trong " + r.period_label() + ", Chủ tịch UBND xã đã tổ chức " + r.display("I.1") +
                           " buổi tiếp công dân định kỳ, tiếp " + r.display("I.2") + " lượt công dân";
        if (r.value("I.3.1").is_number())
            text += "; tiếp nhận " + r.display("I.3.1") + " đơn thư, đã giải quyết " + r.display("I.3.2") + " đơn (đạt " +
                    r.display("I.3") + ")";
        return text + ".";
    }
};

class TallyExporter : public api::Exporter {
public:
    std::string id() const override { return "tally"; }
    std::string extension() const override { return "tsv"; }
    std::string label_vi() const override { return "Bảng kiểm đếm của huyện (TSV)"; }
    std::string label_en() const override { return "District tally sheet (TSV)"; }
    std::string write(const api::ReportView& r, const std::vector<std::string>& codes,
                      const std::string& path) const override {
        std::ofstream out(path, std::ios::binary);
        if (!out) return "không mở được tệp để ghi";
        out << "unit\t" << r.unit_name() << "\nperiod\t" << r.period() << '\n';
        for (const auto& code : codes) out << code << '\t' << r.display(code) << '\n';
        out.flush();
        return out ? "" : "ghi tệp không trọn vẹn";
    }
};

class Plugin : public api::Plugin {
public:
    void register_with(api::Registrar& host) override {
        host.add_rules("tiep-cong-dan", std::make_shared<SessionsPerMonth>());
        host.add_drafter("tiep-cong-dan", "I", std::make_shared<ResultsDrafter>());
        host.add_exporter(std::make_shared<TallyExporter>());
        host.log_info("example plugin registered");
    }
};

std::shared_ptr<api::Plugin> create() { return std::make_shared<Plugin>(); }

}  // namespace example

// Exports the API version and the factory under the names the host looks for.
REPORTBENCH_PLUGIN(example::create)
