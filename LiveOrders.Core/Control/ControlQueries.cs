using LiveOrders.Core.Data;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Core.Control;

public sealed record DepartmentKpi(int DepartmentId, string Name, int Open, int Overdue, int DueToday, int DueIn3Days, int DoneThisWeek, int Done30Days, int DoneOnTime30Days)
{
    /// <summary>Share of the last 30 days' completed orders whose result came before the due time; null when none were completed.</summary>
    public double? OnTimeRate => Done30Days == 0 ? null : (double)DoneOnTime30Days / Done30Days;
}

public sealed record OverdueItem(int OrderId, string Number, string Title, string Department, string? Executor, DateTime DueAt, int DaysLate);

/// <summary>An open order that was forwarded back to a department it had already left; the latest such return named.</summary>
public sealed record PingPongOrder(int OrderId, string Number, string Title, string Department, int Count, DateTime At, string ReturnedTo, string SentBackBy);

public sealed record TickerItem(long Id, DateTime At, int OrderId, string Number, string Title, OrderEventKind Kind, string Department);

public sealed record TrendPoint(DateTime Day, int Received, int Done);

/// <summary>What the control panel and the wall show, computed for one moment.</summary>
public sealed record ControlSnapshot(
    IReadOnlyList<DepartmentKpi> Departments,
    DepartmentKpi Total,
    IReadOnlyList<OverdueItem> Overdue,
    IReadOnlyList<TickerItem> Ticker,
    IReadOnlyList<TrendPoint> Trend,
    DateTime At,
    DateTime NextChangeAt,
    IReadOnlyList<PingPongOrder>? PingPongs = null);

/// <summary>The control panel's figures over the departments a deputy head supervises (all of them for control).</summary>
public sealed class ControlQueries(IDbContextFactory<LiveOrdersDbContext> dbFactory, MunicipalTime time)
{
    public const int TickerLength = 25;
    private const int TrendDays = 14;

