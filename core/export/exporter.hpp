#pragma once
// The exporter interface and the registry of exporters. The built-in formats register in
// export/builtin.hpp; a native plugin may add its own through the plugin API.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "export/document.hpp"
#include "schema/report_type.hpp"

namespace rb::exporting {

// Called with a fraction 0..1 and a short stage name in the user's language.
using Progress = std::function<void(double fraction, const std::string& stage)>;

struct ExportInput {
    const report::Report& report;
    const validate::Evaluation& evaluation;
    const validate::ValidationResult& findings;
    const RecipientProfile& profile;  // the default profile when the user chose none
    const ExportDocument& document;
};

class Exporter {
public:
    virtual ~Exporter() = default;
    virtual std::string id() const = 0;         // "docx"
    virtual std::string extension() const = 0;  // "docx"
    virtual schema::LocalText label() const = 0;  // "Văn bản Word (DOCX)"
    // Writes the whole file at `path` (the caller makes it atomic: `path` is a temporary
    // name in the destination folder). Fails with a message naming what went wrong.
    virtual rb::Status write(const ExportInput& in, const std::string& path,
                             const Progress& progress) const = 0;
};

class ExporterRegistry {
public:
    void add(std::shared_ptr<const Exporter> e);  // replaces one with the same id
    const Exporter* find(std::string_view id) const;
    const std::vector<std::shared_ptr<const Exporter>>& all() const { return exporters_; }

private:
    std::vector<std::shared_ptr<const Exporter>> exporters_;
};

}  // namespace rb::exporting
