using LiveOrders.Core.Reports;

namespace LiveOrders.Tests.Core;

/// <summary>How a period is cut into weeks or months (<see cref="ReportTrend"/>), without a database.</summary>
public sealed class ReportTrendTests
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void March2026_IsSixWeekPoints_TheFirstAndLastPartial()
    {
        // 1 March 2026 is a Sunday: the first point is that one day of the week 23 Feb – 1 Mar; 30–31 March end the last.
        var points = ReportTrend.Split(new ReportPeriod(D(2026, 3, 1), D(2026, 4, 1)), TrendStep.Week);

        Assert.Equal(
        [
            (D(2026, 3, 1), D(2026, 3, 2), true),
            (D(2026, 3, 2), D(2026, 3, 9), false),
            (D(2026, 3, 9), D(2026, 3, 16), false),
            (D(2026, 3, 16), D(2026, 3, 23), false),
            (D(2026, 3, 23), D(2026, 3, 30), false),
            (D(2026, 3, 30), D(2026, 4, 1), true),
        ], points);
    }

    [Fact]
    public void APeriodOfWholeWeeks_HasNoPartialPoint()
    {
        var points = ReportTrend.Split(new ReportPeriod(D(2026, 3, 2), D(2026, 3, 16)), TrendStep.Week);

        Assert.Equal([(D(2026, 3, 2), D(2026, 3, 9), false), (D(2026, 3, 9), D(2026, 3, 16), false)], points);
    }

    [Fact]
    public void Days_AreCountedIntoTheirWeek_AndDaysOutsideThePeriodAreNot()
    {
        var period = new ReportPeriod(D(2026, 3, 1), D(2026, 3, 10));
        var trend = ReportTrend.Build(period, TrendStep.Week,
            received: [D(2026, 3, 1), D(2026, 3, 2), D(2026, 3, 8), D(2026, 3, 9), D(2026, 2, 28), D(2026, 3, 10)],
            done: [D(2026, 3, 8), D(2026, 3, 9), D(2026, 3, 9)]);

        Assert.Equal([(1, 0), (2, 1), (1, 2)], trend.Points.Select(p => (p.Received, p.Done)));
        Assert.Equal([true, false, true], trend.Points.Select(p => p.Partial));
        Assert.Equal((4, 3), (trend.Received, trend.Done));
    }

    [Fact]
    public void UpToAYear_GoesByWeek_LongerByMonth()
    {
        Assert.Equal(TrendStep.Week, ReportTrend.StepFor(new ReportPeriod(D(2028, 1, 1), D(2029, 1, 1))));   // a leap year, 366 days
        Assert.Equal(TrendStep.Month, ReportTrend.StepFor(new ReportPeriod(D(2028, 1, 1), D(2029, 1, 2))));
    }

    [Fact]
    public void TenYears_AreOneHundredTwentyMonths_Or523Weeks()
    {
        var period = new ReportPeriod(D(2020, 1, 1), D(2030, 1, 1));

        var months = ReportTrend.Split(period, TrendStep.Month);
        var weeks = ReportTrend.Split(period, TrendStep.Week);

        Assert.Equal(120, months.Count);
        Assert.DoesNotContain(months, m => m.Partial);
        Assert.Equal((D(2029, 12, 1), D(2030, 1, 1)), (months[^1].Start, months[^1].End));
        // 1 Jan 2020 is a Wednesday (week from Mon 30 Dec 2019), 1 Jan 2030 a Tuesday (the last week is Mon 31 Dec 2029 alone):
        // (31 Dec 2029 − 30 Dec 2019) / 7 + 1 = 3654 / 7 + 1 = 522 + 1.
        Assert.Equal(523, weeks.Count);
        Assert.Equal((D(2020, 1, 1), D(2020, 1, 6), true), weeks[0]);
        Assert.Equal((D(2029, 12, 31), D(2030, 1, 1), true), weeks[^1]);
    }

    [Fact]
    public void APeriodStartingMidMonth_HasPartialMonths()
    {
        var points = ReportTrend.Split(new ReportPeriod(D(2025, 1, 15), D(2026, 3, 10)), TrendStep.Month);

        Assert.Equal(15, points.Count);
        Assert.Equal((D(2025, 1, 15), D(2025, 2, 1), true), points[0]);
        Assert.Equal((D(2026, 3, 1), D(2026, 3, 10), true), points[^1]);
        Assert.All(points.Skip(1).SkipLast(1), p => Assert.False(p.Partial));
    }

    [Theory]
    [InlineData(2026, 3, 5, 2026, 3, 5, ReportPeriod.Empty)]
    [InlineData(2026, 3, 5, 2026, 3, 1, ReportPeriod.Empty)]
    [InlineData(1, 1, 1, 1, 1, 2, ReportPeriod.OutOfRange)]
    [InlineData(1950, 1, 1, 2050, 1, 1, ReportPeriod.TooLong)]
    [InlineData(2010, 1, 1, 2030, 1, 7, ReportPeriod.TooLong)]
    public void APeriodThatCannotBeReported_SaysWhy(int y1, int m1, int d1, int y2, int m2, int d2, string problem) =>
        Assert.Equal(problem, new ReportPeriod(D(y1, m1, d1), D(y2, m2, d2)).Problem());

    [Fact]
    public void TwentyYears_CanBeReported() => Assert.Null(new ReportPeriod(D(2010, 1, 1), D(2030, 1, 1)).Problem());
}
