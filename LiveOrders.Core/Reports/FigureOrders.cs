using LiveOrders.Core.Orders;

namespace LiveOrders.Core.Reports;

/// <summary>
/// The rows behind one figure of the chosen departments (several: their union, each department's rows together), counted
/// as the figure counts them: one row per arrival, forward, return or extension, so an order can appear twice.
/// <see cref="Moment"/> is the UTC instant «now» was taken at (what «overdue now» is measured against).
/// </summary>
public sealed record FigureOrders(ReportFigure Figure, ReportPeriod Period, IReadOnlyList<DepartmentRef> Departments, DateTime Moment,
    IReadOnlyList<FigureRow> Rows)
{
    /// <summary>The rows' durations (for the duration figures), as the reports page averages them.</summary>
    public IReadOnlyList<TimeSpan> Durations => Rows.Where(r => r.Duration is not null).Select(r => r.Duration!.Value).ToList();
    public TimeSpan? MeanDuration => ReportStatistics.Mean(Durations);
    public TimeSpan? MedianDuration => ReportStatistics.Median(Durations);
    public double? MeanMark => Rows.Any(r => r.Mark is not null) ? Rows.Where(r => r.Mark is not null).Average(r => (double)r.Mark!.Value) : null;
}

/// <summary>
/// One order behind a figure, with the row's own value: <see cref="At"/> the instant of what is counted (the arrival, the
/// approval, the forward, the return, the extension asked or decided; for «overdue now» the due time), a
/// <see cref="Duration"/> where the figure has one (to accept, to complete, the delay of a late or overdue order), the
/// <see cref="Mark"/>, and a <see cref="Note"/> (where it was forwarded to or from, the reason given). Instants are UTC.
/// A row of an order the reader may not see (<see cref="OrderPolicy.VisibleTo"/>: it has since left her departments) is
/// counted, but without its number and title (<see cref="Visible"/> false).
/// </summary>
public sealed record FigureRow(int OrderId, string Number, string Title, OrderStatus Status, DateTime DueAt, int DepartmentId,
    string Department, DateTime At, TimeSpan? Duration = null, int? Mark = null, string? Note = null, bool Visible = true);
