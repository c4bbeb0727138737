using System.Linq.Expressions;
using LiveOrders.Core.Data;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Core.Reports;

/// <summary>
/// What each figure of the reports counts, one query builder per definition (stated on
/// <see cref="ReportQueries.DepartmentFiguresAsync"/>). The figures aggregate these queries and the drill-down lists read
/// their rows, so a number and the list behind it cannot drift apart; the weekly trend
/// (<see cref="ReportTrendQueries"/>) counts the same arrivals and done orders. Instants are UTC, periods half-open [from, to).
/// </summary>
internal static class ReportDefinitions
{
    /// <summary>The period's window as UTC instants: [From 00:00, To 00:00) in the municipality's zone.</summary>
    public static (DateTime From, DateTime To) Window(ReportPeriod period, MunicipalTime time) =>
        (time.ToUtc(period.From.ToDateTime(TimeOnly.MinValue)), time.ToUtc(period.To.ToDateTime(TimeOnly.MinValue)));

    /// <summary>Received: the sendings and forwards to the departments within the period (one per arrival).</summary>
    public static IQueryable<OrderEvent> Arrivals(IQueryable<OrderEvent> events, List<int> ids, DateTime from, DateTime to) =>
        events.Where(e => (e.Kind == OrderEventKind.Sent || e.Kind == OrderEventKind.Forwarded) && e.At >= from && e.At < to
            && e.ToDepartmentId != null && ids.Contains(e.ToDepartmentId.Value));

    /// <summary>Forwards out of the departments within the period.</summary>
    public static IQueryable<OrderEvent> ForwardsOut(IQueryable<OrderEvent> events, List<int> ids, DateTime from, DateTime to) =>
        events.Where(e => e.Kind == OrderEventKind.Forwarded && e.At >= from && e.At < to
            && e.FromDepartmentId != null && ids.Contains(e.FromDepartmentId.Value));

    /// <summary>The kinds counted against the department holding the order: returns and extensions asked and granted.</summary>
    public static readonly OrderEventKind[] HeldKinds =
        [OrderEventKind.Returned, OrderEventKind.ExtensionRequested, OrderEventKind.ExtensionApproved];

    /// <summary>
    /// Events of the given kinds within the period while one of the departments held the order. Such events carry no
    /// department: the holder is the latest arrival (sent or forwarded) before the event.
    /// </summary>
    public static IQueryable<HeldEvent> HeldEvents(IQueryable<OrderEvent> events, IReadOnlyCollection<OrderEventKind> kinds, List<int> ids,
        DateTime from, DateTime to) =>
        events.Where(e => kinds.Contains(e.Kind) && e.At >= from && e.At < to)
            .Select(e => new HeldEvent
            {
                OrderId = e.OrderId,
                Kind = e.Kind,
                At = e.At,
                Reason = e.Reason,
                Holder = events.Where(a => a.OrderId == e.OrderId && a.Id < e.Id && (a.Kind == OrderEventKind.Sent || a.Kind == OrderEventKind.Forwarded))
                    .OrderByDescending(a => a.Id).Select(a => a.ToDepartmentId).FirstOrDefault(),
            })
            .Where(x => x.Holder != null && ids.Contains(x.Holder.Value));

    /// <summary>Done: orders executed by the departments whose result was approved within the period.</summary>
    public static IQueryable<Order> DoneOrders(IQueryable<Order> orders, List<int> ids, DateTime from, DateTime to) =>
        orders.Where(o => o.Status == OrderStatus.Done && o.CompletedAt >= from && o.CompletedAt < to && ids.Contains(o.ExecutingDepartmentId));

    /// <summary>On time (of the done): submitted — or, with no submission, approved — no later than the due time in force.</summary>
    public static readonly Expression<Func<Order, bool>> OnTime = o => (o.SubmittedAt ?? o.CompletedAt) <= o.DueAt;

    /// <summary>Late (of the done): exactly those not <see cref="OnTime"/>.</summary>
    public static readonly Expression<Func<Order, bool>> Late = Expression.Lambda<Func<Order, bool>>(Expression.Not(OnTime.Body), OnTime.Parameters);

    /// <summary>A late order's delay: from its due time to its submission (or approval, with none).</summary>
    public static TimeSpan Delay(DateTime? submittedAt, DateTime completedAt, DateTime dueAt) => (submittedAt ?? completedAt) - dueAt;

    /// <summary>Time to complete (of the done): the ones that were sent, from the (latest) sending to approval.</summary>
    public static IQueryable<Order> Completed(IQueryable<Order> done) => done.Where(o => o.SentAt != null);

    /// <summary>The mean mark's orders (of the done): those given a quality mark.</summary>
    public static IQueryable<Order> Marked(IQueryable<Order> done) => done.Where(o => o.QualityMark != null);

    /// <summary>Overdue now, as on the control panel: awaiting execution by the departments, their due time come by now.</summary>
    public static IQueryable<Order> OverdueNow(IQueryable<Order> orders, List<int> ids, DateTime now) =>
        orders.Where(o => ids.Contains(o.ExecutingDepartmentId) && OrderStatusText.AwaitingExecution.Contains(o.Status) && o.DueAt <= now);

    /// <summary>
    /// Time to accept: each arrival in the period paired with its acceptance, if accepted before the order left again
    /// (acceptances up to now count). Loads the arrivals and acceptances of the orders that arrived in the period (a few
    /// events each) and pairs them in order.
    /// </summary>
    public static async Task<List<Acceptance>> AcceptancesAsync(LiveOrdersDbContext db, List<int> ids, DateTime from, DateTime to,
        CancellationToken ct)
    {
        var events = db.OrderEvents.AsNoTracking();
        // «OrderId IN (the period's arrivals)», evaluated once, rather than a correlated EXISTS per event of the whole
        // history: SQLite runs the latter for every sent, forwarded and accepted event ever recorded.
        var arrived = Arrivals(events, ids, from, to).Select(a => a.OrderId);
        var rows = await events
            .Where(e => (e.Kind == OrderEventKind.Sent || e.Kind == OrderEventKind.Forwarded || e.Kind == OrderEventKind.Accepted)
                && arrived.Contains(e.OrderId))
            .Select(e => new { e.Id, e.OrderId, e.Kind, e.At, e.ToDepartmentId })
            .ToListAsync(ct);
        var result = new List<Acceptance>();
        foreach (var order in rows.GroupBy(r => r.OrderId))
        {
            (int Department, DateTime At)? pending = null;
            foreach (var e in order.OrderBy(r => r.Id))
            {
                if (e.Kind == OrderEventKind.Accepted)
                {
                    if (pending is { } arrival) result.Add(new Acceptance(arrival.Department, order.Key, arrival.At, e.At - arrival.At));
                    pending = null;
                }
                else
                    pending = e.At >= from && e.At < to && e.ToDepartmentId is { } d && ids.Contains(d) ? (d, e.At) : null;
            }
        }
        return result;
    }
}

/// <summary>An event counted against the department that held the order at the time (<see cref="ReportDefinitions.HeldEvents"/>).</summary>
internal sealed class HeldEvent
{
    public int OrderId { get; init; }
    public OrderEventKind Kind { get; init; }
    public DateTime At { get; init; }
    public string? Reason { get; init; }
    public int? Holder { get; init; }
}

/// <summary>An arrival at a department and how long it waited to be accepted there.</summary>
internal sealed record Acceptance(int DepartmentId, int OrderId, DateTime ArrivedAt, TimeSpan Duration);
