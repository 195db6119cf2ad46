// The «Диаграммы» sheet of the XLSX report: the figures of the dashboard's charts as two small
// tables (on-time share per organisation; the period by month of deadline) and Excel's own charts
// drawn from them — stacked bars per organisation and stacked columns per month — so a department
// can restyle or copy them into its own documents. Used by WriteXlsx.
#pragma once

#include <xlsxwriter.h>

#include "reports/report.h"

namespace vekha::reports {

void WriteChartSheet(lxw_workbook* workbook, const Report& report);

}  // namespace vekha::reports
