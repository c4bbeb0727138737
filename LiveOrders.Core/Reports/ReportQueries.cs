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
        var chosen = await ChosenAsync(actor, period, departmentIds, ct);
        if (!chosen.Ok) return Result<IReadOnlyList<DepartmentFigures>>.From(chosen);
        var scope = chosen.Value!;
        var ids = scope.Select(d => d.Id).ToList();
        var (from, to) = ReportDefinitions.Window(period, time);
        var now = time.UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var events = db.OrderEvents.AsNoTracking();

        var received = await ReportDefinitions.Arrivals(events, ids, from, to)
            .GroupBy(e => e.ToDepartmentId!.Value).Select(g => new { Id = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Id, x => x.Count, ct);

        var forwards = await events
            .Where(e => e.Kind == OrderEventKind.Forwarded && e.At >= from && e.At < to
                && e.FromDepartmentId != null && ids.Contains(e.FromDepartmentId.Value))
            .GroupBy(e => e.FromDepartmentId!.Value).Select(g => new { Id = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Id, x => x.Count, ct);

        // Returns and extensions carry no department: the holder is the latest arrival before the event.
        var held = await events
            .Where(e => (e.Kind == OrderEventKind.Returned || e.Kind == OrderEventKind.ExtensionRequested || e.Kind == OrderEventKind.ExtensionApproved)
                && e.At >= from && e.At < to)
            .Select(e => new
            {
                e.Kind,
                Holder = events.Where(a => a.OrderId == e.OrderId && a.Id < e.Id && (a.Kind == OrderEventKind.Sent || a.Kind == OrderEventKind.Forwarded))
                    .OrderByDescending(a => a.Id).Select(a => a.ToDepartmentId).FirstOrDefault(),
            })
            .Where(x => x.Holder != null && ids.Contains(x.Holder.Value))
            .GroupBy(x => new { x.Kind, x.Holder }).Select(g => new { g.Key.Kind, g.Key.Holder, Count = g.Count() })
            .ToListAsync(ct);
        int Held(int id, OrderEventKind kind) => held.Where(h => h.Holder == id && h.Kind == kind).Sum(h => h.Count);

        var doneOrders = ReportDefinitions.Done(db.Orders.AsNoTracking(), ids, from, to);
        var done = await doneOrders
            .GroupBy(o => o.ExecutingDepartmentId)
            .Select(g => new
            {
                Id = g.Key,
                Count = g.Count(),
                OnTime = g.Count(o => (o.SubmittedAt ?? o.CompletedAt) <= o.DueAt),
                Mark = g.Average(o => (double?)o.QualityMark),
            })
            .ToDictionaryAsync(x => x.Id, ct);
        var toComplete = (await doneOrders.Where(o => o.SentAt != null)
                .Select(o => new { o.ExecutingDepartmentId, SentAt = o.SentAt!.Value, CompletedAt = o.CompletedAt!.Value }).ToListAsync(ct))
            .GroupBy(o => o.ExecutingDepartmentId)
            .ToDictionary(g => g.Key, g => g.Select(o => o.CompletedAt - o.SentAt).ToList());

        var overdue = await db.Orders.AsNoTracking()
            .Where(o => ids.Contains(o.ExecutingDepartmentId) && OrderStatusText.AwaitingExecution.Contains(o.Status) && o.DueAt <= now)
            .GroupBy(o => o.ExecutingDepartmentId).Select(g => new { Id = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Id, x => x.Count, ct);

        var toAccept = await TimesToAcceptAsync(db, ids, from, to, ct);

        return scope.Select(d =>
        {
            var doneFigures = done.GetValueOrDefault(d.Id);
            var accept = toAccept.GetValueOrDefault(d.Id) ?? [];
            var complete = toComplete.GetValueOrDefault(d.Id) ?? [];
            return new DepartmentFigures(d.Id, d.ShortName,
                received.GetValueOrDefault(d.Id), doneFigures?.Count ?? 0, doneFigures?.OnTime ?? 0, overdue.GetValueOrDefault(d.Id),
                Mean(accept), Median(accept), Mean(complete), Median(complete),
                forwards.GetValueOrDefault(d.Id), Held(d.Id, OrderEventKind.Returned),
                Held(d.Id, OrderEventKind.ExtensionRequested), Held(d.Id, OrderEventKind.ExtensionApproved),
                doneFigures?.Mark);
        }).ToList();
    }

    /// <summary>
    /// Arrival-to-acceptance durations per department, for the arrivals in the period. Loads the arrivals and acceptances
    /// of the orders that arrived in the period (a few events each) and pairs them in order.
    /// </summary>
    private static async Task<Dictionary<int, List<TimeSpan>>> TimesToAcceptAsync(LiveOrdersDbContext db, List<int> ids, DateTime from, DateTime to,
        CancellationToken ct)
    {
        var events = db.OrderEvents.AsNoTracking();
        var arrivals = ReportDefinitions.Arrivals(events, ids, from, to);
        var rows = await events
            .Where(e => (e.Kind == OrderEventKind.Sent || e.Kind == OrderEventKind.Forwarded || e.Kind == OrderEventKind.Accepted)
                && arrivals.Any(a => a.OrderId == e.OrderId))
            .Select(e => new { e.Id, e.OrderId, e.Kind, e.At, e.ToDepartmentId })
            .ToListAsync(ct);
        var result = new Dictionary<int, List<TimeSpan>>();
        foreach (var order in rows.GroupBy(r => r.OrderId))
        {
            (int Department, DateTime At)? pending = null;
            foreach (var e in order.OrderBy(r => r.Id))
            {
                if (e.Kind == OrderEventKind.Accepted)
                {
                    if (pending is { } arrival)
                    {
                        if (!result.TryGetValue(arrival.Department, out var list)) result[arrival.Department] = list = [];
                        list.Add(e.At - arrival.At);
                    }
                    pending = null;
                }
                else
                    pending = e.At >= from && e.At < to && e.ToDepartmentId is { } d && ids.Contains(d) ? (d, e.At) : null;
            }
        }
        return result;
    }

    private static TimeSpan? Mean(List<TimeSpan> values) =>
        values.Count == 0 ? null : TimeSpan.FromTicks((long)values.Average(v => (double)v.Ticks));

    /// <summary>The middle value; for an even count, the mean of the two middle ones.</summary>
    private static TimeSpan? Median(List<TimeSpan> values)
    {
        if (values.Count == 0) return null;
        var sorted = values.OrderBy(v => v).ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : TimeSpan.FromTicks((sorted[mid - 1].Ticks + sorted[mid].Ticks) / 2);
    }
}
