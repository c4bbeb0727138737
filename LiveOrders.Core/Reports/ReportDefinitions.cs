using LiveOrders.Core.Orders;
using LiveOrders.Core.Time;

namespace LiveOrders.Core.Reports;

/// <summary>
/// The reports' definitions of «received» and «done» as query pieces, so the figures table, the weekly trend and the
/// exports count the same rows (<see cref="ReportQueries.DepartmentFiguresAsync"/> states each definition in words).
/// Instants are UTC; a period's window is [From 00:00, To 00:00) in the municipality's zone.
/// </summary>
public static class ReportDefinitions
{
    /// <summary>The period's window as UTC instants.</summary>
    public static (DateTime From, DateTime To) Window(ReportPeriod period, MunicipalTime time) =>
        (time.ToUtc(period.From.ToDateTime(TimeOnly.MinValue)), time.ToUtc(period.To.ToDateTime(TimeOnly.MinValue)));

    /// <summary>
    /// Received: each time an order was sent or forwarded to one of the departments within the window (twice to the
    /// same department counts twice; a draft is not received). The event's <c>ToDepartmentId</c> is the receiver.
    /// </summary>
    public static IQueryable<OrderEvent> Arrivals(IQueryable<OrderEvent> events, List<int> departmentIds, DateTime from, DateTime to) =>
        events.Where(e => (e.Kind == OrderEventKind.Sent || e.Kind == OrderEventKind.Forwarded) && e.At >= from && e.At < to
            && e.ToDepartmentId != null && departmentIds.Contains(e.ToDepartmentId.Value));

    /// <summary>Done: orders executed by one of the departments whose result was approved within the window (<see cref="Order.CompletedAt"/>).</summary>
    public static IQueryable<Order> Done(IQueryable<Order> orders, List<int> departmentIds, DateTime from, DateTime to) =>
        orders.Where(o => o.Status == OrderStatus.Done && o.CompletedAt >= from && o.CompletedAt < to
            && departmentIds.Contains(o.ExecutingDepartmentId));
}
