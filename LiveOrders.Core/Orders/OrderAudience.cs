namespace LiveOrders.Core.Orders;

/// <summary>
/// Who an order concerns: what visibility is decided on, for an entity or a change on the feed. <see cref="ParentId"/>
/// lets the parent's page follow its sub-orders' changes;
/// <see cref="Parent"/> (when loaded) lets whoever sees the parent see the sub-order; <see cref="ControllerId"/> names its controller, who sees it.
/// </summary>
public sealed record OrderAudience(
    OrderStatus Status,
    int AuthorId,
    int IssuingDepartmentId,
    int ExecutingDepartmentId,
    int? ResponsibleId,
    IReadOnlyList<int> CoExecutorIds,
    int? ParentId = null,
    OrderAudience? Parent = null,
    int? ControllerId = null)
{
    public static OrderAudience Of(Order order) => new(order.Status, order.AuthorId, order.IssuingDepartmentId,
        order.ExecutingDepartmentId, order.ResponsibleId, order.CoExecutors.Select(c => c.EmployeeId).ToList(), order.ParentId,
        order.Parent is { } parent ? Of(parent) with { Parent = null } : null, order.ControllerId);
}
