using LiveOrders.Core.Data;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Core.Reports;

/// <summary>
/// The reports page's figures per department for a period. Counts and the mean mark are aggregated in SQL; the times to
/// accept and to complete need their medians, so their durations are loaded per department (one small row per order
/// received or done in the period: an id, a department and two instants — a few MB for 100 000 orders).
/// Where a figure overlaps the control panel (<see cref="Control.ControlQueries"/>) it uses the panel's definition.
/// </summary>
public sealed class ReportQueries(IDbContextFactory<LiveOrdersDbContext> dbFactory, MunicipalTime time)
{
    public const string NotYours = "Отчёты доступны заместителям главы по курируемым подразделениям, контролю и администраторам.";
    public const string DepartmentNotYours = "Среди выбранных есть подразделение, которое вы не курируете.";

    /// <summary>The departments whose figures the actor may see (the reports page's department picker).</summary>
    public async Task<IReadOnlyList<DepartmentRef>> ScopeAsync(Actor actor, CancellationToken ct = default)
    {
        if (!AccessPolicy.CanViewReports(actor)) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var departments = await db.Departments.AsNoTracking().Where(d => d.IsActive && d.ParentId != null)
            .OrderBy(d => d.Name).Select(d => new DepartmentRef(d.Id, d.Name, d.ShortName, d.ParentId)).ToListAsync(ct);
        return departments.Where(d => AccessPolicy.ReportsCover(actor, d.Id)).ToList();
    }

    /// <summary>
    /// Figures for each chosen department (all the actor may see when none are chosen), for the period's instants
    /// [From 00:00, To 00:00) local time:
    /// <list type="bullet">
    /// <item><b>Received</b>: times the order was sent or forwarded to the department within the period (an order forwarded
    /// to it twice counts twice; a draft is not received).</item>
    /// <item><b>Done</b>: orders executed by the department whose result was approved within the period
    /// (<see cref="Order.CompletedAt"/>). <b>On time</b>: as on the control panel, the result was submitted — or, with no
    /// submission, approved — no later than the due time in force at approval ((SubmittedAt ?? CompletedAt) ≤ DueAt).</item>
    /// <item><b>Overdue now</b>: as on the control panel, orders with the department awaiting execution (new or in progress)
    /// whose due time has come by now — a figure of the moment, not of the period.</item>
    /// <item><b>Time to accept</b>: for each arrival in the period (sent or forwarded to the department), from the arrival to
    /// its acceptance, if accepted before the order left again (acceptances up to now count).</item>
    /// <item><b>Time to complete</b>: for the orders done in the period, from their sending (<see cref="Order.SentAt"/>, the latest if sent again) to approval.</item>
    /// <item><b>Forwards</b>: forwards out of the department within the period (per order: divided by the received).</item>
    /// <item><b>Returns</b>, <b>extensions asked</b>, <b>extensions granted</b>: such events within the period while the
    /// department held the order (the last department it was sent or forwarded to before the event).</item>
    /// <item><b>Mean mark</b>: the mean quality mark of the orders done in the period that were given one.</item>
    /// </list>
    /// </summary>
    public async Task<Result<IReadOnlyList<DepartmentFigures>>> DepartmentFiguresAsync(Actor actor, ReportPeriod period,
        IReadOnlyCollection<int>? departmentIds = null, CancellationToken ct = default)
    {
        var report = await FiguresWithTotalAsync(actor, period, departmentIds, ct);
        return report.Ok ? report.Value!.Departments.ToList() : Result<IReadOnlyList<DepartmentFigures>>.From(report);
    }

