// Loading and the crash-safe save of report files.
#include <string>

#include "base/file_io.hpp"
#include "i18n/i18n.hpp"
#include "report/report.hpp"

namespace rb::report {

Result<Report> load(const std::string& path, files::FileStamp* stamp) {
    auto text = files::read(path, files::kMaxReportBytes, stamp);
    if (!text) return Result<Report>::fail(text.error());
    return from_xml(*text, path);
}

rb::Status save(const Report& r, const std::string& path, const files::FileStamp* unchanged_since,
                files::FileStamp* written) {
    if (r.read_only)
        return rb::Status::fail(
            trf("Không lưu được {}: {}", path,
                r.read_only_reason.empty() ? tr("Báo cáo chỉ mở để xem.") : r.read_only_reason));
    const std::string xml = to_xml(r);
    // Never write a file that would not open again: the reader's size limit first.
    if (xml.size() > files::kMaxReportBytes)
        return rb::Status::fail(trf("Không lưu được {}: báo cáo sẽ lớn {} MB, quá giới hạn {} MB của tệp báo cáo. "
                                    "Hãy rút gọn các đoạn văn bản dài.",
                                    path, (xml.size() + (1u << 20) - 1) >> 20, files::kMaxReportBytes >> 20));
    if (auto check = from_xml(xml, path); !check)
        return rb::Status::fail(
            trf("Không lưu được {}: nội dung báo cáo không hợp lệ.\n{}", path, check.error()));
    return files::write_atomic(path, xml,
                               {.keep_backup = true, .unchanged_since = unchanged_since, .written = written});
}

}  // namespace rb::report
