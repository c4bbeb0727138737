namespace LiveOrders.Core.Reports;

/// <summary>
/// One point of a trend: the local days [<see cref="Start"/>, <see cref="End"/>) cut to the report's period, what the
/// departments received and did in them (the figures' definitions: <see cref="ReportDefinitions"/>). <see cref="Partial"/>
/// when the period covers only part of the week or month (its first or last point), so a short bar is not read as a slump.
/// </summary>
public sealed record ReportTrendPoint(DateOnly Start, DateOnly End, int Received, int Done, bool Partial)
{
    /// <summary>The point's last day, inclusive (as people write a range).</summary>
    public DateOnly LastDay => End.AddDays(-1);
}