    /// <summary>
    /// <see cref="DepartmentFiguresAsync"/>'s figures and their total («Итого по выбранным»): the sums of the counts, and
    /// the means and medians over all the departments' rows together (so the total drills down to the union of the lists).
    /// </summary>
    public async Task<Result<ReportFigures>> FiguresWithTotalAsync(Actor actor, ReportPeriod period,
        IReadOnlyCollection<int>? departmentIds = null, CancellationToken ct = default)
    {
        var chosen = await ChosenAsync(actor, period, departmentIds, ct);
        if (!chosen.Ok) return Result<ReportFigures>.From(chosen);
        var scope = chosen.Value!;
        var ids = scope.Select(d => d.Id).ToList();
        var (from, to) = ReportDefinitions.Window(period, time);
        var now = time.UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var events = db.OrderEvents.AsNoTracking();
        var orders = db.Orders.AsNoTracking();

        var received = await ReportDefinitions.Arrivals(events, ids, from, to)
            .GroupBy(e => e.ToDepartmentId!.Value).Select(g => new { Id = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Id, x => x.Count, ct);

        var forwards = await ReportDefinitions.ForwardsOut(events, ids, from, to)
            .GroupBy(e => e.FromDepartmentId!.Value).Select(g => new { Id = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Id, x => x.Count, ct);

        var held = await ReportDefinitions.HeldEvents(events, ReportDefinitions.HeldKinds, ids, from, to)
            .GroupBy(x => new { x.Kind, x.Holder }).Select(g => new { g.Key.Kind, g.Key.Holder, Count = g.Count() })
            .ToListAsync(ct);
        int Held(int id, OrderEventKind kind) => held.Where(h => h.Holder == id && h.Kind == kind).Sum(h => h.Count);

        var doneOrders = ReportDefinitions.DoneOrders(orders, ids, from, to);
        var done = await doneOrders.GroupBy(o => o.ExecutingDepartmentId).Select(g => new { Id = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Id, x => x.Count, ct);
        var onTime = await doneOrders.Where(ReportDefinitions.OnTime).GroupBy(o => o.ExecutingDepartmentId)
            .Select(g => new { Id = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Id, x => x.Count, ct);
        var marks = await ReportDefinitions.Marked(doneOrders).GroupBy(o => o.ExecutingDepartmentId)
            .Select(g => new { Id = g.Key, Count = g.Count(), Sum = g.Sum(o => o.QualityMark!.Value) })
            .ToDictionaryAsync(x => x.Id, x => (x.Count, x.Sum), ct);
        var toComplete = (await ReportDefinitions.Completed(doneOrders)
                .Select(o => new { o.ExecutingDepartmentId, SentAt = o.SentAt!.Value, CompletedAt = o.CompletedAt!.Value }).ToListAsync(ct))
            .GroupBy(o => o.ExecutingDepartmentId)
            .ToDictionary(g => g.Key, g => g.Select(o => o.CompletedAt - o.SentAt).ToList());

        var overdue = await ReportDefinitions.OverdueNow(orders, ids, now)
            .GroupBy(o => o.ExecutingDepartmentId).Select(g => new { Id = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Id, x => x.Count, ct);

        var toAccept = (await ReportDefinitions.AcceptancesAsync(db, ids, from, to, ct))
            .GroupBy(a => a.DepartmentId).ToDictionary(g => g.Key, g => g.Select(a => a.Duration).ToList());

        DepartmentFigures Figures(int id, string name, IReadOnlyCollection<int> of)
        {
            int Sum(Func<int, int> count) => of.Sum(count);
            var accept = of.SelectMany(d => toAccept.GetValueOrDefault(d) ?? []).ToList();
            var complete = of.SelectMany(d => toComplete.GetValueOrDefault(d) ?? []).ToList();
            var (marked, markSum) = (Sum(d => marks.GetValueOrDefault(d).Count), Sum(d => marks.GetValueOrDefault(d).Sum));
            return new DepartmentFigures(id, name,
                Sum(received.GetValueOrDefault), Sum(done.GetValueOrDefault), Sum(onTime.GetValueOrDefault), Sum(overdue.GetValueOrDefault),
                ReportStatistics.Mean(accept), ReportStatistics.Median(accept), ReportStatistics.Mean(complete), ReportStatistics.Median(complete),
                Sum(forwards.GetValueOrDefault), Sum(d => Held(d, OrderEventKind.Returned)),
                Sum(d => Held(d, OrderEventKind.ExtensionRequested)), Sum(d => Held(d, OrderEventKind.ExtensionApproved)),
                marked == 0 ? null : (double)markSum / marked);
        }

        return new ReportFigures(scope.Select(d => Figures(d.Id, d.ShortName, [d.Id])).ToList(), Figures(0, TotalName, ids), now);
    }

    /// <summary>
    /// The rows behind one figure of the chosen departments (all the actor may see when none are chosen; several: their
    /// union), by the same definitions as <see cref="DepartmentFiguresAsync"/>, so their count is the figure (for the means,
    /// their durations or marks average to it). Same permissions and refusals as the figures.
    /// </summary>
    public async Task<Result<FigureOrders>> OrdersBehindAsync(Actor actor, ReportPeriod period, IReadOnlyCollection<int>? departmentIds,
        ReportFigure figure, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(figure)) return Result<FigureOrders>.From(Result.Invalid(ReportFigureText.Unknown, "figure"));
        var chosen = await ChosenAsync(actor, period, departmentIds, ct);
        if (!chosen.Ok) return Result<FigureOrders>.From(chosen);
        var scope = chosen.Value!;
        var ids = scope.Select(d => d.Id).ToList();
        var (from, to) = ReportDefinitions.Window(period, time);
        var now = time.UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var events = db.OrderEvents.AsNoTracking();
        var orders = db.Orders.AsNoTracking();
        var names = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.ShortName, ct);
        string? Name(int? id) => id is { } i ? names.GetValueOrDefault(i) : null;
        var done = ReportDefinitions.DoneOrders(orders, ids, from, to);

        async Task<List<Behind>> DoneRowsAsync(IQueryable<Order> of) =>
            (await of.Select(o => new { o.Id, o.ExecutingDepartmentId, CompletedAt = o.CompletedAt!.Value, o.SubmittedAt, o.SentAt, o.DueAt, o.QualityMark })
                .ToListAsync(ct))
            .Select(o => new Behind(o.Id, o.ExecutingDepartmentId, o.CompletedAt,
                figure switch
                {
                    ReportFigure.DoneLate => ReportDefinitions.Delay(o.SubmittedAt, o.CompletedAt, o.DueAt),
                    ReportFigure.TimeToComplete => o.CompletedAt - o.SentAt!.Value,
                    _ => null,
                },
                figure == ReportFigure.Marked ? o.QualityMark : null)).ToList();

        async Task<List<Behind>> HeldRowsAsync(OrderEventKind kind) =>
            (await ReportDefinitions.HeldEvents(events, [kind], ids, from, to).ToListAsync(ct))
            .Select(e => new Behind(e.OrderId, e.Holder!.Value, e.At, Note: e.Reason)).ToList();

        var rows = figure switch
        {
            ReportFigure.Received => (await ReportDefinitions.Arrivals(events, ids, from, to)
                    .Select(e => new { e.OrderId, e.ToDepartmentId, e.FromDepartmentId, e.At }).ToListAsync(ct))
                .Select(e => new Behind(e.OrderId, e.ToDepartmentId!.Value, e.At, Note: Name(e.FromDepartmentId))).ToList(),
            ReportFigure.Done => await DoneRowsAsync(done),
            ReportFigure.DoneOnTime => await DoneRowsAsync(done.Where(ReportDefinitions.OnTime)),
            ReportFigure.DoneLate => await DoneRowsAsync(done.Where(ReportDefinitions.Late)),
            ReportFigure.TimeToComplete => await DoneRowsAsync(ReportDefinitions.Completed(done)),
            ReportFigure.Marked => await DoneRowsAsync(ReportDefinitions.Marked(done)),
            ReportFigure.OverdueNow => (await ReportDefinitions.OverdueNow(orders, ids, now)
                    .Select(o => new { o.Id, o.ExecutingDepartmentId, o.DueAt }).ToListAsync(ct))
                .Select(o => new Behind(o.Id, o.ExecutingDepartmentId, o.DueAt, now - o.DueAt)).ToList(),
            ReportFigure.TimeToAccept => (await ReportDefinitions.AcceptancesAsync(db, ids, from, to, ct))
                .Select(a => new Behind(a.OrderId, a.DepartmentId, a.ArrivedAt, a.Duration)).ToList(),
            ReportFigure.Forwards => (await ReportDefinitions.ForwardsOut(events, ids, from, to)
                    .Select(e => new { e.OrderId, e.FromDepartmentId, e.ToDepartmentId, e.At }).ToListAsync(ct))
                .Select(e => new Behind(e.OrderId, e.FromDepartmentId!.Value, e.At, Note: Name(e.ToDepartmentId))).ToList(),
            ReportFigure.Returns => await HeldRowsAsync(OrderEventKind.Returned),
            ReportFigure.ExtensionsAsked => await HeldRowsAsync(OrderEventKind.ExtensionRequested),
            _ => await HeldRowsAsync(OrderEventKind.ExtensionApproved),
        };

        var orderIds = rows.Select(r => r.OrderId).Distinct().ToList();
        var facts = await orders.Where(o => orderIds.Contains(o.Id))
            .Select(o => new { o.Id, o.Number, o.Title, o.Status, o.DueAt }).ToDictionaryAsync(o => o.Id, ct);
        // A row counts whoever holds the order now (an arrival at a supervised department of an order since forwarded
        // elsewhere), but its number and title are only for those who may see the order.
        var visible = (await orders.Where(o => orderIds.Contains(o.Id)).Where(OrderPolicy.VisibleTo(actor)).Select(o => o.Id).ToListAsync(ct))
            .ToHashSet();
        var list = rows
            .Select(r => (Row: r, Order: facts[r.OrderId], Visible: visible.Contains(r.OrderId)))
            .Select(x => new FigureRow(x.Row.OrderId, x.Visible ? x.Order.Number : "", x.Visible ? x.Order.Title : HiddenOrder,
                x.Order.Status, x.Order.DueAt, x.Row.DepartmentId, Name(x.Row.DepartmentId) ?? "", x.Row.At, x.Row.Duration, x.Row.Mark,
                x.Row.Note, x.Visible))
            .OrderBy(r => r.At).ThenBy(r => r.OrderId).ToList();
        return new FigureOrders(figure, period, scope, now, list);
    }

    public const string TotalName = "Итого по выбранным";
    public const string HiddenOrder = "Поручение сейчас в подразделении, которое вы не курируете";

    /// <summary>
    /// The departments a report covers: the chosen ones (all the actor may see when none are chosen), or the refusal every
    /// report gives — not a reader of reports, a department not theirs, or a period that cannot be (<see cref="ReportPeriod.Problem"/>).
    /// </summary>
    public async Task<Result<IReadOnlyList<DepartmentRef>>> ChosenAsync(Actor actor, ReportPeriod period,
        IReadOnlyCollection<int>? departmentIds, CancellationToken ct = default)
    {
        if (!AccessPolicy.CanViewReports(actor)) return Result<IReadOnlyList<DepartmentRef>>.From(Result.Forbidden(NotYours));
        if (period.Problem() is { } problem) return Result<IReadOnlyList<DepartmentRef>>.From(Result.Invalid(problem, "period"));
        var scope = await ScopeAsync(actor, ct);
        if (departmentIds is not { Count: > 0 }) return new Result<IReadOnlyList<DepartmentRef>>(scope);
        if (departmentIds.Any(id => !AccessPolicy.ReportsCover(actor, id) || scope.All(d => d.Id != id)))
            return Result<IReadOnlyList<DepartmentRef>>.From(Result.Forbidden(DepartmentNotYours));
        return new Result<IReadOnlyList<DepartmentRef>>(scope.Where(d => departmentIds.Contains(d.Id)).ToList());
    }

    /// <summary>A row behind a figure before its order's facts are joined.</summary>
    private sealed record Behind(int OrderId, int DepartmentId, DateTime At, TimeSpan? Duration = null, int? Mark = null, string? Note = null);
}