    /// <summary>The departments the actor oversees on the panel, or none when the panel is not theirs.</summary>
    public async Task<IReadOnlyList<DepartmentRef>> ScopeAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!AccessPolicy.CanUseControlPanel(actor)) return [];
        var departments = await db.Departments.AsNoTracking().Where(d => d.IsActive && d.ParentId != null)
            .OrderBy(d => d.Name).Select(d => new DepartmentRef(d.Id, d.Name, d.ShortName, d.ParentId)).ToListAsync(ct);
        return departments.Where(d => AccessPolicy.OverseesOnPanel(actor, d.Id)).ToList();
    }

    public async Task<ControlSnapshot> SnapshotAsync(IReadOnlyList<DepartmentRef> scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.UtcNow;
        var localToday = time.LocalNow.Date;
        var endOfToday = time.ToUtc(localToday.AddDays(1));
        var weekStart = time.ToUtc(localToday.AddDays(-(((int)localToday.DayOfWeek + 6) % 7)));
        var monthAgo = now.AddDays(-30);
        var threeDays = TimeSpan.FromDays(3);
        var ids = scope.Select(d => d.Id).ToList();
        var names = scope.ToDictionary(d => d.Id, d => d.ShortName);

        var open = await db.Orders.AsNoTracking()
            .Where(o => ids.Contains(o.ExecutingDepartmentId) && OrderStatusText.WithExecutor.Contains(o.Status))
            .Select(o => new { o.Id, o.Number, o.Title, o.ExecutingDepartmentId, o.Status, o.DueAt, o.PingPongCount,
                Executor = db.Employees.Where(e => e.Id == o.ResponsibleId).Select(e => e.FullName).FirstOrDefault() })
            .ToListAsync(ct);
        var done = await db.Orders.AsNoTracking()
            .Where(o => ids.Contains(o.ExecutingDepartmentId) && o.Status == OrderStatus.Done && o.CompletedAt >= monthAgo)
            .Select(o => new { o.ExecutingDepartmentId, o.CompletedAt, OnTime = (o.SubmittedAt ?? o.CompletedAt) <= o.DueAt })
            .ToListAsync(ct);

        bool Awaiting(OrderStatus s) => s.IsAwaitingExecution();
        DepartmentKpi Kpi(int id, string name, Func<int, bool> inScope) => new(id, name,
            open.Count(o => inScope(o.ExecutingDepartmentId)),
            open.Count(o => inScope(o.ExecutingDepartmentId) && Awaiting(o.Status) && o.DueAt <= now),
            open.Count(o => inScope(o.ExecutingDepartmentId) && Awaiting(o.Status) && o.DueAt > now && o.DueAt < endOfToday),
            open.Count(o => inScope(o.ExecutingDepartmentId) && Awaiting(o.Status) && o.DueAt > now && o.DueAt <= now + threeDays),
            done.Count(o => inScope(o.ExecutingDepartmentId) && o.CompletedAt >= weekStart),
            done.Count(o => inScope(o.ExecutingDepartmentId)),
            done.Count(o => inScope(o.ExecutingDepartmentId) && o.OnTime));

        var perDepartment = scope.Select(d => Kpi(d.Id, d.ShortName, x => x == d.Id)).ToList();
        var total = Kpi(0, "Всего", _ => true);
        var overdue = open.Where(o => Awaiting(o.Status) && o.DueAt <= now)
            .OrderBy(o => o.DueAt)
            .Select(o => new OverdueItem(o.Id, o.Number, o.Title, names[o.ExecutingDepartmentId], o.Executor, o.DueAt,
                (int)Math.Floor((now - o.DueAt).TotalDays)))
            .ToList();

        // Ping-pong among the open orders (Order.PingPongCount is kept by the forward): the latest return of each.
        var bounced = open.Where(o => o.PingPongCount > 0).ToList();
        var bouncedIds = bounced.Select(o => o.Id).ToList();
        var returns = (await db.OrderEvents.AsNoTracking()
                .Where(e => bouncedIds.Contains(e.OrderId) && e.Kind == OrderEventKind.PingPong)
                .Select(e => new { e.Id, e.OrderId, e.At, e.FromDepartmentId, e.ToDepartmentId })
                .ToListAsync(ct))
            .GroupBy(e => e.OrderId).ToDictionary(g => g.Key, g => g.MaxBy(e => e.Id)!);
        var departmentNames = bouncedIds.Count == 0 ? []
            : await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.ShortName, ct);
        string NameOf(int? id) => id is { } i && departmentNames.TryGetValue(i, out var n) ? n : "?";
        var pingPongs = bounced.Where(o => returns.ContainsKey(o.Id))
            .Select(o => (Order: o, Return: returns[o.Id]))
            .OrderByDescending(x => x.Return.At)
            .Select(x => new PingPongOrder(x.Order.Id, x.Order.Number, x.Order.Title, names[x.Order.ExecutingDepartmentId], x.Order.PingPongCount,
                x.Return.At, NameOf(x.Return.ToDepartmentId), NameOf(x.Return.FromDepartmentId)))
            .ToList();

        var ticker = await (from e in db.OrderEvents.AsNoTracking()
                            join o in db.Orders on e.OrderId equals o.Id
                            where ids.Contains(o.ExecutingDepartmentId) && o.Status != OrderStatus.Draft
                            orderby e.At descending, e.Id descending
                            select new { e.Id, e.At, OrderId = o.Id, o.Number, o.Title, e.Kind, o.ExecutingDepartmentId })
            .Take(TickerLength).ToListAsync(ct);

        var trendFrom = time.ToUtc(localToday.AddDays(-(TrendDays - 1)));
        var trendEvents = await (from e in db.OrderEvents.AsNoTracking()
                                 join o in db.Orders on e.OrderId equals o.Id
                                 where ids.Contains(o.ExecutingDepartmentId) && e.At >= trendFrom
                                     && (e.Kind == OrderEventKind.Sent || e.Kind == OrderEventKind.Forwarded || e.Kind == OrderEventKind.Approved)
                                 select new { e.At, e.Kind })
            .ToListAsync(ct);
        var trend = Enumerable.Range(0, TrendDays).Select(i => localToday.AddDays(i - TrendDays + 1)).Select(day => new TrendPoint(day,
                trendEvents.Count(e => e.Kind != OrderEventKind.Approved && time.ToLocal(e.At).Date == day),
                trendEvents.Count(e => e.Kind == OrderEventKind.Approved && time.ToLocal(e.At).Date == day)))
            .ToList();

        // The figures change by themselves when an order falls due, enters the three days ahead, or the day turns:
        // the panel refreshes then too. (These are calendar figures for every type, unlike the amber «скоро срок».)
        var nextDue = open.Where(o => Awaiting(o.Status) && o.DueAt > now).Select(o => (DateTime?)o.DueAt).Min();
        var nextWithin3Days = open.Where(o => Awaiting(o.Status) && o.DueAt > now + threeDays).Select(o => (DateTime?)(o.DueAt - threeDays)).Min();
        var nextChange = new[] { nextDue, nextWithin3Days, endOfToday }.Where(d => d is not null).Min()!.Value;
        return new ControlSnapshot(perDepartment, total, overdue,
            ticker.Select(t => new TickerItem(t.Id, t.At, t.OrderId, t.Number, t.Title, t.Kind, names[t.ExecutingDepartmentId])).ToList(),
            trend, now, nextChange, pingPongs);
    }
}
