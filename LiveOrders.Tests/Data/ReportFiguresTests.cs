using LiveOrders.Core;
using LiveOrders.Core.Control;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Reports;
using LiveOrders.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Data;

/// <summary>
/// The reports page's figures on <see cref="ReportMunicipality"/>, whose every event is placed by hand on the driven clock.
/// The expected numbers are worked out in the comments (the municipality's comments tell its story).
/// </summary>
public sealed class ReportFiguresTests : IAsyncLifetime
{
    private static readonly ReportPeriod March = ReportMunicipality.March;
    private TestDatabase _db = default!;
    private ReportQueries Reports => _db.Services.GetRequiredService<ReportQueries>();

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await ReportMunicipality.BuildAsync(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task EveryFigure_MatchesTheOnesWorkedOutByHand()
    {
        var result = await Reports.DepartmentFiguresAsync(_db.Deputy, March);
        Assert.True(result.Ok, result.Message);
        var figures = result.Value!;
        Assert.Equal(new[] { _db.Roads.Id, _db.Housing.Id }.Order(), figures.Select(x => x.DepartmentId).Order());

        var housing = figures.Single(x => x.DepartmentId == _db.Housing.Id);
        Assert.Equal(4, housing.Received);                               // A, B, C, F (E arrived in February)
        Assert.Equal(3, housing.Done);                                   // A, E, B approved in March
        Assert.Equal(2, housing.DoneOnTime);                             // A, E
        Assert.Equal(2.0 / 3, housing.OnTimeRate!.Value, 10);
        Assert.Equal(1, housing.OverdueNow);                             // F
        Assert.Equal(TimeSpan.FromHours(2), housing.MeanToAccept);       // A 1 h, B 3 h; C left unaccepted
        Assert.Equal(TimeSpan.FromHours(2), housing.MedianToAccept);
        Assert.Equal(TimeSpan.FromHours(200.0 / 3), housing.MeanToComplete);   // (11 + 88 + 101) / 3
        Assert.Equal(TimeSpan.FromHours(88), housing.MedianToComplete);
        Assert.Equal(1, housing.Forwards);                               // C to Roads
        Assert.Equal(0.25, housing.ForwardsPerOrder, 10);
        Assert.Equal(0, housing.Returns);
        Assert.Equal(1, housing.ExtensionsAsked);                        // B
        Assert.Equal(1, housing.ExtensionsGranted);
        Assert.Equal(4.5, housing.MeanMark);                             // A 5, B 4, E none

        var roads = figures.Single(x => x.DepartmentId == _db.Roads.Id);
        Assert.Equal(3, roads.Received);                                 // D, G sent; C forwarded
        Assert.Equal(1, roads.Done);                                     // D
        Assert.Equal(1, roads.DoneOnTime);                               // submitted again at h30, due h72
        Assert.Equal(1, roads.OverdueNow);                               // C
        Assert.Equal(TimeSpan.FromHours(7), roads.MeanToAccept);         // D 4 h, C 5 h, G 12 h
        Assert.Equal(TimeSpan.FromHours(5), roads.MedianToAccept);
        Assert.Equal(TimeSpan.FromHours(31), roads.MeanToComplete);
        Assert.Equal(TimeSpan.FromHours(31), roads.MedianToComplete);
        Assert.Equal(0, roads.Forwards);
        Assert.Equal(0, roads.ForwardsPerOrder);
        Assert.Equal(1, roads.Returns);                                  // D
        Assert.Equal(1, roads.ExtensionsAsked);                          // G
        Assert.Equal(0, roads.ExtensionsGranted);                        // refused
        Assert.Equal(3.0, roads.MeanMark);
    }

    [Fact]
    public async Task APeriodWithoutData_GivesZerosAndNoMeans_WhileOverdueNowStaysTheMomentsFigure()
    {
        var result = await Reports.DepartmentFiguresAsync(_db.Controller, new ReportPeriod(new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1)));
        Assert.True(result.Ok, result.Message);
        Assert.Equal(3, result.Value!.Count);
        foreach (var x in result.Value)
        {
            Assert.Equal((0, 0, 0, 0, 0, 0, 0), (x.Received, x.Done, x.DoneOnTime, x.Forwards, x.Returns, x.ExtensionsAsked, x.ExtensionsGranted));
            Assert.Null(x.OnTimeRate);
            Assert.Equal(0, x.ForwardsPerOrder);
            Assert.Null(x.MeanToAccept); Assert.Null(x.MedianToAccept);
            Assert.Null(x.MeanToComplete); Assert.Null(x.MedianToComplete);
            Assert.Null(x.MeanMark);
        }
        Assert.Equal(1, result.Value.Single(x => x.DepartmentId == _db.Housing.Id).OverdueNow);
        Assert.Equal(0, result.Value.Single(x => x.DepartmentId == _db.Finance.Id).OverdueNow);
    }

