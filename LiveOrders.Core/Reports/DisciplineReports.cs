using LiveOrders.Core.Data;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Core.Reports;

/// <summary>
/// Builds «Справка об исполнительской дисциплине» for one department or for all the actor's reports cover. The table is
/// <see cref="ReportQueries.FiguresWithTotalAsync"/> itself (permissions, period check and definitions included); the two
/// lists are the drill-down's «overdue now» and «done late» (<see cref="ReportDefinitions"/>).
/// </summary>
public sealed class DisciplineReports(IDbContextFactory<LiveOrdersDbContext> dbFactory, MunicipalTime time, ReportQueries reports)
{
    public const string AllDepartments = "все подразделения";
    public const string AllSupervised = "все курируемые подразделения";

    public async Task<Result<DisciplineReport>> BuildAsync(Actor actor, ReportPeriod period, int? departmentId, CancellationToken ct = default)
    {
        var figuresResult = await reports.FiguresWithTotalAsync(actor, period, departmentId is { } d ? [d] : null, ct);
        if (!figuresResult.Ok) return Result<DisciplineReport>.From(figuresResult);
        var figures = figuresResult.Value!.Departments;
        var total = figuresResult.Value.Total;
        // The moment the справка is made: the figures' «overdue now» was counted at it, and the list and its delays are too.
        var now = figuresResult.Value.At;
        var ids = figures.Select(f => f.DepartmentId).ToList();
        var names = figures.ToDictionary(f => f.DepartmentId, f => f.Name);
        var (from, to) = ReportDefinitions.Window(period, time);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var organisation = await db.Departments.AsNoTracking().Where(x => x.ParentId == null).OrderBy(x => x.Id)
            .Select(x => x.Name).FirstOrDefaultAsync(ct);
        var departments = departmentId is { } one
            ? await db.Departments.AsNoTracking().Where(x => x.Id == one).Select(x => x.Name).SingleAsync(ct)
            : actor.SeesEverything ? AllDepartments : AllSupervised;

        var orders = db.Orders.AsNoTracking();
        var overdue = await Listed(db, ReportDefinitions.OverdueNow(orders, ids, now)).ToListAsync(ct);
        var late = await Listed(db, ReportDefinitions.DoneOrders(orders, ids, from, to).Where(ReportDefinitions.Late)).ToListAsync(ct);

        var totals = new DisciplineTotals(total.Received, total.Done, total.DoneOnTime, total.OverdueNow);
        var header = new DisciplineHeader(organisation, DisciplineText.Period(period), departments, time.ToLocal(now));
        return new DisciplineReport(header, figures, totals, DisciplineText.Summary(totals),
            Late(overdue, names, o => now - o.DueAt), Late(late, names, o => o.ReportedAt!.Value - o.DueAt));
    }

    private sealed record Row(int Id, string Number, string Title, int DepartmentId, DateTime DueAt, DateTime? ReportedAt, string? Reason, string? Note);

    /// <summary>The orders' rows with the latest delay reason each gave (a report or an extension request of a late order).</summary>
    private static IQueryable<Row> Listed(LiveOrdersDbContext db, IQueryable<Order> orders) => orders.Select(o => new Row(
        o.Id, o.Number, o.Title, o.ExecutingDepartmentId, o.DueAt, o.SubmittedAt ?? o.CompletedAt,
        db.OrderEvents.Where(e => e.OrderId == o.Id && e.DelayReasonId != null).OrderByDescending(e => e.Id)
            .Select(e => db.DelayReasons.Where(r => r.Id == e.DelayReasonId).Select(r => r.Name).FirstOrDefault()).FirstOrDefault(),
        db.OrderEvents.Where(e => e.OrderId == o.Id && e.DelayReasonId != null).OrderByDescending(e => e.Id)
            .Select(e => e.Reason).FirstOrDefault()));

    /// <summary>Longest delay first; the same delay by number.</summary>
    private List<LateOrder> Late(List<Row> rows, Dictionary<int, string> names, Func<Row, TimeSpan> delay) => rows
        .Select(o => new LateOrder(o.Id, o.Number, o.Title, names.GetValueOrDefault(o.DepartmentId, ""), time.ToLocal(o.DueAt), delay(o),
            o.Reason is null ? null : string.IsNullOrWhiteSpace(o.Note) ? o.Reason : $"{o.Reason}: {o.Note.Trim()}"))
        .OrderByDescending(o => o.Delay).ThenBy(o => o.Number, StringComparer.Ordinal)
        .ToList();
}
