using LiveOrders.Core.Orders;

namespace LiveOrders.Core.Live;

public enum OrderChangeKind
{
    Created,
    Transition,
    Commented,
}

/// <summary>
/// What the live feed carries after a change has committed: enough to decide who may see it and
/// to update a card in place, without a round trip to the database.
/// </summary>
public sealed record OrderChanged(
    OrderChangeKind Kind,
    int OrderId,
    int Version,
    OrderStatus Status,
    int IssuingDepartmentId,
    int ExecutingDepartmentId,
    int? PreviousExecutingDepartmentId,
    int? ActorId,
    DateTime At,
    OrderEventKind? Event = null);
