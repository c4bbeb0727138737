namespace LiveOrders.Core.Reports;

/// <summary>Received vs done over a period, point by point; the points add up to the figures' totals for the same period.</summary>
public sealed record ReportTrend(TrendStep Step, IReadOnlyList<ReportTrendPoint> Points)
{
    /// <summary>The longest period shown week by week: a year (a leap year's 366 days included). Longer ones go by month.</summary>
    public const int MaxDaysByWeek = 366;

    /// <summary>Weeks up to a year (at most 54 points), months beyond it (a 10-year period is 120 points, not 520).</summary>
    public static TrendStep StepFor(ReportPeriod period) =>
        period.To.DayNumber - period.From.DayNumber <= MaxDaysByWeek ? TrendStep.Week : TrendStep.Month;

    public int Received => Points.Sum(p => p.Received);
    public int Done => Points.Sum(p => p.Done);

    /// <summary>
    /// Cuts the period into weeks (Monday to Sunday) or months and counts the local days of arrivals and of completions
    /// into them. A pure function: the query only supplies the days. Days outside the period are ignored.
    /// </summary>
    public static ReportTrend Build(ReportPeriod period, TrendStep step, IEnumerable<DateOnly> received, IEnumerable<DateOnly> done)
    {
        var bounds = Split(period, step);
        var receivedCounts = new int[bounds.Count];
        var doneCounts = new int[bounds.Count];
        foreach (var day in received) Count(receivedCounts, day);
        foreach (var day in done) Count(doneCounts, day);
        return new ReportTrend(step, bounds.Select((b, i) => new ReportTrendPoint(b.Start, b.End, receivedCounts[i], doneCounts[i], b.Partial)).ToList());

        void Count(int[] counts, DateOnly day)
        {
            if (day < period.From || day >= period.To) return;
            counts[IndexOf(period, step, day)]++;
        }
    }

    /// <summary>The points' days: whole weeks or months, the first and last cut to the period (and then marked partial).</summary>
    public static IReadOnlyList<(DateOnly Start, DateOnly End, bool Partial)> Split(ReportPeriod period, TrendStep step)
    {
        var result = new List<(DateOnly, DateOnly, bool)>();
        for (var start = StartOf(period.From, step); start < period.To; start = Next(start, step))
        {
            var end = Next(start, step);
            var (cutStart, cutEnd) = (Max(start, period.From), Min(end, period.To));
            result.Add((cutStart, cutEnd, cutStart != start || cutEnd != end));
        }
        return result;
    }

    private static int IndexOf(ReportPeriod period, TrendStep step, DateOnly day)
    {
        var first = StartOf(period.From, step);
        return step == TrendStep.Week
            ? (day.DayNumber - first.DayNumber) / 7
            : (day.Year - first.Year) * 12 + day.Month - first.Month;
    }

    private static DateOnly StartOf(DateOnly day, TrendStep step) => step == TrendStep.Week
        ? day.AddDays(-(((int)day.DayOfWeek + 6) % 7))
        : new DateOnly(day.Year, day.Month, 1);

    private static DateOnly Next(DateOnly start, TrendStep step) => step == TrendStep.Week ? start.AddDays(7) : start.AddMonths(1);

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
