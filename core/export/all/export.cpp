#include "export/all/export.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <system_error>

#include "base/file_io.hpp"
#include "base/paths.hpp"
#include "i18n/i18n.hpp"
#include "plugin/extensions.hpp"
#include "validate/evaluation.hpp"

#ifdef RB_HAVE_EXPORT_DOCX
#include "export/docx/docx.hpp"
#endif
#ifdef RB_HAVE_EXPORT_XLSX
#include "export/xlsx/xlsx.hpp"
#endif
#ifdef RB_HAVE_EXPORT_PDF
#include "export/pdf/pdf.hpp"
#endif
#ifdef RB_HAVE_EXPORT_SUBMISSION
#include "export/submission/csv.hpp"
#include "export/submission/submission.hpp"
#endif

namespace rb::exporting {
namespace fs = std::filesystem;

ExporterRegistry builtin_exporters() {
    ExporterRegistry reg;
#ifdef RB_HAVE_EXPORT_DOCX
    reg.add(make_docx_exporter());
#endif
#ifdef RB_HAVE_EXPORT_XLSX
    reg.add(make_xlsx_exporter());
#endif
#ifdef RB_HAVE_EXPORT_PDF
    reg.add(make_pdf_exporter());
#endif
#ifdef RB_HAVE_EXPORT_SUBMISSION
    reg.add(make_submission_xml_exporter());
    reg.add(make_submission_json_exporter());
    reg.add(make_csv_exporter());
#endif
    return reg;
}

namespace {

// A plugin's exporter seen through the host's interface.
class PluginExporter : public Exporter {
public:
    explicit PluginExporter(plugin::PluginFormat f) : f_(std::move(f)) {}
    std::string id() const override { return f_.id; }
    std::string extension() const override { return f_.extension; }
    schema::LocalText label() const override { return {f_.label_vi, f_.label_en}; }
    rb::Status write(const ExportInput& in, const std::string& path, const Progress& progress) const override {
        std::vector<std::string> codes;
        for (const auto& row : in.document.appendix.rows)
            if (!row.code.empty() && !row.group && in.evaluation.type().indicator(row.code)) codes.push_back(row.code);
        if (progress) progress(0.0, f_.id);
        return plugin::run_exporter(f_, in.evaluation, in.report, codes, path);
    }

private:
    plugin::PluginFormat f_;
};

bool valid_id(const std::string& id) {
    if (id.empty() || id.size() > 16) return false;
    for (char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
    return true;
}

}  // namespace

ExporterRegistry all_exporters(const plugin::Registry& plugins) {
    ExporterRegistry reg = builtin_exporters();
    for (const auto& e : plugins.exporters()) {
        const std::string& id = e.id;
        if (!valid_id(id) || !valid_id(e.extension) || reg.find(id)) {
            spdlog::warn("plugin exporter \"{}\" skipped: invalid or taken id", id);
            continue;
        }
        reg.add(std::make_shared<PluginExporter>(e));
    }
    return reg;
}

std::vector<const RecipientProfile*> profiles_for(const plugin::Registry& plugins,
                                                  const schema::ReportType& type) {
    std::vector<const RecipientProfile*> out;
    for (const auto& p : plugins.profiles())
        if (p.fits(type)) out.push_back(&p);
    return out;
}

namespace {

std::string list_ids(const ExporterRegistry& reg, const RecipientProfile& profile) {
    std::string out;
    for (const auto& e : reg.all())
        if (profile.offers(e->id())) out += (out.empty() ? "" : ", ") + e->id();
    return out;
}

}  // namespace

Result<ExportResult> export_report(const plugin::Registry& plugins, const report::Report& r,
                                   const ExportOptions& options) {
    using R = Result<ExportResult>;
    auto report_progress = [&](double f, const std::string& stage) {
        if (options.progress) options.progress(f, stage);
    };
    const auto type = plugins.find(r.type_id, r.edition);
    if (!type)
        return R::fail(trf("Loại báo cáo “{}” (ấn bản “{}”) chưa được cài đặt: không xuất được", r.type_id,
                           r.edition));

    const RecipientProfile fallback = default_profile(*type);
    const RecipientProfile* profile = &fallback;
    if (!options.profile_id.empty()) {
        profile = plugins.find_profile(options.profile_id);
        if (!profile) {
            std::string known;
            for (const auto* p : profiles_for(plugins, *type)) known += (known.empty() ? "" : ", ") + p->id;
            return R::fail(trf("Không có hồ sơ nơi nhận “{}”; các hồ sơ dùng được cho báo cáo này: {}",
                               options.profile_id, known.empty() ? tr("(không có)") : known));
        }
        if (!profile->fits(*type))
            return R::fail(trf("Hồ sơ nơi nhận “{}” không dùng cho báo cáo {} ấn bản {}", profile->id,
                               type->id, type->edition));
        if (auto problems = check_profile(*profile, *type); !problems.empty()) return R::fail(problems.front());
    }

    const ExporterRegistry exporters = all_exporters(plugins);
    const Exporter* exporter = exporters.find(options.format);
    if (!exporter || !profile->offers(options.format))
        return R::fail(trf("Định dạng “{}” không xuất được{}; dùng một trong: {}", options.format,
                           profile->id.empty() ? std::string{} : trf(" theo hồ sơ “{}”", profile->id),
                           list_ids(exporters, *profile)));

    std::error_code ec;
    fs::path out = paths::fs_path(options.output);
    if (out.empty()) return R::fail(tr("Chưa chỉ định tệp hoặc thư mục để xuất"));
    if (fs::is_directory(out, ec)) out /= paths::fs_path(file_name_for(profile, r, exporter->extension()));
    const fs::path folder = out.has_parent_path() ? out.parent_path() : fs::path(".");
    if (!fs::is_directory(folder, ec))
        return R::fail(trf("Thư mục “{}” không tồn tại: không xuất được", paths::text_of(folder)));
    if (fs::is_directory(out, ec))
        return R::fail(trf("“{}” là một thư mục, không phải tệp", paths::text_of(out)));

    report_progress(0.0, tr("Tính toán và kiểm tra"));
    auto ev = validate::Evaluation::create(type);
    if (!ev) return R::fail(ev.error());
    ev->load(r);
    if (options.previous) ev->set_previous(options.previous);
    const auto findings = plugin::validate_all(plugins, *ev, r, options.previous);
    const ExportDocument doc = build_document(r, *ev, findings, profile);

    // Written aside in the destination folder and renamed over it: a reader never sees half
    // a file, and an existing export is replaced whole or not at all.
    files::Replacement replacement(paths::text_of(out));
    if (replacement.temporary().empty()) return R::fail(replacement.commit().error());
    const ExportInput in{r, *ev, findings, *profile, doc};
    auto written = exporter->write(in, replacement.temporary(), [&](double f, const std::string& stage) {
        report_progress(0.05 + 0.9 * f, stage);
    });
    if (!written) return R::fail(written.error());
    if (auto ok = replacement.commit(); !ok) return R::fail(ok.error());
    report_progress(1.0, tr("Đã xuất xong"));
    ExportResult res;
    res.path = paths::text_of(out);
    res.errors = findings.errors;
    res.warnings = findings.warnings;
    return R::ok(std::move(res));
}

}  // namespace rb::exporting
