// The report routes of the HTTP API (version 1), over ReportService:
//
//   POST /api/v1/projects/{code}/reports          submit: {"kind", "language", "period"?,
//        "partner"?, "from"?, "to"?} -> 201, Location, the report (submittedReportJson).
//        Leads of the project and admins (kProjectWrite).
//   GET  /api/v1/projects/{code}/reports          {"reports": [...]}, oldest first. Whoever
//        reads the whole project (kProjectData): lead, programme, auditor, admin.
//   GET  /api/v1/projects/{code}/reports/draft?kind=&language=&period=&partner=&from=&to=
//        a PDF rendered now, not stored. A partner report needs the partner readable in full
//        (its partner, the project's lead, ...), an audit extract the project's audit trail,
//        the others the whole project.
//   GET  /api/v1/reports/{id}/pdf                 the stored bytes exactly, application/pdf,
//        Content-Disposition attachment with the stored file name, ETag the quoted SHA-256;
//        each download appends an audit entry. Whoever reads the report's whole project.
//   POST /api/v1/reports/verify                   body: the PDF (application/pdf) ->
//        {"submitted": true, "report": {...}} or {"submitted": false}; the report is left out
//        for a user who may not read its project.
//
// A report the user may not see is 404, as if it did not exist.
#pragma once

#include "Router.h"

namespace crossgrant::server {

class AppContext;

/// Adds the routes above. context must outlive the router.
void addReportRoutes(Router& router, AppContext& context);

}  // namespace crossgrant::server
