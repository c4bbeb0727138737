namespace LiveOrders.Core.Reports;

/// <summary>
/// Each chosen department's figures, and their total («Итого по выбранным», department id 0). <see cref="At"/>: the
/// instant (UTC) «overdue now» was counted at, for anything that lists or measures those orders beside the figures.
/// </summary>
public sealed record ReportFigures(IReadOnlyList<DepartmentFigures> Departments, DepartmentFigures Total, DateTime At);
