namespace LiveOrders.Core.Orders;

/// <summary>Who an order concerns: what visibility is decided on, for an entity or a change on the feed.</summary>
public sealed record OrderAudience(
    OrderStatus Status,
    int AuthorId,
    int IssuingDepartmentId,
    int ExecutingDepartmentId,
    int? ResponsibleId,
    IReadOnlyList<int> CoExecutorIds)
{
    public static OrderAudience Of(Order order) => new(order.Status, order.AuthorId, order.IssuingDepartmentId,
        order.ExecutingDepartmentId, order.ResponsibleId, order.CoExecutors.Select(c => c.EmployeeId).ToList());
}
