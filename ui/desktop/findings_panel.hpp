#pragma once
// The findings of one report as a list: severity (icon and word), message, place. Activating an
// entry (double-click or Enter) asks the report view to go to the cell or the paragraph. A
// justified warning is greyed, with its reason after the message.
#include <wx/listctrl.h>

#include <functional>

#include "session/edit_session.hpp"

namespace rb::desktop {

class FindingsList : public wxListCtrl {
public:
    using GoTo = std::function<void(std::size_t index)>;
    FindingsList(wxWindow* parent, const session::EditSession& session, GoTo go_to);

    // Re-reads the session's findings (a virtual list: cheap whatever their number).
    void refresh();
    std::size_t count() const;
    // Selects entry `index` (and shows it) without activating it.
    void select(std::size_t index);
    long selected() const;

    // Where a finding points, as a user reads it ("I.2.2 — STT 2.2", "Mục II.2").
    static std::string place_text(const session::EditSession& s, const validate::Finding& f);

private:
    wxString OnGetItemText(long item, long column) const override;
    int OnGetItemImage(long item) const override;
    wxItemAttr* OnGetItemAttr(long item) const override;

    const session::EditSession& session_;
    GoTo go_to_;
    mutable wxItemAttr accepted_attr_;
};

}  // namespace rb::desktop
