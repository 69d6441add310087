#include "consolidate/files.hpp"

#include "base/paths.hpp"

#include <algorithm>
#include <filesystem>

#include "export/submission/submission.hpp"
#include "i18n/i18n.hpp"
#include "locale/vi.hpp"

namespace fs = std::filesystem;

namespace rb::consolidate {

rb::Result<std::vector<std::string>> submission_files_in(const std::string& folder) {
    std::vector<std::string> out;
    std::error_code ec;
    for (fs::directory_iterator it(paths::fs_path(folder), ec), end; !ec && it != end; it.increment(ec)) {
        const std::string ext = locale::fold_case(paths::text_of(it->path().extension()));
        if ((ext == ".xml" || ext == ".json") && it->is_regular_file(ec)) out.push_back(paths::text_of(it->path()));
    }
    if (ec) return rb::Result<std::vector<std::string>>::fail(trf("Không đọc được thư mục {}", folder));
    std::sort(out.begin(), out.end());
    return rb::Result<std::vector<std::string>>::ok(std::move(out));
}

rb::Result<FilesResult> consolidate_files(const plugin::Registry& registry, const std::vector<std::string>& paths,
                                          Options options, unsigned threads,
                                          const std::function<void(std::size_t, std::size_t)>& progress) {
    using R = rb::Result<FilesResult>;
    if (paths.empty()) return R::fail(tr("Không có tệp nộp báo cáo nào (.xml, .json) để tổng hợp"));
    schema::ReportTypePtr type;
    std::string first_error;
    for (const auto& p : paths) {
        auto r = exporting::load_submission(p);
        if (!r) {
            if (first_error.empty()) first_error = r.error();
            continue;
        }
        type = registry.find(r->type_id, r->edition);
        if (!type)
            return R::fail(trf("{}: báo cáo dùng loại “{}” ấn bản “{}”, chưa được cài đặt.", p, r->type_id, r->edition));
        break;
    }
    if (!type)
        return R::fail(first_error + "\n" + tr("Không đọc được tệp nộp báo cáo nào; không có gì để tổng hợp"));
    auto outcomes = read_and_digest(type, paths, std::max(1u, threads), options.findings, options.finding_messages,
                                    progress);
    auto c = Consolidator::create(type, std::move(options));
    if (!c) return R::fail(c.error());
    for (auto& o : outcomes) {
        if (o.data) c->add(std::move(*o.data));
        else c->add_unreadable(o.label, o.error);
    }
    outcomes.clear();
    return R::ok(FilesResult{type, c->finish()});
}

std::string total_display(const schema::Indicator& ind, const Total& total) {
    if (total.answers.empty()) return validate::display_value(ind, total.value);
    std::string out;
    for (const auto& [k, n] : total.answers) {
        std::string answer = std::to_string(k);
        if (ind.type == schema::ValueType::YesNo) answer = k == 1 ? tr("có") : tr("không");
        for (const auto& ch : ind.choices)
            if (ch.value == k) answer = ch.label.get();
        out += (out.empty() ? "" : ", ") + trf("{}: {} đơn vị", answer, n);
    }
    return out;
}

}  // namespace rb::consolidate
