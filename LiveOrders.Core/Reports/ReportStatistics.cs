namespace LiveOrders.Core.Reports;

/// <summary>The means and medians of the reports, in one place for the figures and their drill-down lists.</summary>
public static class ReportStatistics
{
    public static TimeSpan? Mean(IReadOnlyCollection<TimeSpan> values) =>
        values.Count == 0 ? null : TimeSpan.FromTicks((long)values.Average(v => (double)v.Ticks));

    /// <summary>The middle value; for an even count, the mean of the two middle ones.</summary>
    public static TimeSpan? Median(IReadOnlyCollection<TimeSpan> values)
    {
        if (values.Count == 0) return null;
        var sorted = values.OrderBy(v => v).ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : TimeSpan.FromTicks((sorted[mid - 1].Ticks + sorted[mid].Ticks) / 2);
    }
}