    [Fact]
    public async Task ATenYearPeriod_CountsEverything()
    {
        var result = await Reports.DepartmentFiguresAsync(_db.Deputy, new ReportPeriod(new DateOnly(2020, 1, 1), new DateOnly(2030, 1, 1)), [_db.Housing.Id]);
        Assert.True(result.Ok, result.Message);
        var housing = Assert.Single(result.Value!);
        Assert.Equal(5, housing.Received);                               // E too
        Assert.Equal(3, housing.Done);
        Assert.Equal(TimeSpan.FromHours(5.0 / 3), housing.MeanToAccept);  // E 1 h, A 1 h, B 3 h
        Assert.Equal(TimeSpan.FromHours(1), housing.MedianToAccept);
    }

    [Fact]
    public async Task TheFigures_AgreeWithTheControlPanelAtTheSameMoment()
    {
        var control = _db.Services.GetRequiredService<ControlQueries>();
        var snapshot = await control.SnapshotAsync(await control.ScopeAsync(_db.Deputy));
        // The panel's "30 days" run from now back; no event lies between its edges and these whole local days.
        var local = _db.Time.LocalNow.Date;
        var period = new ReportPeriod(DateOnly.FromDateTime(local.AddDays(-30)), DateOnly.FromDateTime(local.AddDays(1)));
        var report = (await Reports.DepartmentFiguresAsync(_db.Deputy, period)).Value!;
        foreach (var kpi in snapshot.Departments)
        {
            var row = report.Single(x => x.DepartmentId == kpi.DepartmentId);
            Assert.Equal((kpi.Overdue, kpi.Done30Days, kpi.DoneOnTime30Days), (row.OverdueNow, row.Done, row.DoneOnTime));
        }
        Assert.Equal(2, snapshot.Total.Overdue);
    }

    [Fact]
    public async Task ADeputyHead_SeesOnlyTheDepartmentsSheSupervises()
    {
        Assert.Equal(new[] { _db.Housing.Id, _db.Roads.Id }.Order(), (await Reports.ScopeAsync(_db.Deputy)).Select(d => d.Id).Order());
        var finance = await Reports.DepartmentFiguresAsync(_db.Deputy, March, [_db.Finance.Id]);
        Assert.Equal((Failure.Forbidden, ReportQueries.DepartmentNotYours), (finance.Failure, finance.Message));
        var mixed = await Reports.DepartmentFiguresAsync(_db.Deputy, March, [_db.Roads.Id, _db.Finance.Id]);
        Assert.Equal(Failure.Forbidden, mixed.Failure);

        var control = await Reports.DepartmentFiguresAsync(_db.Controller, March);
        Assert.Equal(3, control.Value!.Count);
    }

    [Fact]
    public async Task AnEmployeeOrADepartmentHead_IsRefused()
    {
        foreach (var actor in new[] { _db.HousingClerk, _db.RoadsHead })
        {
            var result = await Reports.DepartmentFiguresAsync(actor, March, [actor.DepartmentId]);
            Assert.Equal((Failure.Forbidden, ReportQueries.NotYours), (result.Failure, result.Message));
            Assert.Empty(await Reports.ScopeAsync(actor));
        }
    }

    [Fact]
    public async Task APeriodEndingBeforeItStarts_IsRefusedWithAMessage()
    {
        var result = await Reports.DepartmentFiguresAsync(_db.Controller, new ReportPeriod(new DateOnly(2026, 3, 5), new DateOnly(2026, 3, 5)));
        Assert.Equal((Failure.Invalid, ReportPeriod.Empty), (result.Failure, result.Message));
    }
}
