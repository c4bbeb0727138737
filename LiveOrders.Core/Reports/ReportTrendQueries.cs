using LiveOrders.Core.Data;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Core.Reports;

/// <summary>
/// The reports page's trend: received vs done per week (or per month past a year) for the chosen departments, counted
/// with the figures' own query pieces (<see cref="ReportDefinitions"/>), so its points add up to the table's totals.
/// Only the instants are loaded (one date per arrival and per completion: a few MB for 100 000 orders) and put into
/// local weeks in memory, because a week is a matter of the municipality's zone, which SQL does not know.
/// </summary>
public sealed class ReportTrendQueries(IDbContextFactory<LiveOrdersDbContext> dbFactory, MunicipalTime time, ReportQueries reports)
{
    /// <summary>The trend by <paramref name="step"/>, or by the period's own step (<see cref="ReportTrend.StepFor"/>); the same refusals as the figures.</summary>
    public async Task<Result<ReportTrend>> TrendAsync(Actor actor, ReportPeriod period, IReadOnlyCollection<int>? departmentIds = null,
        TrendStep? step = null, CancellationToken ct = default)
    {
        var chosen = await reports.ChosenAsync(actor, period, departmentIds, ct);
        if (!chosen.Ok) return Result<ReportTrend>.From(chosen);
        var ids = chosen.Value!.Select(d => d.Id).ToList();
        var (from, to) = ReportDefinitions.Window(period, time);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var received = await ReportDefinitions.Arrivals(db.OrderEvents.AsNoTracking(), ids, from, to).Select(e => e.At).ToListAsync(ct);
        var done = await ReportDefinitions.DoneOrders(db.Orders.AsNoTracking(), ids, from, to).Select(o => o.CompletedAt!.Value).ToListAsync(ct);
        return ReportTrend.Build(period, step ?? ReportTrend.StepFor(period), received.Select(LocalDay), done.Select(LocalDay));
    }

    private DateOnly LocalDay(DateTime utc) => DateOnly.FromDateTime(time.ToLocal(utc));
}
