using LiveOrders.Core.Reports;

namespace LiveOrders.Web.Components.Reports;

/// <summary>How the trend's points are written: a week as «02.03–08.03.2026», a month as «март 2026», on the axis shorter and thinned out.</summary>
public static class ReportTrendText
{
    /// <summary>The most points drawn as bars; more are drawn as lines (bars of a year's 53 weeks are hairlines on a phone).</summary>
    public const int MostBars = 16;

    /// <summary>The most labels under the chart: more overlap on a phone.</summary>
    public const int MostLabels = 8;

    public static string Range(ReportTrendPoint point, TrendStep step) => step == TrendStep.Week
        ? $"{point.Start:dd.MM}–{point.LastDay:dd.MM.yyyy}"
        : point.Start.ToString("LLLL yyyy", ReportText.Russian);

    /// <summary>
    /// Labels under the chart, at most about <see cref="MostLabels"/>, the rest blank; a partial point's label starred.
    /// Weeks: every k-th from the first. Months: on a calendar step (1, 2, 3, 6 months, a year, two), so a long period
    /// reads as years («2018», «2019») and a shorter one as «01.25», «04.25», «07.25».
    /// </summary>
    public static string[] Labels(IReadOnlyList<ReportTrendPoint> points, TrendStep step)
    {
        if (step == TrendStep.Week)
        {
            var every = Math.Max(1, (int)Math.Ceiling(points.Count / (double)MostLabels));
            return points.Select((p, i) => i % every != 0 ? "" : p.Start.ToString("dd.MM", ReportText.Russian) + Star(p)).ToArray();
        }
        int[] steps = [1, 2, 3, 6, 12, 24, 60];
        var months = steps.FirstOrDefault(s => points.Count / s <= MostLabels, steps[^1]);
        return points.Select(p =>
            (p.Start.Year * 12 + p.Start.Month - 1) % months != 0 ? ""
            : (months >= 12 ? p.Start.ToString("yyyy", ReportText.Russian) : p.Start.ToString("MM.yy", ReportText.Russian)) + Star(p)).ToArray();
    }

    /// <summary>A step between the value axis' lines of 1, 2 or 5 times a power of ten, giving at most about five lines.</summary>
    public static int AxisStep(int highest)
    {
        for (var power = 1; ; power *= 10)
            foreach (var factor in new[] { 1, 2, 5 })
                if (highest <= factor * power * 5) return factor * power;
    }

    private static string Star(ReportTrendPoint point) => point.Partial ? "*" : "";
}
