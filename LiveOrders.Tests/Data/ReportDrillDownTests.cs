using LiveOrders.Core;
using LiveOrders.Core.Reports;
using LiveOrders.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Data;

/// <summary>
/// The orders behind each figure on <see cref="ReportMunicipality"/>: for each department and every figure, the rows are
/// the orders worked out by hand (by letter, as in <c>ReportFiguresTests</c>), and their count (or their mean) is the figure.
/// </summary>
public sealed class ReportDrillDownTests : IAsyncLifetime
{
    private static readonly ReportPeriod March = ReportMunicipality.March;
    private TestDatabase _db = default!;
    private ReportMunicipality _m = default!;
    private ReportQueries Reports => _db.Services.GetRequiredService<ReportQueries>();

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _m = await ReportMunicipality.BuildAsync(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    /// <summary>Housing's and Roads' rows per figure, by letter, in the order of their instants.</summary>
    private Dictionary<ReportFigure, int[]> Housing => new()
    {
        [ReportFigure.Received] = [_m.A, _m.B, _m.C, _m.F],              // all sent at h0
        [ReportFigure.Done] = [_m.A, _m.E, _m.B],                        // approved h11, h16, h101
        [ReportFigure.DoneOnTime] = [_m.A, _m.E],
        [ReportFigure.DoneLate] = [_m.B],
        [ReportFigure.OverdueNow] = [_m.F],
        [ReportFigure.TimeToAccept] = [_m.A, _m.B],                      // C left before it was accepted
        [ReportFigure.TimeToComplete] = [_m.A, _m.E, _m.B],
        [ReportFigure.Forwards] = [_m.C],
        [ReportFigure.Returns] = [],
        [ReportFigure.ExtensionsAsked] = [_m.B],
        [ReportFigure.ExtensionsGranted] = [_m.B],
        [ReportFigure.Marked] = [_m.A, _m.B],                            // E has no mark
    };

    private Dictionary<ReportFigure, int[]> Roads => new()
    {
        [ReportFigure.Received] = [_m.D, _m.G, _m.C],                    // D, G at h0; C forwarded at h2
        [ReportFigure.Done] = [_m.D],
        [ReportFigure.DoneOnTime] = [_m.D],
        [ReportFigure.DoneLate] = [],
        [ReportFigure.OverdueNow] = [_m.C],
        [ReportFigure.TimeToAccept] = [_m.D, _m.G, _m.C],                // arrivals h0, h0, h2
        [ReportFigure.TimeToComplete] = [_m.D],
        [ReportFigure.Forwards] = [],
        [ReportFigure.Returns] = [_m.D],
        [ReportFigure.ExtensionsAsked] = [_m.G],
        [ReportFigure.ExtensionsGranted] = [],                           // G's was refused
        [ReportFigure.Marked] = [_m.D],
    };

    [Fact]
    public async Task EveryFiguresRows_AreTheOrdersWorkedOutByHand_ForEachDepartment()
    {
        Assert.Equal(Enum.GetValues<ReportFigure>().Length, Housing.Count);
        foreach (var (department, expected) in new[] { (_db.Housing.Id, Housing), (_db.Roads.Id, Roads) })
            foreach (var (figure, letters) in expected)
            {
                var rows = await RowsAsync(figure, department);
                Assert.True(letters.Order().SequenceEqual(rows.Select(r => r.OrderId).Order()),
                    $"{figure}, department {department}: expected [{string.Join(", ", letters)}], got [{string.Join(", ", rows.Select(r => r.OrderId))}]");
                Assert.All(rows, r => Assert.Equal(department, r.DepartmentId));
            }
    }

    [Fact]
    public async Task EachListsCount_IsTheFigureOnTheReportsPage_AndItsMeansAreTheFiguresMeans()
    {
        var report = (await Reports.FiguresWithTotalAsync(_db.Deputy, March)).Value!;
        foreach (var figures in report.Departments.Append(report.Total))
        {
            int[] ids = figures.DepartmentId == 0 ? [_db.Housing.Id, _db.Roads.Id] : [figures.DepartmentId];
            async Task<FigureOrders> Of(ReportFigure f) => (await Reports.OrdersBehindAsync(_db.Deputy, March, ids, f)).Value!;
            Assert.Equal(figures.Received, (await Of(ReportFigure.Received)).Rows.Count);
            Assert.Equal(figures.Done, (await Of(ReportFigure.Done)).Rows.Count);
            Assert.Equal(figures.DoneOnTime, (await Of(ReportFigure.DoneOnTime)).Rows.Count);
            Assert.Equal(figures.Done - figures.DoneOnTime, (await Of(ReportFigure.DoneLate)).Rows.Count);
            Assert.Equal(figures.OverdueNow, (await Of(ReportFigure.OverdueNow)).Rows.Count);
            Assert.Equal(figures.Forwards, (await Of(ReportFigure.Forwards)).Rows.Count);
            Assert.Equal(figures.Returns, (await Of(ReportFigure.Returns)).Rows.Count);
            Assert.Equal(figures.ExtensionsAsked, (await Of(ReportFigure.ExtensionsAsked)).Rows.Count);
            Assert.Equal(figures.ExtensionsGranted, (await Of(ReportFigure.ExtensionsGranted)).Rows.Count);
            var accept = await Of(ReportFigure.TimeToAccept);
            Assert.Equal((figures.MeanToAccept, figures.MedianToAccept), (accept.MeanDuration, accept.MedianDuration));
            var complete = await Of(ReportFigure.TimeToComplete);
            Assert.Equal((figures.MeanToComplete, figures.MedianToComplete), (complete.MeanDuration, complete.MedianDuration));
            Assert.Equal(figures.MeanMark, (await Of(ReportFigure.Marked)).MeanMark);
        }
    }

    [Fact]
    public async Task TheTotal_IsTheSumOfTheDepartments_AndItsListsTheirUnion()
    {
        var report = (await Reports.FiguresWithTotalAsync(_db.Controller, March, [_db.Housing.Id, _db.Roads.Id])).Value!;
        var total = report.Total;
        Assert.Equal(ReportQueries.TotalName, total.Name);
        Assert.Equal((7, 4, 3, 2, 1, 1, 2, 1), (total.Received, total.Done, total.DoneOnTime, total.OverdueNow, total.Forwards, total.Returns,
            total.ExtensionsAsked, total.ExtensionsGranted));
        Assert.Equal(TimeSpan.FromHours(5), total.MeanToAccept);           // 1, 3, 4, 5, 12 h
        Assert.Equal(TimeSpan.FromHours(4), total.MedianToAccept);
        Assert.Equal(TimeSpan.FromHours(231.0 / 4), total.MeanToComplete);  // 11, 88, 101, 31 h
        Assert.Equal(4.0, total.MeanMark);                                 // 5, 4, 3

        var received = (await Reports.OrdersBehindAsync(_db.Controller, March, [_db.Housing.Id, _db.Roads.Id], ReportFigure.Received)).Value!;
        Assert.Equal(new[] { _m.A, _m.B, _m.C, _m.F, _m.D, _m.G, _m.C }.Order(), received.Rows.Select(r => r.OrderId).Order());
    }

    [Fact]
    public async Task TheRowsValues_AreTheOnesWorkedOutByHand()
    {
        var late = Assert.Single(await RowsAsync(ReportFigure.DoneLate, _db.Housing.Id));
        Assert.Equal(TimeSpan.FromHours(4), late.Duration);                // B submitted h100, due h96 after the extension
        Assert.Equal(ReportMunicipality.Due(101), late.At);               // approved
        Assert.Equal(ReportMunicipality.Due(96), late.DueAt);

        var accept = await RowsAsync(ReportFigure.TimeToAccept, _db.Roads.Id);
        var c = accept.Single(r => r.OrderId == _m.C);
        Assert.Equal((TimeSpan.FromHours(5), ReportMunicipality.Due(2)), (c.Duration, c.At));  // arrived h2, accepted h7
        Assert.Equal(TimeSpan.FromHours(12), accept.Single(r => r.OrderId == _m.G).Duration);

        var complete = await RowsAsync(ReportFigure.TimeToComplete, _db.Housing.Id);
        Assert.Equal(TimeSpan.FromHours(88), complete.Single(r => r.OrderId == _m.E).Duration); // sent h-72, approved h16

        var overdue = Assert.Single(await RowsAsync(ReportFigure.OverdueNow, _db.Housing.Id));
        Assert.Equal((TimeSpan.FromHours(72), ReportMunicipality.Due(48)), (overdue.Duration, overdue.At)); // now h120, due h48

        var received = await RowsAsync(ReportFigure.Received, _db.Roads.Id);
        var forwarded = received.Single(r => r.OrderId == _m.C);
        Assert.Equal((ReportMunicipality.Due(2), _db.Housing.ShortName), (forwarded.At, forwarded.Note));

        var forward = Assert.Single(await RowsAsync(ReportFigure.Forwards, _db.Housing.Id));
        Assert.Equal(_db.Roads.ShortName, forward.Note);

        var returned = Assert.Single(await RowsAsync(ReportFigure.Returns, _db.Roads.Id));
        Assert.Equal((ReportMunicipality.Due(21), "Нет акта"), (returned.At, returned.Note));

        var marks = await RowsAsync(ReportFigure.Marked, _db.Housing.Id);
        Assert.Equal((5, 4), (marks.Single(r => r.OrderId == _m.A).Mark, marks.Single(r => r.OrderId == _m.B).Mark));
    }

    [Fact]
    public async Task TheListsRefuse_AsTheFiguresDo()
    {
        var finance = await Reports.OrdersBehindAsync(_db.Deputy, March, [_db.Finance.Id], ReportFigure.Received);
        Assert.Equal((Failure.Forbidden, ReportQueries.DepartmentNotYours), (finance.Failure, finance.Message));
        var mixed = await Reports.OrdersBehindAsync(_db.Deputy, March, [_db.Roads.Id, _db.Finance.Id], ReportFigure.Received);
        Assert.Equal(Failure.Forbidden, mixed.Failure);
        foreach (var actor in new[] { _db.HousingClerk, _db.RoadsHead })
        {
            var result = await Reports.OrdersBehindAsync(actor, March, [actor.DepartmentId], ReportFigure.OverdueNow);
            Assert.Equal((Failure.Forbidden, ReportQueries.NotYours), (result.Failure, result.Message));
        }
        var empty = await Reports.OrdersBehindAsync(_db.Controller, new ReportPeriod(new DateOnly(2026, 3, 5), new DateOnly(2026, 3, 5)), null, ReportFigure.Done);
        Assert.Equal((Failure.Invalid, ReportPeriod.Empty), (empty.Failure, empty.Message));
        var unknown = await Reports.OrdersBehindAsync(_db.Controller, March, null, (ReportFigure)99);
        Assert.Equal((Failure.Invalid, ReportFigureText.Unknown), (unknown.Failure, unknown.Message));

        var finances = await Reports.OrdersBehindAsync(_db.Controller, March, [_db.Finance.Id], ReportFigure.Received);
        Assert.True(finances.Ok);
        Assert.Empty(finances.Value!.Rows);
    }

    [Fact]
    public async Task AnOrderThatLeftHerDepartments_IsCounted_ButNotNamed()
    {
        // A deputy head who supervises Housing alone: C arrived there (Roads → Housing) and went on to Roads; she may not see it now.
        var housingOnly = _db.Deputy with { SupervisedDepartmentIds = [_db.Housing.Id] };

        var rows = (await Reports.OrdersBehindAsync(housingOnly, March, [_db.Housing.Id], ReportFigure.Received)).Value!.Rows;

        Assert.Equal(4, rows.Count);                                     // as the figure: A, B, C, F
        var c = rows.Single(r => r.OrderId == _m.C);
        Assert.Equal((false, "", ReportQueries.HiddenOrder), (c.Visible, c.Number, c.Title));
        Assert.All(rows.Where(r => r.OrderId != _m.C), r => Assert.True(r.Visible && r.Number.Length > 0));
        Assert.True((await Reports.OrdersBehindAsync(_db.Deputy, March, [_db.Housing.Id], ReportFigure.Received)).Value!.Rows.All(r => r.Visible));
    }

    [Theory]
    [InlineData("OverdueNow", ReportFigure.OverdueNow)]
    [InlineData("donelate", ReportFigure.DoneLate)]
    [InlineData("Nonsense", null)]
    [InlineData("3", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void AFigureIsNamedInAQueryStringByItsName(string? value, ReportFigure? expected) =>
        Assert.Equal(expected, ReportFigureText.Parse(value));

    private async Task<IReadOnlyList<FigureRow>> RowsAsync(ReportFigure figure, int department)
    {
        var result = await Reports.OrdersBehindAsync(_db.Deputy, March, [department], figure);
        Assert.True(result.Ok, result.Message);
        return result.Value!.Rows;
    }
}
