using Bunit;
using LiveOrders.Core.Reports;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Components.Reports;
using MudBlazor;

namespace LiveOrders.Tests.Components.Reports;

/// <summary>The trend section: what it says about its points (weeks or months, partial ones, an empty period) and its labels.</summary>
public sealed class ReportTrendSectionTests
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private static ReportTrend March() => ReportTrend.Build(new ReportPeriod(D(2026, 3, 1), D(2026, 4, 1)), TrendStep.Week,
        received: [D(2026, 3, 2), D(2026, 3, 3), D(2026, 3, 10)], done: [D(2026, 3, 6)]);

    [Fact]
    public async Task AMonth_IsShownByWeek_WithItsPartialWeeksStarred_AndTheSameNumbersInTheTable()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.Deputy);
        ctx.Render<MudPopoverProvider>();

        var section = ctx.Render<ReportTrendSection>(p => p.Add(x => x.Trend, March()));

        Assert.Equal("Week", section.Find("[data-testid=report-trend]").GetAttribute("data-step"));
        Assert.Contains("по неделям", section.Find("h2").TextContent);
        Assert.Contains("Звёздочкой (*) отмечены неполные недели", section.Find("[data-testid=trend-note]").TextContent);
        Assert.Equal(("3", "1"), (section.Find("[data-testid=trend-received]").TextContent, section.Find("[data-testid=trend-done]").TextContent));
        Assert.Empty(section.FindAll("[data-testid=trend-empty]"));

        section.Find("[data-testid=trend-table-toggle] .mud-expand-panel-header").Click();
        var rows = section.FindAll("[data-testid=trend-row]");
        Assert.Equal(6, rows.Count);
        Assert.Equal(["true", "false", "false", "false", "false", "true"], rows.Select(r => r.GetAttribute("data-partial")));
        Assert.Equal("01.03–01.03.2026 (неполн.)", rows[0].QuerySelector("td")!.TextContent);
        Assert.Equal(("02.03–08.03.2026", "2", "1"), (rows[1].QuerySelector("td")!.TextContent,
            rows[1].QuerySelector("[data-testid=trend-row-received]")!.TextContent, rows[1].QuerySelector("[data-testid=trend-row-done]")!.TextContent));
    }

    [Fact]
    public async Task APeriodWithoutData_SaysSo_AndStillDrawsItsWeeks()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.Deputy);
        ctx.Render<MudPopoverProvider>();
        var empty = ReportTrend.Build(new ReportPeriod(D(2020, 1, 1), D(2020, 2, 1)), TrendStep.Week, [], []);

        var section = ctx.Render<ReportTrendSection>(p => p.Add(x => x.Trend, empty));

        Assert.Contains("нет", section.Find("[data-testid=trend-empty]").TextContent);
        Assert.Equal(("0", "0"), (section.Find("[data-testid=trend-received]").TextContent, section.Find("[data-testid=trend-done]").TextContent));
        Assert.NotEmpty(section.FindAll("[data-testid=trend-chart] svg"));
    }

    [Fact]
    public async Task TenYears_AreShownByMonth_AndThePageSaysTheExportHasEveryWeek()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.Deputy);
        ctx.Render<MudPopoverProvider>();
        var period = new ReportPeriod(D(2017, 1, 1), D(2027, 1, 1));
        var trend = ReportTrend.Build(period, ReportTrend.StepFor(period), [D(2026, 3, 2)], []);

        var section = ctx.Render<ReportTrendSection>(p => p.Add(x => x.Trend, trend));

        Assert.Contains("по месяцам", section.Find("h2").TextContent);
        Assert.Contains("в выгрузке — все недели", section.Find("[data-testid=trend-note]").TextContent);
        Assert.Contains("(120)", section.Find("[data-testid=trend-table-toggle]").TextContent);
    }

    [Fact]
    public void TheAxisLabels_AreThinnedToAboutEight_AndMonthsAreLabelledOnCalendarSteps()
    {
        var year = ReportTrend.Build(new ReportPeriod(D(2026, 1, 1), D(2027, 1, 1)), TrendStep.Week, [], []);
        var decade = ReportTrend.Build(new ReportPeriod(D(2017, 1, 1), D(2027, 1, 1)), TrendStep.Month, [], []);
        var quarter = ReportTrend.Build(new ReportPeriod(D(2026, 1, 1), D(2026, 4, 1)), TrendStep.Week, [], []);

        var weekLabels = ReportTrendText.Labels(year.Points, TrendStep.Week);
        var monthLabels = ReportTrendText.Labels(decade.Points, TrendStep.Month);
        var quarterLabels = ReportTrendText.Labels(quarter.Points, TrendStep.Week);

        Assert.Equal(53, weekLabels.Length);                             // 1–4 Jan 2026 (Thu–Sun) … 28–31 Dec
        Assert.InRange(weekLabels.Count(l => l != ""), 6, ReportTrendText.MostLabels);
        Assert.Equal("01.01*", weekLabels[0]);
        Assert.Equal(["2018", "2020", "2022", "2024", "2026"], monthLabels.Where(l => l != ""));     // 120 months: every other January
        Assert.Equal("01.01*", quarterLabels[0]);
        Assert.Equal(7, quarterLabels.Count(l => l != ""));              // 14 weeks, every other one
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(5, 1)]
    [InlineData(6, 2)]
    [InlineData(22, 5)]
    [InlineData(43, 10)]
    [InlineData(480, 100)]
    public void TheValueAxis_HasRoundSteps(int highest, int step) => Assert.Equal(step, ReportTrendText.AxisStep(highest));
}
