namespace LiveOrders.Core.Reports;

/// <summary>Each chosen department's figures, and their total («Итого по выбранным», department id 0).</summary>
public sealed record ReportFigures(IReadOnlyList<DepartmentFigures> Departments, DepartmentFigures Total);
