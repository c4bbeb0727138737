using LiveOrders.Core.Orders;

namespace LiveOrders.Core.Live;

public enum OrderChangeKind
{
    Created,
    Transition,
    Commented,
}

/// <summary>
/// What the live feed carries after a change has committed: who it concerns (to decide who may
/// receive it) and the new card or comment, so that every open screen applies it in place without
/// a round trip to the database.
/// </summary>
public sealed record OrderChanged(
    OrderChangeKind Kind,
    int OrderId,
    int Version,
    OrderAudience Audience,
    int? PreviousExecutingDepartmentId,
    int? ActorId,
    DateTime At,
    OrderEventKind? Event = null,
    OrderListItem? Card = null,
    CommentItem? Comment = null)
{
    /// <summary>The departments whose boards and lists this change touches.</summary>
    public bool Concerns(int departmentId) =>
        Audience.ExecutingDepartmentId == departmentId
        || Audience.IssuingDepartmentId == departmentId
        || PreviousExecutingDepartmentId == departmentId;
}
