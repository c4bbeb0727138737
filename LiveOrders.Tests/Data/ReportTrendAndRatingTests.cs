using LiveOrders.Core;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Reports;
using LiveOrders.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Data;

/// <summary>
/// The reports page's weekly trend and department rating on <see cref="ReportMunicipality"/> (t0 = Monday 2 March 2026,
/// 10:00 local), worked out by hand from the fixture's story. Local times of what counts:
/// arrivals — E at Housing Fri 27 Feb 10:00 (h−72); A, B, C, F at Housing and D, G at Roads Mon 2 Mar 10:00 (h0); C at Roads
/// Mon 2 Mar 12:00 (h2, forwarded). Approvals — A (Housing) Mon 2 Mar 21:00 (h11), E (Housing) Tue 3 Mar 02:00 (h16),
/// D (Roads) Tue 3 Mar 17:00 (h31), B (Housing) Fri 6 Mar 15:00 (h101).
/// </summary>
public sealed class ReportTrendAndRatingTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private ReportTrendQueries Trends => _db.Services.GetRequiredService<ReportTrendQueries>();
    private ReportQueries Reports => _db.Services.GetRequiredService<ReportQueries>();

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await ReportMunicipality.BuildAsync(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task March_ByWeek_HasEverythingInTheWeekOf2March_AndAddsUpToTheFigures()
    {
        var result = await Trends.TrendAsync(_db.Deputy, ReportMunicipality.March);

        Assert.True(result.Ok, result.Message);
        var trend = result.Value!;
        Assert.Equal(TrendStep.Week, trend.Step);
        // Sun 1 Mar (partial), 2–8, 9–15, 16–22, 23–29, 30–31 Mar (partial).
        Assert.Equal([D(2026, 3, 1), D(2026, 3, 2), D(2026, 3, 9), D(2026, 3, 16), D(2026, 3, 23), D(2026, 3, 30)], trend.Points.Select(p => p.Start));
        Assert.Equal([true, false, false, false, false, true], trend.Points.Select(p => p.Partial));
        // 2–8 March: received A, B, C, F (Housing) + D, G, C (Roads) = 7; done A, E, B (Housing) + D (Roads) = 4.
        Assert.Equal([(0, 0), (7, 4), (0, 0), (0, 0), (0, 0), (0, 0)], trend.Points.Select(p => (p.Received, p.Done)));

        var figures = (await Reports.DepartmentFiguresAsync(_db.Deputy, ReportMunicipality.March)).Value!;
        Assert.Equal((figures.Sum(f => f.Received), figures.Sum(f => f.Done)), (trend.Received, trend.Done));
    }

    [Fact]
    public async Task APeriodAcrossTheWeekBoundary_PutsEachArrivalInItsLocalWeek()
    {
        // Housing, Fri 27 Feb – Mon 9 Mar: 27 Feb–1 Mar (partial) received E; 2–8 Mar received A, B, C, F and did A, E, B;
        // Mon 9 Mar alone (partial) nothing.
        var result = await Trends.TrendAsync(_db.Deputy, new ReportPeriod(D(2026, 2, 27), D(2026, 3, 10)), [_db.Housing.Id]);

        var points = result.Value!.Points;
        Assert.Equal([(D(2026, 2, 27), D(2026, 3, 1), true), (D(2026, 3, 2), D(2026, 3, 8), false), (D(2026, 3, 9), D(2026, 3, 9), true)],
            points.Select(p => (p.Start, p.LastDay, p.Partial)));
        Assert.Equal([(1, 0), (4, 3), (0, 0)], points.Select(p => (p.Received, p.Done)));
    }

    [Fact]
    public async Task AnArrivalEarlyOnMondayLocal_IsInTheNewWeek_ThoughItIsStillSundayInUtc()
    {
        // Mon 9 March 03:00 in Novokuznetsk (UTC+7) is Sun 8 March 20:00 UTC.
        _db.Clock.Set(new DateTimeOffset(2026, 3, 8, 20, 0, 0, TimeSpan.Zero));
        var created = await _db.Orders.CreateAsync(_db.RoadsHead, new NewOrder("Ночной вызов", "Текст", [_db.Housing.Id], Priority.Urgent,
            _db.Clock.GetUtcNow().UtcDateTime.AddDays(1)));
        Assert.True(created.Ok, created.Message);

        var points = (await Trends.TrendAsync(_db.Deputy, ReportMunicipality.March, [_db.Housing.Id])).Value!.Points;

        Assert.Equal(4, points.Single(p => p.Start == D(2026, 3, 2)).Received);
        Assert.Equal(1, points.Single(p => p.Start == D(2026, 3, 9)).Received);
    }

    [Fact]
    public async Task TenYears_GoByMonth_AndCountEverything()
    {
        var period = new ReportPeriod(D(2020, 1, 1), D(2030, 1, 1));

        var byMonth = (await Trends.TrendAsync(_db.Deputy, period, [_db.Housing.Id])).Value!;
        var byWeek = (await Trends.TrendAsync(_db.Deputy, period, [_db.Housing.Id], TrendStep.Week)).Value!;

        Assert.Equal(TrendStep.Month, byMonth.Step);
        Assert.Equal(120, byMonth.Points.Count);
        Assert.Equal(1, byMonth.Points.Single(p => p.Start == D(2026, 2, 1)).Received);          // E
        Assert.Equal((4, 3), byMonth.Points.Where(p => p.Start == D(2026, 3, 1)).Select(p => (p.Received, p.Done)).Single());
        Assert.Equal((5, 3), (byMonth.Received, byMonth.Done));
        Assert.Equal(523, byWeek.Points.Count);
        Assert.Equal((5, 3), (byWeek.Received, byWeek.Done));
    }

    [Fact]
    public async Task APeriodWithoutData_IsAllZeros()
    {
        var result = await Trends.TrendAsync(_db.Controller, new ReportPeriod(D(2026, 1, 1), D(2026, 2, 1)));

        Assert.True(result.Ok, result.Message);
        Assert.Equal(5, result.Value!.Points.Count);                     // 1–4 Jan (partial), 5–11, 12–18, 19–25, 26–31 (partial)
        Assert.All(result.Value.Points, p => Assert.Equal((0, 0), (p.Received, p.Done)));
    }

    [Fact]
    public async Task TheTrend_IsRefusedAsTheFiguresAre()
    {
        var employee = await Trends.TrendAsync(_db.HousingClerk, ReportMunicipality.March);
        var finance = await Trends.TrendAsync(_db.Deputy, ReportMunicipality.March, [_db.Finance.Id]);
        var backwards = await Trends.TrendAsync(_db.Deputy, new ReportPeriod(D(2026, 3, 5), D(2026, 3, 1)));
        var century = await Trends.TrendAsync(_db.Controller, new ReportPeriod(D(1950, 1, 1), D(2050, 1, 1)));

        Assert.Equal((Failure.Forbidden, ReportQueries.NotYours), (employee.Failure, employee.Message));
        Assert.Equal((Failure.Forbidden, ReportQueries.DepartmentNotYours), (finance.Failure, finance.Message));
        Assert.Equal((Failure.Invalid, ReportPeriod.Empty), (backwards.Failure, backwards.Message));
        Assert.Equal((Failure.Invalid, ReportPeriod.TooLong), (century.Failure, century.Message));
    }

    [Fact]
    public async Task TheRating_OfHousingAndRoads_IsTheOneWorkedOutByHand()
    {
        var figures = (await Reports.DepartmentFiguresAsync(_db.Controller, ReportMunicipality.March)).Value!;

        var rating = DepartmentRating.Rate(figures);

        // Housing (ReportFiguresTests): received 4, done 3, on time 2, overdue now 1, median to accept 2 h, returns 0, mean mark 4.5.
        //   С = 2/3 = 0.6667; П = 1 − 1/4 = 0.75; Б = 24/(24 + 2) = 0.9231; В = 1 − 0/3 = 1; К = (4.5 − 1)/4 = 0.875.
        //   Index = 100 × (0.40 × 0.6667 + 0.25 × 0.75 + 0.15 × 0.9231 + 0.10 × 1 + 0.10 × 0.875)
        //         = 100 × (0.26667 + 0.1875 + 0.13846 + 0.1 + 0.0875) = 78.01 → 78.0.
        // Roads: received 3, done 1, on time 1, overdue now 1, median to accept 5 h, returns 1, mean mark 3.
        //   С = 1; П = 1 − 1/3 = 0.6667; Б = 24/29 = 0.8276; В = 1 − 1/(1 + 1) = 0.5; К = (3 − 1)/4 = 0.5.
        //   Index = 100 × (0.4 + 0.16667 + 0.12414 + 0.05 + 0.05) = 79.08 → 79.1.
        // Finance received and did nothing: not rated, last.
        Assert.Equal([_db.Roads.Id, _db.Housing.Id, _db.Finance.Id], rating.Select(r => r.Figures.DepartmentId));
        Assert.Equal([1, 2, null], rating.Select(r => r.Place));
        Assert.Equal([79.1, 78.0, null], rating.Select(r => r.Index));

        var housing = rating[1].Components;
        Assert.Equal(2.0 / 3, housing.OnTime!.Value, 10);
        Assert.Equal(0.75, housing.NoOverdue!.Value, 10);
        Assert.Equal(24.0 / 26, housing.AcceptSpeed!.Value, 10);
        Assert.Equal(1.0, housing.NoReturns!.Value, 10);
        Assert.Equal(0.875, housing.Quality!.Value, 10);
        var roads = rating[0].Components;
        Assert.Equal(1.0, roads.OnTime!.Value, 10);
        Assert.Equal(2.0 / 3, roads.NoOverdue!.Value, 10);
        Assert.Equal(24.0 / 29, roads.AcceptSpeed!.Value, 10);
        Assert.Equal(0.5, roads.NoReturns!.Value, 10);
        Assert.Equal(0.5, roads.Quality!.Value, 10);
    }
}
